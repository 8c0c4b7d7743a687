"""TempEval-3 Task A figures of the time expressions kg's graph carries, read from their kg:timexValue.

../shared/eval/score_tempeval3.py reads only date-typed literals (xsd:date, gYearMonth, gYear, dateTime)
on nodes with kg:timeMention, so a week, a quarter, a decade, a duration, a set or PRESENT_REF never
reaches it. This script scores the same graph on every kg:TimeExpression node: its kg:timexValue and
kg:timexType at its mention's offsets, aligned to the gold text and paired with the scorer's own
functions; next to it, the date-literal reading (what the scorer sees), so the two figures show how
much of the gap is what the scorer can read and how much is the graph.

    .venv/bin/python ../shared/eval/score_tempeval3.py --work /tmp/te3     # builds and exports the graph
    .venv/bin/python bench/timex_graph.py /tmp/te3/kg/graph.nq [--gold DIR]
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import urllib.parse
from pathlib import Path

from timex_dev import row, scorer

KG = "https://kg.example.org/ns#"


def _graphs(quads) -> dict:
    graphs = collections.defaultdict(lambda: collections.defaultdict(lambda: collections.defaultdict(list)))
    for s, p, o, g in quads:
        graphs[g[1] if g else ""][s][p[1]].append(o)
    return graphs


def _context(sc, subjects) -> str | None:
    for props in subjects.values():
        if ("iri", sc.NIF + "Context") in props.get(sc.RDF_TYPE, []):
            return props[sc.NIF + "isString"][0][1]
    return None


def collect(sc, quads, docs) -> dict:
    """{doc id: [timex]} of every node with kg:timexValue and kg:timeMention, in gold-text offsets."""
    by_kid = {re.sub(r"[^A-Za-z0-9_.-]", "_", d.id): d for d in docs}
    preds = {}
    for gname, subjects in _graphs(quads).items():
        m = re.search(r"/graph/(.+)$", gname)
        d = by_kid.get(urllib.parse.unquote(m.group(1))) if m else None
        if d is None:
            continue
        aligner, out = sc.Aligner(_context(sc, subjects), d.text), []
        for props in subjects.values():
            if KG + "timexValue" not in props:
                continue
            value, ttype = props[KG + "timexValue"][0][1], props[KG + "timexType"][0][1]
            for mention in props.get(KG + "timeMention", []):
                mp = subjects.get(mention, {})
                span = aligner.place(int(mp[sc.NIF + "beginIndex"][0][1]), mp[sc.NIF + "anchorOf"][0][1])
                if span is not None:
                    out.append({"start": span[0], "end": span[1], "type": ttype, "value": value,
                                "text": d.text[span[0]:span[1]]})
        preds[d.id] = sorted(out, key=lambda t: (t["start"], t["end"]))
    return preds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("nquads", help="the N-Quads export of the scorer's store (its --work folder: kg/graph.nq)")
    ap.add_argument("--gold", default=None, help="folder of .tml files (default: the scorer's tempeval3_dev)")
    args = ap.parse_args(argv)
    sc = scorer()
    docs, _ = sc.load_corpus(args.gold or sc.DEFAULT_GOLD)
    quads = sc.read_nquads(args.nquads)
    full = sc.score(docs, collect(sc, quads, docs))
    lit, _ = sc.collect_kg(quads, docs, {re.sub(r"[^A-Za-z0-9_.-]", "_", d.id): d.id for d in docs}, lambda _: None)
    lit = sc.score(docs, lit)
    print(f"{'':<22} {'strict P/R/F1':^20}   {'relaxed P/R/F1':^20}   value F1 type F1")
    print(row("graph kg:timexValue", full))
    print(row("graph date literals", lit))
    print(f"timex-graph strict F1={100 * full['strict'][2]:.2f} relaxed F1={100 * full['relaxed'][2]:.2f} "
          f"value F1={100 * full['value_f1']:.2f} type F1={100 * full['type_f1']:.2f} "
          f"(date literals: value F1={100 * lit['value_f1']:.2f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
