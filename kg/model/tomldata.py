"""TOML data files whose errors name a line: tomllib gives values, not positions, so an error finds the
line of its `[table]` or key again in the text. Every error is the coded "data_file" message
(file:line: why), so a typo in a rule file is reported, never silently ignored."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import NoReturn

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kg.errors import KgError


class DataError(KgError, ValueError):
    """A data file is malformed; the message names the file, the line and what is wrong."""

    def __init__(self, path: str, line: int, reason: str):
        super().__init__("data_file", path=path, line=line, reason=reason)


@dataclass(frozen=True)
class TomlFile:
    path: str                        # how errors name the file
    lines: tuple[str, ...]
    data: dict
    error: type[DataError] = DataError

    @classmethod
    def parse(cls, text: str, path: str, error: type[DataError] = DataError) -> TomlFile:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            at = re.search(r"line (\d+)", str(e))
            line = int(at.group(1)) if at else len(text.splitlines()) if "end of document" in str(e) else 1
            raise error(path, line, str(e)) from None
        return cls(path, tuple(text.splitlines()), data, error)

    def line(self, table: str, key: str | None = None) -> int:
        """The line of `[table]`, or of `key = ...` / `key.sub = ...` inside it (for a dotted key "a.b",
        of "a.b = ..." or else of "a = ..."); 1 when the table is not found."""
        header = re.compile(rf"\s*\[\s*{re.escape(table)}\s*\]")
        start = next((i for i, ln in enumerate(self.lines) if header.match(ln)), None)
        if start is None:
            return 1
        end = next((i for i in range(start + 1, len(self.lines)) if self.lines[i].lstrip().startswith("[")),
                   len(self.lines))
        for k in ([key, key.split(".")[0]] if key else []):
            assign = re.compile(rf"\s*{re.escape(k)}\s*[.=]")
            found = next((i for i in range(start + 1, end) if assign.match(self.lines[i])), None)
            if found is not None:
                return found + 1
        return start + 1

    def fail(self, table: str, why: str, key: str | None = None) -> NoReturn:
        raise self.error(self.path, self.line(table, key), f"[{table}]{f' {key}' if key else ''}: {why}")

    def check_keys(self, table: str, row, known) -> None:
        """`row` is a table whose keys are all in `known`."""
        if not isinstance(row, dict):
            self.fail(table, "must be a table")
        unknown = set(row) - set(known)
        if unknown:
            self.fail(table, f"unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})",
                      min(unknown))

    def read_tables(self, schema: dict[str, dict[str, tuple]], *extra) -> dict:
        """Every table of `schema` (table -> key -> (field name, reader)) read from the file: each table
        and key required, nothing unknown; a reader is called as reader(self, table, key, value, *extra)
        and its result stored under the field name."""
        unknown = set(self.data) - set(schema)
        if unknown:
            self.fail(min(unknown), f"unknown table (known: {', '.join(schema)})")
        values = {}
        for table, keys in schema.items():
            if table not in self.data:
                raise self.error(self.path, 1,
                                 f"[{table}]: missing (the file needs {', '.join(f'[{t}]' for t in schema)})")
            row = self.data[table]
            self.check_keys(table, row, keys)
            for key, (name, read) in keys.items():
                if key not in row:
                    self.fail(table, f"missing '{key}'")
                values[name] = read(self, table, key, row[key], *extra)
        return values
