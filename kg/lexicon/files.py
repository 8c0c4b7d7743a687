"""Reading the tab-separated data files of a package, validated: a row with the wrong number of
columns is a DataFileError naming the file and the line, never a silently shorter lexicon."""
from __future__ import annotations

from importlib import resources

from kg.errors import KgError


class DataFileError(KgError):
    def __init__(self, path: str, line: int, reason: str):
        super().__init__("data_file", path=path, line=line, reason=reason)


def path_of(name: str, package: str = "kg.lexicon") -> str:
    """How error messages name a data file."""
    return f"{package.replace('.', '/')}/data/{name}"


def numbered_rows(name: str, columns: int, package: str = "kg.lexicon") -> list[tuple[int, list[str]]]:
    """(line number, fields) of each row of `package`/data/`name`; comments and blank lines skipped."""
    raw = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise DataFileError(path_of(name, package), n,
                                f"{len(fields)} tab-separated field(s) where {columns} are expected")
        out.append((n, fields))
    return out


def rows(name: str, columns: int, package: str = "kg.lexicon") -> list[list[str]]:
    """The rows of `package`/data/`name`, each of `columns` fields."""
    return [fields for _, fields in numbered_rows(name, columns, package)]
