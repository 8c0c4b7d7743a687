"""Take the network away from the current process: the endpoint's query workers never need it.

Two mechanisms, each enough on its own, both applied where the kernel allows:
* a new, empty network namespace (`unshare(CLONE_NEWNET)`, or with a user namespace when not root):
  no interface is up, so every connect fails with "network unreachable";
* a seccomp filter (libseccomp) that makes `socket(AF_INET…)` and `socket(AF_INET6…)` fail with EPERM.
Sockets that already exist (the worker's pipe to the server is an AF_UNIX socket pair) keep working.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import socket

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_CMP_EQ = 4


def _scmp_act_errno(code: int) -> int:
    return 0x00050000 | (code & 0xFFFF)


class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def _new_network_namespace() -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "unshare"):
        return False
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return False
    try:   # map our own ids so that files stay ours inside the user namespace
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"{gid} {gid} 1")
    except OSError:
        pass
    return True


def _seccomp_no_inet() -> bool:
    name = ctypes.util.find_library("seccomp")
    if not name:
        return False
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return False
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not ctx:
        return False
    try:
        nr = lib.seccomp_syscall_resolve_name(b"socket")
        for family in (socket.AF_INET, socket.AF_INET6):
            cmp = (_ArgCmp * 1)(_ArgCmp(0, _SCMP_CMP_EQ, int(family), 0))
            if lib.seccomp_rule_add_array(ctx, _scmp_act_errno(errno.EPERM), nr, 1, cmp) != 0:
                return False
        return lib.seccomp_load(ctx) == 0
    finally:
        lib.seccomp_release(ctx)


def cut_off_network() -> list[str]:
    """Apply what the kernel allows; the names of the walls now in place (empty: none could be)."""
    walls = []
    if _new_network_namespace():
        walls.append("network namespace")
    if _seccomp_no_inet():
        walls.append("seccomp")
    return walls
