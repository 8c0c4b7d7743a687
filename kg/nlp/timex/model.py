"""What the temporal tagger produces: plain TIMEX3 records."""
from __future__ import annotations

from dataclasses import dataclass

TYPES = ("DATE", "TIME", "DURATION", "SET")
DCT = "t0"   # TimeML's id of the document creation time: the anchor of expressions relative to publication


@dataclass
class Timex:
    """A TIMEX3: character offsets into the document text (end exclusive), the extent as written, the
    type (DATE, TIME, DURATION, SET), the normalised value, the mod (START, END, APPROX, …: what
    "early", "late", "about" add, kept out of the value), the id and the id of what it is relative to
    (`t0` = the publication date, or the tid of an earlier time of the text). `range` holds the offsets of
    the whole "from X to Y" expression when the timex is one end of one."""
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    tid: str = ""
    range: tuple[int, int] | None = None


@dataclass
class Reading:
    """What a value function returns for a match: the value, and the type/mod/anchor when they differ
    from the rule's (type None = the rule's type)."""
    value: str
    type: str | None = None
    mod: str | None = None
    anchor: str | None = None


@dataclass
class Piece:
    """One timex of a match that holds several (the ends of "March 3-5"): offsets and reading."""
    start: int
    end: int
    reading: Reading
