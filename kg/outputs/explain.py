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


def _said(r: dict) -> str:
    """One report in a line: document, trigger words, date, places and actors by role."""
    parts = [f"{r['doc']}: {' / '.join(repr(t) for t in r['trigger'])}", r["date"]]
    parts += [f"at {', '.join(r['places'])}"] if r["places"] else []
    parts += [f"{role[:-1]}: {', '.join(r[role])}" for role in ("agents", "patients", "others") if r[role]]
    return "; ".join(parts) + f"  [{r['source']}]"


def _link(p: dict) -> str:
    return f"{p['doc']}: evidence {p['evidence']:.1f} of {p['needed']:.1f} needed - " + \
        ("; ".join(p["reasons"]) or "nothing in common")


def event_lines(rec: dict) -> list[str]:
    """A cluster of reports (kg.corpus.event_explain's record) as the lines `kg explain --event` prints:
    each report, why it joined, and the nearest reports of its group kept apart, with what blocked them."""
    n, docs = len(rec["reports"]), len({r["doc"] for r in rec["reports"]})
    head = f"<{rec['cluster']}>: {_plural(n, 'report')} in {_plural(docs, 'document')}" if rec["cluster"] \
        else f"<{rec['asked']}>: a report of its own (no other report of the story joined it)"
    types = rec["group_types"]
    kinds = "this type" if len(types) < 2 else f"the types clustered with it ({', '.join(types)})"
    out = [f"{rec['type']} {head}; story {rec['story'] or '-'} has {_plural(rec['group_reports'], 'report')} "
           f"of {kinds}"]
    for r in rec["reports"]:
        out.append(f"  {_said(r)}")
        out.append(f"      in: {r['sentence'][:140]}")
        j = r["joined"]
        if j and j["best"]:
            out.append(f"      joined: mean margin {j['mean_margin']:+.1f} over {_plural(j['others'], 'other')}; "
                       f"strongest link {_link(j['best'])}")
    if rec["apart"]:
        out.append(f"kept apart ({rec['apart_total']} of the story's other reports of {kinds}; the nearest):")
    for r in rec["apart"]:
        out.append(f"  {_said(r)}" + (f"  (in <{r['in_cluster']}>)" if r["in_cluster"] else ""))
        out.append(f"      in: {r['sentence'][:140]}")
        if r["blocked"]:
            out.append(f"      blocked with {r['blocked']['doc']}: {r['blocked']['blocked']}")
        elif r["best"] and r["mean_margin"] < 0:
            out.append(f"      not enough: mean margin {r['mean_margin']:+.1f}; best {_link(r['best'])}")
        elif r["best"]:
            whole = "a pair across the two is blocked" if r["cluster_margin"] is None \
                else f"their mean margin is {r['cluster_margin']:+.1f}"
            out.append(f"      on its own enough (mean margin {r['mean_margin']:+.1f}; best {_link(r['best'])})")
            out.append(f"      but its cluster does not join this one: {whole}")
    return out
