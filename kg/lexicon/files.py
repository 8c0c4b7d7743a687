"""Reading the tab-separated data files of a package, validated: a row with the wrong number of
columns, an unknown list name or a malformed value is a DataFileError naming the file and the line,
never a silently shorter lexicon.

A data file is named by a path: `kg/...` is a file of the installed package (the defaults the
components' configs name), anything else a file on disk (a test fixture, a user's own lexicon).
"""
from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path, PurePosixPath

from kg.errors import KgError
from kg.model.keys import norm


class DataFileError(KgError):
    def __init__(self, path: str, line: int, reason: str):
        super().__init__("data_file", path=path, line=line, reason=reason)


def path_of(name: str, package: str = "kg.lexicon") -> str:
    """How configs and error messages name a data file of a package."""
    return f"{package.replace('.', '/')}/data/{name}"


def read_text(path: str) -> str:
    """The text of a data file: `kg/...` from the installed package, otherwise from disk."""
    parts = PurePosixPath(path).parts
    source = resources.files("kg").joinpath(*parts[1:]) if parts and parts[0] == "kg" else Path(path)
    try:
        return source.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise KgError("path_missing", path=path) from None


def read_rows(path: str, columns: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of each row of the file at `path`; comments and blank lines skipped."""
    out = []
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise DataFileError(path, n, f"{len(fields)} tab-separated field(s) where {columns} are expected")
        if any(not f.strip() for f in fields):
            raise DataFileError(path, n, "an empty field")
        out.append((n, fields))
    return out


def numbered_rows(name: str, columns: int, package: str = "kg.lexicon") -> list[tuple[int, list[str]]]:
    """(line number, fields) of each row of `package`/data/`name`."""
    return read_rows(path_of(name, package), columns)


def rows(name: str, columns: int, package: str = "kg.lexicon") -> list[list[str]]:
    """The rows of `package`/data/`name`, each of `columns` fields."""
    return [fields for _, fields in numbered_rows(name, columns, package)]


def word_set(path: str) -> frozenset[str]:
    """A one-column word list, normalised (`kg.model.keys.norm`): what phrase look-ups compare."""
    return frozenset(norm(fields[0]) for _, fields in read_rows(path, 1))


def word_lists(path: str, names: Iterable[str], phrases: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """`list<TAB>entry` rows, one set of lower-case entries per list. `names` are the lists a component
    reads, `phrases` those of them whose entries may be several words (the others are compared with
    one token each). A row of another list, an entry with capitals or surrounding spaces, or a
    phrase in a one-word list would never match: each is a DataFileError. A list with no rows is empty."""
    known, multi = tuple(names), set(phrases)
    out: dict[str, set[str]] = {n: set() for n in known}
    for n, (name, entry) in read_rows(path, 2):
        if name not in out:
            raise DataFileError(path, n, f"unknown list '{name}' (known: {', '.join(known)})")
        if entry != entry.lower() or entry != entry.strip():
            raise DataFileError(path, n, f"'{entry}': entries are compared with lower-cased words; write them "
                                         "in lower case without surrounding spaces")
        if name not in multi and " " in entry:
            raise DataFileError(path, n, f"'{entry}': list '{name}' is compared one word at a time")
        out[name].add(entry)
    return {n: frozenset(ws) for n, ws in out.items()}
