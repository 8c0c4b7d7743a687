"""Servers for tests: started on 127.0.0.1 on a free port, stopped by the fixture that started them."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log, deadline_s: float = 30.0) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < deadline_s:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {open(log).read()[-2000:]}")
        try:
            if httpx.get(url, timeout=1.0, trust_env=False).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not answer at {url} within {deadline_s} s")


def stop(proc: subprocess.Popen) -> None:
    """SIGINT (a clean shutdown, like Ctrl-C), then SIGKILL to the process group it leads if needed."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@contextmanager
def running(cmd: list[str], probe_path: str, log_path, cwd=None, env=None):
    """Start `cmd` (with {port} filled in) in its own process group; yield the base URL; stop it."""
    port = free_port()
    cmd = [c.format(port=port) for c in cmd]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, env=env, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + probe_path, proc, log_path)
        yield base
    finally:
        stop(proc)
