"""`kg explain` as text: which mentions are one entity, and why (the corpus stage gives the records)."""
from __future__ import annotations

from kg.rdf.mapping import entity_iri


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def explain_lines(groups: list[dict], others: list[dict]) -> list[str]:
    """People (`groups`: identity decisions per document) and other entities (`others`: one node per
    canonical key), as the lines `kg explain` prints."""
    out = []
    for g in others:
        out.append(f"{g['label']}  <{g['iri']}>: {g['reason']}")
        for r in g["reports"]:
            out.append(f"  {r['doc']}: " + ", ".join(f"{m['text']!r} at {m['start']}" for m in r["mentions"]))
    for g in groups:
        out.append(f"{g['label']}  <{entity_iri(g['key'])}>")
        for r in g["reports"]:
            out.append(f"  {r['doc']}: '{r['form']}' ({_plural(len(r['mentions']), 'mention')}) - {r['reason']}")
            for m in r["mentions"][:5]:
                out.append(f"      [{m['start']}:{m['end']}] {m['text']!r} in: {m['sentence'][:140]}")
        out.append("")
    return out
