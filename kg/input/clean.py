"""Clean a news text: cut site furniture and publisher appeals, repair glued sentences, keep
bylines and datelines as metadata, keep embedded social posts as quotes, and mark passages that
are not in English so that nothing is extracted from them.

Pure functions on strings; the rules are data in kg/input/data/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

import dateparser

from kg.model import Quote

PUBLISHER_VOICE = re.compile(r"\b(we|we're|we've|our|ours|us|your|you)\b", re.I)
GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][”\"’])(?=[A-Z][a-z])")
BYLINE = re.compile(r"^(?:by|written by)\s+([A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|and|&|de|van|von|al))*)"
                    r"\s*(?:[,|–—-].*)?$", re.I)
DATELINE = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w .'-]+)?)\s*(?:\([A-Za-z ]+\))?"
                      r"\s*(?:[—–-]{1,2}|:)\s+(?=[A-Z“\"])")
SOCIAL_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<author>[^()@\n]{2,80}?)\s*\((?P<handle>@\w{1,30})\)"
    r"\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\s*$")
URL_ONLY = re.compile(r"\bpic\.twitter\.com/\w+|https?://\S+")
NON_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00C0-\u024F]")
LATIN = re.compile(r"[a-zA-Z\u00C0-\u024F]")


@dataclass
class CleanText:
    text: str
    skip_spans: list[tuple[int, int, str]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    removed: list[str] = field(default_factory=list)   # paragraphs cut, for explain/debug
    dated: date | None = None       # a date line of the page ("Updated: July 9, 2024 10:32 IST")


def _data_lines(name: str) -> list[str]:
    raw = resources.files("kg.input").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def furniture_patterns() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in _data_lines("furniture.txt")]


@lru_cache(maxsize=1)
def tail_headings() -> list[re.Pattern]:
    return [re.compile(p + r"\s*:?\s*$", re.I) for p in _data_lines("tail_headings.txt")]


DATED_LINE = re.compile(r"^(?:(?:updated|published|posted|first published|last updated)\s*:?\s*)?(?P<date>"
                        r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+[a-z]+|[a-z]+\.?\s+\d{1,2},?)\s+\d{4})"
                        r"(?:\s*[,|·-]?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4})?\s*$", re.I)
NAME_LINE = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3})(?:\s*[,|]\s*[A-Z][\w ]{2,40})?$")


@lru_cache(maxsize=1)
def appeal_terms() -> re.Pattern:
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in _data_lines("appeal.txt")) + r")", re.I)


def repair_glued(paragraph: str) -> str:
    """'…the difference.Russia has…' -> '…the difference. Russia has…'"""
    return GLUED.sub(" ", paragraph)


def _outside_quotes(p: str) -> str:
    return re.sub(r"[“\"][^”\"]*[”\"]", " ", p)


def is_furniture(p: str) -> bool:
    return len(p) < 200 and any(rx.match(p) for rx in furniture_patterns())


def publisher_voice(p: str) -> bool:
    return bool(PUBLISHER_VOICE.search(_outside_quotes(p)))


def language_of(p: str) -> str:
    """'en' for English, another ISO 639-1 code (or 'und') for passages that are not."""
    letters = LATIN.findall(p)
    foreign = NON_LATIN.findall(p)
    if foreign and len(foreign) > len(letters):
        return _langid(p) if _langid(p) != "en" else "und"
    # judge by the lower-case words: names ("Nikol Pashinyan met Ilham Aliyev") say nothing of the language
    words = [w for w in re.findall(r"[A-Za-z\u00C0-\u024F']+", p) if not w[0].isupper()]
    if len(words) < 6:
        return "en"
    # plainly English prose needs no classifier (it is the costly part of cleaning)
    if sum(w in ENGLISH_MARKERS for w in words) >= 0.2 * len(words):
        return "en"
    return _langid(p)


#: words frequent in English and rare as words of other languages (no "a", "in", "am", "is", "on", "die")
ENGLISH_MARKERS = frozenset("the of and to were are has have had been with for from by that this "
                            "which who said would will it its their they he she his her not but".split())


#: languages a news passage is told apart among (minor languages close to English, such as
#: Nigerian Pidgin, would otherwise claim name-heavy English sentences)
NEWS_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "zh", "ja", "ko", "hi",
                  "sv", "da", "no", "fi", "cs", "ro", "hu", "el", "he", "fa", "id", "ms", "vi", "th", "ur", "bn"]


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid
    ident = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE)
    ident.set_languages(NEWS_LANGUAGES)
    return ident


def _langid(p: str) -> str:
    return _identifier().classify(p)[0]


#: characters no output format can carry (XML 1.0 forbids them; terminals act on them): C0 and C1 controls
#: but tab and newline, and the noncharacters U+FFFE/U+FFFF. They become spaces, so offsets stay true.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def clean(raw: str) -> CleanText:
    """Clean a plain-text article body (paragraphs separated by newlines)."""
    paras = _paragraphs(raw)
    out = CleanText(text="")
    keep = [True] * len(paras)
    _cut_furniture(paras, keep, out)
    _cut_appeals(paras, keep)
    kept = _take_byline_and_dateline([p for p, k in zip(paras, keep) if k], out)
    _assemble(kept, out)
    out.removed = [p for p, k in zip(paras, keep) if not k]
    return out


def _paragraphs(raw: str) -> list[str]:
    raw = UNSAFE.sub(" ", raw.replace("\r\n", "\n").replace("\r", "\n"))
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in raw.split("\n")]
    return [repair_glued(p) for p in paras if p]


def _cut_furniture(paras: list[str], keep: list[bool], out: CleanText) -> None:
    """Site furniture, line by line; a heading of other stories in the second half cuts the tail."""
    total = sum(len(p) for p in paras) or 1
    seen = 0
    for i, p in enumerate(paras):
        if seen > total / 2 and len(p) < 60 and any(rx.match(p) for rx in tail_headings()):
            for k in range(i, len(paras)):
                keep[k] = False
            break
        seen += len(p)
        m = DATED_LINE.match(p)
        if m and len(p) < 80:
            out.dated = out.dated or _parse_date(m.group("date"))
            keep[i] = False
        if is_furniture(p):
            keep[i] = False


def _cut_appeals(paras: list[str], keep: list[bool]) -> None:
    """Publisher appeals: a run of publisher-voice paragraphs containing an appeal term. A paragraph that
    ends an appeal and starts the story ("...the difference. Russia has...") loses only its appeal sentences."""
    i = 0
    while i < len(paras):
        if not (keep[i] and publisher_voice(paras[i]) and not _is_quote_para(paras[i])):
            i += 1
            continue
        j = i
        while j < len(paras) and keep[j] and (publisher_voice(paras[j]) or _between_voice(paras, j)) \
                and not _is_quote_para(paras[j]):
            j += 1
        block = paras[i:j]
        if any(appeal_terms().search(_outside_quotes(p)) for p in block) \
                and (j - i >= 2 or _appeal_sentence_ratio(block[0]) >= 0.5):
            for k in range(i, j):
                keep[k] = False
                _, tail = _split_appeal_tail(paras[k])
                if tail:
                    paras[k] = tail
                    keep[k] = True
            # the paragraph after an appeal may open with its last line ("Every gift counts.Rescue teams…")
            if j < len(paras) and keep[j]:
                _, tail = _split_appeal_tail(paras[j], lead_only=True)
                if tail:
                    paras[j] = tail
        i = max(j, i + 1)


def _take_byline_and_dateline(kept: list[str], out: CleanText) -> list[str]:
    """The byline leaves the text (schema:author); the dateline stays in it and is noted (locationCreated)."""
    for idx, p in enumerate(list(kept[:6])):
        m = BYLINE.match(p)
        if m and len(p) < 120:
            out.byline = m.group(1)
            kept[idx] = ""
            break
        # a name alone on a line under the headline ("Jane Doe", "Jane Doe, Political Correspondent")
        m = NAME_LINE.match(p)
        if idx and m and len(p) < 80 and not _is_place_name(m.group("name")):
            out.byline = m.group("name")
            kept[idx] = ""
            break
    for p in kept[:8]:
        m = DATELINE.match(p)
        if m:
            out.dateline = m.group(1).strip()
            break
    return [p for p in kept if p]


def _assemble(kept: list[str], out: CleanText) -> None:
    """The text, with non-English passages and social posts marked."""
    offsets = []
    pos = 0
    for p in kept:
        offsets.append((pos, pos + len(p)))
        pos += len(p) + 1
    out.text = "\n".join(kept)
    for n, (p, (b, e)) in enumerate(zip(kept, offsets)):
        lang = language_of(URL_ONLY.sub("", p))
        if lang != "en":
            out.skip_spans.append((b, e, lang))
        m = SOCIAL_SIGNATURE.match(p)
        if m:
            start = offsets[n - 1][0] if n and any(s[0] == offsets[n - 1][0] for s in out.skip_spans) else b
            out.skip_spans.append((b, e, "und"))   # the signature line itself is metadata, not prose
            q_lang = next((s[2] for s in out.skip_spans if s[0] == start and s[2] != "und"), None)
            out.quotes.append(Quote(start=start, end=e, author=m.group("author").strip(), handle=m.group("handle"),
                                    date=_parse_date(m.group("date")), language=q_lang or "en"))


def _is_place_name(name: str) -> bool:
    from kg.lexicon import gazetteer as gz
    return gz.country_of(name) is not None or gz.norm(name) in gz.places()


def _is_quote_para(p: str) -> bool:
    s = p.strip()
    return s[:1] in "“\"‘" or bool(re.search(r"[”\"],? (?:\w+ ){0,4}(said|says|wrote|added|told)\b", s))


def _between_voice(paras: list[str], j: int) -> bool:
    """A paragraph without publisher voice inside an appeal block (sandwiched between two that have it)."""
    if not 0 < j < len(paras) - 1:
        return False
    before, after = paras[j - 1], paras[j + 1]
    return publisher_voice(before) and publisher_voice(after) and appeal_terms().search(after) is not None


def _sentences(p: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", p) if s]


def _appeal_sentence_ratio(p: str) -> float:
    ss = _sentences(p)
    return sum(1 for s in ss if publisher_voice(s) and appeal_terms().search(s)) / max(1, len(ss))


def _split_appeal_tail(p: str, lead_only: bool = False) -> tuple[str, str]:
    """Split a paragraph into its leading publisher-voice (or appeal) sentences and the story that follows."""
    ss = _sentences(p)
    k = 0
    while k < len(ss) and (publisher_voice(ss[k]) if not lead_only else
                           (publisher_voice(ss[k]) or appeal_terms().search(ss[k])) and not _is_quote_para(ss[k])):
        k += 1
    if 0 < k < len(ss):
        head = " ".join(ss[:k])
        return head, p[p.index(ss[k], len(head)):]
    return p, ""


def _parse_date(s: str) -> date | None:
    d = dateparser.parse(s, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return d.date() if d else None
