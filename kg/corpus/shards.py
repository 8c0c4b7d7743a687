"""Shards: the plain extraction of documents in files, so that the NLP and the store need not run together.

`kg build INPUTS --shards DIR` runs the NLP only and writes each document's plain model (document-local
keys, the same JSON the corpus index keeps) to gzip'd JSON Lines files of at most `PER_SHARD` documents,
`DIR/part-00000.jsonl.gz`, …; `kg load DIR --store S` reads them into a store — identity, mapping, the
bulk-loaded writes and the store-wide stages, no NLP. The NLP of a large corpus can then run anywhere
(many machines, a Dask cluster writing one shard per partition), and the store is loaded once from the
shards, at the speed of the store's own work. A shard is written under a temporary name and renamed when
whole, so an interrupted build leaves no half shard to load.
"""
from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from kg.corpus.index import _adapter
from kg.errors import KgError
from kg.input.readers import Failure
from kg.model import ExtractedDocument

#: documents per shard file
PER_SHARD = 10_000
SUFFIX = ".jsonl.gz"


def write_shards(docs: Iterable[ExtractedDocument], folder: str | os.PathLike, per_shard: int = PER_SHARD,
                 start: int = 0) -> list[Path]:
    """Write documents to shard files in `folder` (numbered from `start`); returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    adapter, files, out, n = _adapter(), [], None, 0
    try:
        for doc in docs:
            if out is None:
                path = folder / f"part-{start + len(files):05d}{SUFFIX}"
                files.append(path)
                out = gzip.open(path.with_name(path.name + ".tmp"), "wb", compresslevel=3)
            out.write(adapter.dump_json(doc) + b"\n")
            n += 1
            if n % per_shard == 0:
                _close(out, files[-1])
                out = None
    finally:
        if out is not None:
            _close(out, files[-1])
    return files


def _close(out, path: Path) -> None:
    out.close()
    os.replace(path.with_name(path.name + ".tmp"), path)


def shard_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The shard files named, or found in the folders named, in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.name.endswith(SUFFIX))
            if not found:
                raise KgError("shards_none", path=p)
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise KgError("path_missing", path=p)
    return out


def read_shards(paths: Iterable[str | os.PathLike]) -> Iterator[ExtractedDocument | Failure]:
    """The documents of shard files, in order; a line that is not a document is a Failure (file:line)."""
    adapter = _adapter()
    for path in shard_files(paths):
        try:
            with gzip.open(path, "rb") as fh:
                for i, line in enumerate(fh, 1):
                    try:
                        yield adapter.validate_json(line)
                    except ValidationError as e:
                        reason = e.errors()[0]["msg"] if e.errors() else str(e)
                        yield Failure(f"{path}:{i}", KgError("shard_line", path=path, line=i, reason=reason).args[0])
        except (OSError, EOFError) as e:
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            yield Failure(str(path), KgError("shard_unreadable", path=path, reason=reason).args[0])
