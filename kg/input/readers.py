"""Read documents from .txt, .html/.htm, .jsonl files and folders of them.

`read_documents` yields an Article for each good document and a Failure for each bad one, so one
bad document never stops a batch. Nothing here does NLP.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import KgError
from kg.input.clean import clean
from kg.input.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE
from kg.model import Article

EXTENSIONS = {".txt", ".text", ".html", ".htm", ".jsonl"}
PROSE_WORDS = 5                      # an HTML page needs a line of at least this many words to be an article
#: publication dates kg takes (news archives start in the 19th century; later dates are typos or fuzz)
EARLIEST, LATEST = date(1800, 1, 1), date(2199, 12, 31)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SURROGATE = re.compile("[\ud800-\udfff]")
STDIN = "-"


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
    """A stable id for a file: its name without the extension. Two files of one build with the same id
    ("a.txt" and "sub/a.html", or "a b.txt" and "a_b.txt") are an error, never a silent replace."""
    stem = re.sub(r"[^\w.-]+", "_", path.stem)[:80] or "doc"
    return stem


def parse_published(value, origin: str = "--published") -> date:
    """A publication date: 'YYYY-MM-DD' exactly, between EARLIEST and LATEST; KgError otherwise."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise KgError("bad_date", origin=origin, value=repr(value))
    try:
        d = date.fromisoformat(value)
    except ValueError:
        raise KgError("bad_date", origin=origin, value=repr(value)) from None
    if not EARLIEST <= d <= LATEST:
        raise KgError("date_out_of_range", origin=origin, value=value, earliest=EARLIEST, latest=LATEST)
    return d


@dataclass
class _Ids:
    """The ids taken in one build, and where from: a second document with a taken id is a Failure."""

    first: dict[str, str] = field(default_factory=dict)

    def check(self, items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
        for it in items:
            if isinstance(it, Article):
                taken = self.first.setdefault(it.id, it.origin or it.id)
                if taken != (it.origin or it.id):
                    it = Failure(it.origin or it.id, str(KgError("id_collision", path=it.origin, id=it.id,
                                                                 first=taken)))
            yield it


def read_documents(paths: Iterable[str | os.PathLike], defaults: Defaults | None = None) -> Iterator[Article | Failure]:
    """Each document of the paths (files, folders of them, or '-' for one text on stdin), in order."""
    defaults = defaults or Defaults()
    yield from _Ids().check(_read_paths(paths, defaults))


def _read_paths(paths, defaults: Defaults) -> Iterator[Article | Failure]:
    for p in paths:
        if str(p) == STDIN:
            yield from _read_stdin(defaults)
            continue
        path = Path(p)
        if not path.exists():
            yield Failure(str(path), KgError("path_missing", path=path).args[0])
            continue
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS and not any(
                part.startswith(".") for part in f.relative_to(path).parts))
            if not files:
                yield Failure(str(path), KgError("nothing_to_build", path=path).args[0])
        else:
            files = [path]
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
        raw = _decode(path, _read_bounded(path, d.max_bytes))
        if ext in (".html", ".htm"):
            yield _from_html(path, raw, d)
        else:
            yield _from_text(path, raw, d)
    except KgError as e:
        yield Failure(str(path), str(e))


def _read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A FIFO, a device or a socket (even behind
    a symlink) is refused before it is opened, and no more than limit + 1 bytes are ever read."""
    try:
        st = path.stat()
    except OSError as e:
        raise KgError("not_text", path=path, reason=e.strerror or str(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise KgError("not_regular", path=path)
    if st.st_size > limit:
        raise KgError("too_large", path=path, size=st.st_size, limit=limit)
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:   # the file grew while we looked
        raise KgError("too_large", path=path, size=f"more than {limit}", limit=limit)
    return data


def _read_stdin(d: Defaults) -> Iterator[Article | Failure]:
    """One plain-text document from standard input (first line: the headline), read within --max-bytes."""
    origin = "<stdin>"
    try:
        data = sys.stdin.buffer.read(d.max_bytes + 1)
        if len(data) > d.max_bytes:
            raise KgError("too_large", path=origin, size=f"more than {d.max_bytes}", limit=d.max_bytes)
        raw = _decode(origin, data)
        if not raw.strip():
            raise KgError("empty_document", path=origin)
        first = raw.strip().split("\n", 1)[0].strip()
        yield make_article("stdin-" + hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12], raw,
                           origin, title=d.title or first, url=d.url, published=d.published, source=d.source)
    except KgError as e:
        yield Failure(origin, str(e))


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
    """A page's own date from its metadata, when it is a plausible publication date."""
    if not s:
        return None
    try:
        d = date.fromisoformat(str(s)[:10])
    except ValueError:
        return None
    return d if EARLIEST <= d <= LATEST else None


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


def _shape(path, n: int, reason: str) -> KgError:
    return KgError("jsonl_shape", path=path, line=n, reason=reason)


def _record_id(rec: dict, path: Path, n: int) -> str:
    """The record's id: a string or a number as given, else the hash of its text."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _shape(path, n, "missing or empty 'text'")
    doc_id = rec.get("id")
    if doc_id is None or doc_id == "":
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise _shape(path, n, f"'id' must be a string or a number, not {type(doc_id).__name__}")
    return str(doc_id)


def _record_article(rec: dict, doc_id: str, origin: str, d: Defaults, path: Path, n: int) -> Article:
    """The Article of a JSONL record whose fields have been checked one by one."""
    for name in ("text", "id", "title", "url", "source", "published"):
        value = rec.get(name)
        if value is not None and name != "id" and not isinstance(value, str):
            raise _shape(path, n, f"'{name}' must be a string, not {type(value).__name__}")
        if isinstance(value, str) and (m := SURROGATE.search(value)):
            raise _shape(path, n, f"'{name}' holds an unpaired surrogate (U+{ord(m.group()):04X}) at character "
                                  f"{m.start()}; it is not valid Unicode text")
    published = d.published
    if rec.get("published"):
        published = parse_published(rec["published"], origin=f"{path}:{n}: 'published'")
    return make_article(doc_id, rec["text"], origin, title=rec.get("title") or d.title, url=rec.get("url") or d.url,
                        published=published, source=rec.get("source") or d.source)


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
                    reason = f"{e.msg.removesuffix(' at')} at column {e.colno}"
                    raise KgError("jsonl_syntax", path=path, line=n, reason=reason) from None
                if not isinstance(rec, dict):
                    raise KgError("jsonl_shape", path=path, line=n, reason="each line must be a JSON object")
                doc_id = _record_id(rec, path, n)
                if doc_id in seen:
                    raise KgError("jsonl_duplicate", path=path, line=n, id=doc_id, first=seen[doc_id])
                seen[doc_id] = n
                yield _record_article(rec, doc_id, origin, d, path, n)
            except KgError as e:
                yield Failure(origin, str(e))
