"""Read documents from .txt, .html/.htm, .jsonl files and folders of them.

`read_documents` yields an Article for each good document and a Failure for each bad one, so one
bad document never stops a batch. Nothing here does NLP.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import KgError
from kg.input.clean import clean
from kg.model import Article

EXTENSIONS = {".txt", ".text", ".html", ".htm", ".jsonl"}
DEFAULT_MAX_BYTES = 5_000_000        # one document
DEFAULT_MAX_LINE = 5_000_000         # one JSONL line
PROSE_WORDS = 5                      # an HTML page needs a line of at least this many words to be an article


@dataclass
class Failure:
    origin: str
    message: str


@dataclass
class Defaults:
    """Metadata given on the command line, applied where a document has none of its own."""

    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_line: int = DEFAULT_MAX_LINE


def doc_id_for(path: Path) -> str:
    """A stable id for a file: its name without the extension (files with one name in two folders
    share it, and the later one replaces the earlier; give JSONL records their own ids)."""
    stem = re.sub(r"[^\w.-]+", "_", path.stem)[:80] or "doc"
    return stem


def read_documents(paths: Iterable[str | os.PathLike], defaults: Defaults | None = None) -> Iterator[Article | Failure]:
    defaults = defaults or Defaults()
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Failure(str(path), KgError("path_missing", path=path).args[0])
            continue
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS and not any(
            part.startswith(".") for part in f.relative_to(path).parts)) if path.is_dir() else [path]
        if path.is_dir() and not files:
            yield Failure(str(path), KgError("nothing_to_build", path=path).args[0])
        for f in files:
            yield from _read_file(f, defaults)


def _read_file(path: Path, d: Defaults) -> Iterator[Article | Failure]:
    ext = path.suffix.lower()
    try:
        if ext not in EXTENSIONS:
            raise KgError("unknown_extension", path=path, ext=ext or "(none)")
        if ext == ".jsonl":
            yield from _read_jsonl(path, d)
            return
        size = path.stat().st_size
        if size > d.max_bytes:
            raise KgError("too_large", path=path, size=size, limit=d.max_bytes)
        raw = _decode(path, path.read_bytes())
        if ext in (".html", ".htm"):
            yield _from_html(path, raw, d)
        else:
            yield _from_text(path, raw, d)
    except KgError as e:
        yield Failure(str(path), str(e))


def _decode(origin, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise KgError("not_text", path=origin, reason=str(e.reason)) from None
    if b"\x00" in data[:4096]:
        raise KgError("not_text", path=origin, reason="binary data")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise KgError("not_text", path=origin, reason=f"invalid UTF-8 at byte {e.start}") from None


def make_article(doc_id: str, body: str, origin: str, *, title=None, url=None, published=None, source=None,
                 headline_in_body: bool = False) -> Article:
    """Clean a body and wrap it as an Article; raise KgError when nothing is left."""
    c = clean(body)
    if not c.text.strip():
        raise KgError("empty_document", path=origin)
    if c.skip_spans and sum(e - b for b, e, _ in c.skip_spans) > 0.8 * len(c.text):
        raise KgError("not_english", path=origin, lang=c.skip_spans[0][2])
    published = published or c.dated   # a date line of the page when nothing better is known
    return Article(id=doc_id, text=c.text, title=title, url=url, published=published, source=source,
                   byline=c.byline, dateline=c.dateline, origin=origin, skip_spans=c.skip_spans, quotes=c.quotes)


def _from_text(path: Path, raw: str, d: Defaults) -> Article:
    if not raw.strip():
        raise KgError("empty_document", path=path)
    first = raw.strip().split("\n", 1)[0].strip()
    return make_article(doc_id_for(path), raw, str(path), title=d.title or first, url=d.url,
                        published=d.published, source=d.source)


def _from_html(path: Path, raw: str, d: Defaults) -> Article:
    import trafilatura
    if not raw.strip():
        raise KgError("empty_document", path=path)
    extracted = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    if extracted is None:
        raise KgError("html_empty", path=path)
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = meta.get("text") or ""
    if not any(len(line.split()) >= PROSE_WORDS for line in body.splitlines()):
        raise KgError("html_empty", path=path)   # nothing but menus and buttons: no sentence to extract from
    title = d.title or meta.get("title")
    published = d.published or _to_date(meta.get("date"))
    if title and not body.startswith(title):
        body = title + "\n" + body
    art = make_article(doc_id_for(path), body, str(path), title=title, url=d.url or meta.get("url"),
                       published=published, source=d.source or meta.get("sitename"))
    art.byline = art.byline or meta.get("author")
    return art


def _to_date(s) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def _bounded_lines(fh, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, size) with line None when it is over `limit` bytes.

    Reads at most limit+1 bytes at a time and skips the rest of a long line in chunks, so a huge file
    without newlines cannot exhaust memory.
    """
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        n += 1
        size = len(line.rstrip(b"\r\n"))
        if size <= limit:
            yield n, line, size
            continue
        while not line.endswith(b"\n"):
            line = fh.readline(1 << 20)
            if not line:
                break
            size += len(line.rstrip(b"\r\n"))
        yield n, None, size


def _read_jsonl(path: Path, d: Defaults) -> Iterator[Article | Failure]:
    seen: dict[str, int] = {}
    with open(path, "rb") as fh:
        for n, line, size in _bounded_lines(fh, d.max_line):
            origin = f"{path}:{n}"
            if line is not None and not line.strip():
                continue
            try:
                if line is None:
                    raise KgError("line_too_long", path=origin, size=size, limit=d.max_line)
                if len(line) > d.max_bytes:
                    raise KgError("too_large", path=origin, size=len(line), limit=d.max_bytes)
                text_line = _decode(origin, line)
                try:
                    rec = json.loads(text_line)
                except json.JSONDecodeError as e:
                    raise KgError("jsonl_syntax", path=path, line=n, reason=f"{e.msg.removesuffix(' at')} at column {e.colno}") from None
                if not isinstance(rec, dict):
                    raise KgError("jsonl_shape", path=path, line=n, reason="each line must be a JSON object")
                text = rec.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise KgError("jsonl_shape", path=path, line=n, reason="missing or empty 'text'")
                doc_id = str(rec.get("id") or hashlib.sha1(text.encode()).hexdigest()[:16])
                if doc_id in seen:
                    raise KgError("jsonl_duplicate", path=path, line=n, id=doc_id, first=seen[doc_id])
                seen[doc_id] = n
                published = _to_date(rec.get("published")) or d.published
                if rec.get("published") and not _to_date(rec.get("published")):
                    raise KgError("jsonl_shape", path=path, line=n, reason=f"'published' is not a YYYY-MM-DD date: {rec.get('published')!r}")
                yield make_article(doc_id, text, origin, title=rec.get("title") or d.title, url=rec.get("url") or d.url,
                                   published=published, source=rec.get("source") or d.source)
            except KgError as e:
                yield Failure(origin, str(e))
