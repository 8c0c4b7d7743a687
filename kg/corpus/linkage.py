"""Average-linkage clustering on a sparse set of scored pairs, and the blocking that chooses the pairs.

A (type, story) group of reports is small in most corpora, and every pair of it is scored. A group can
also be large — thousands of statements in one long story — and scoring every pair would make the cost
per document grow with the corpus. Such a group is clustered on candidate pairs only (blocking, the usual
design for entity and event resolution at scale): two reports are a candidate when they share a blocking
key (a word for the happening, a principal actor) and are near in date order within that key's block
(the sorted-neighbourhood method: each report is compared with the next `WINDOW` ones of the block whose
date intervals can overlap its own). A pair that is not a candidate counts as a pair with no evidence.

The clustering is the same in both cases: each pair's margin is its evidence less what it needs; the two
clusters with the highest mean margin over all their cross pairs join while that mean is not negative,
never across an incompatible pair. Pairs that were not scored count `ABSENT` each, so with every pair
scored the result is plain average linkage. It depends on the set of reports, never on their order.
"""
from __future__ import annotations

import heapq
import math
import zlib
from collections.abc import Callable, Iterable

from kg.lexicon import trigger_words
from kg.model import keys as key_spaces
from kg.model.keys import Space

#: from this many reports on, a group is clustered on candidate pairs only
EXACT = 300
#: in a block, each report is compared with at most this many next ones in date order
WINDOW = 25
#: min-hashes of a sentence's words a report is blocked by
MINHASHES = 4

Pair = tuple[int, int]


def all_pairs(n: int) -> Iterable[Pair]:
    return ((x, y) for x in range(n) for y in range(x + 1, n))


def candidate_pairs(keys: list[set[str]], spans: list[tuple[float, float]], window: int = WINDOW) -> list[Pair]:
    """The pairs of items that share a key and are near in date order within its block: `spans` are their
    (lo, hi) date intervals (±inf where unknown); a pair whose intervals cannot overlap is never a candidate."""
    blocks: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            blocks.setdefault(k, []).append(i)
    out: set[Pair] = set()
    for members in blocks.values():
        members.sort(key=lambda i: (spans[i][0], i))
        for p, i in enumerate(members):
            hi = spans[i][1]
            for j in members[p + 1:p + 1 + window]:
                if spans[j][0] > hi:
                    break
                out.add((min(i, j), max(i, j)))
    return sorted(out)


def blocking_keys(lemmas: Iterable[str], actors: Iterable[str], sentences: Iterable[frozenset[str]]) -> set[str]:
    """What a report is blocked by: each word for its happening (kg.lexicon.trigger_words forms, so reports
    that share a trigger word or a word for the same thing share one), each principal actor (a person or an
    organisation by the last word of its name, as clustering compares them), and the min-hashes of its
    sentences' words (two sentences sharing most of their words, wire copy, share one of them)."""
    out = {f"w:{f}" for x in lemmas for f in trigger_words.forms(x)}
    for ws in sentences:
        if ws:
            out |= {f"s{k}:{min(zlib.crc32(f'{k} {w}'.encode()) for w in ws)}" for k in range(MINHASHES)}
    for a in actors:
        space, name = key_spaces.split(a)
        named = space in (Space.PERSON.value, Space.ORG.value)
        out.add(f"a:{space}:{name.rsplit('_', 1)[-1]}" if named else f"a:{a}")
    return out


def span(lo: int | None, hi: int | None) -> tuple[float, float]:
    return (-math.inf if lo is None else lo, math.inf if hi is None else hi)


def average_linkage(n: int, margin: dict[Pair, float | None], absent: float,
                    blocked: Callable[[int, int], bool] | None = None) -> list[list[int]]:
    """Clusters of items 0..n-1 (sorted lists, sorted by their first item). `margin` holds the scored pairs
    (x < y; None: incompatible, never in one cluster); a pair not in it counts `absent`, and, when it is,
    `blocked(x, y)` says whether it is incompatible (checked only when its two clusters are about to join)."""
    members = {i: [i] for i in range(n)}
    _missing = object()
    # per pair of clusters: the sum over their scored cross pairs of (margin - absent); None once blocked
    total: dict[Pair, float | None] = {k: (None if m is None else m - absent) for k, m in margin.items()}
    near: dict[int, set[int]] = {i: set() for i in range(n)}
    for x, y in total:
        near[x].add(y)
        near[y].add(x)

    def mean(t: float, x: int, y: int) -> float:
        return t / (len(members[x]) * len(members[y])) + absent

    heap = [(-mean(t, x, y), x, y) for (x, y), t in total.items() if t is not None and mean(t, x, y) >= 0]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        t = total.get((x, y))
        if x not in members or y not in members or t is None or -neg != mean(t, x, y):
            continue     # a stale entry: one side has joined another cluster since
        if blocked is not None and _blocked_across(members[x], members[y], margin, blocked):
            total[x, y] = None
            continue
        members[x] += members.pop(y)
        for z in sorted((near.pop(y) | near[x]) - {x, y}):
            k_xz, k_yz = (min(x, z), max(x, z)), (min(y, z), max(y, z))
            t1, t2 = total.pop(k_xz, _missing), total.pop(k_yz, _missing)
            near[z].discard(y)
            near[z].add(x)
            near[x].add(z)
            if t1 is None or t2 is None:
                total[k_xz] = None
                continue
            tz = (0.0 if t1 is _missing else t1) + (0.0 if t2 is _missing else t2)
            total[k_xz] = tz
            if mean(tz, *k_xz) >= 0:
                heapq.heappush(heap, (-mean(tz, *k_xz), *k_xz))
        near[x].discard(y)
        total.pop((x, y), None)
    return [sorted(ms) for ms in sorted(members.values(), key=min)]


def _blocked_across(xs: list[int], ys: list[int], margin: dict[Pair, float | None],
                    blocked: Callable[[int, int], bool]) -> bool:
    """Is any cross pair that was not scored incompatible?"""
    return any((min(i, j), max(i, j)) not in margin and blocked(i, j) for i in xs for j in ys)
