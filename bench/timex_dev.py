"""TempEval-3 Task A figures of kg's temporal tagger (kg.nlp.timex) alone, on a folder of TimeML files.

Runs the tagger on each gold document's text against its DCT and scores it with the functions of
../shared/eval/score_tempeval3.py (reading the .tml files, pairing, the metric, the miss analysis), so
the figures are the scorer's. Also prints them for the values kg's graph can carry as date literals
(YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM: what the scorer sees through the graph), the ceiling of
that channel (a system emitting exactly the gold timexes whose value is such a literal, and nothing
else) with the gold timexes it cannot read by kind, and the tagger's speed in ms per 1,000 words
(spaCy's own time apart).

    .venv/bin/python bench/timex_dev.py [--gold DIR] [--misses N] [--json OUT]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_tempeval3.py"
LITERAL = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?)?")


def scorer():
    spec = importlib.util.spec_from_file_location("score_tempeval3", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(docs):
    from kg.nlp.model import load_model
    from kg.nlp.timex.component import TimexTagger
    from kg.nlp.timex.grammar import load

    nlp = load_model()
    tagger = TimexTagger(load())
    preds, spacy_s, tag_s, words = {}, 0.0, 0.0, 0
    for d in docs:
        t0 = time.perf_counter()
        with nlp.select_pipes(enable=[n for n in nlp.pipe_names if not n.startswith("kg_")]):
            doc = nlp(d.text)
        t1 = time.perf_counter()
        found = tagger.run(d.text, d.dct or None, doc)
        tag_s += time.perf_counter() - t1
        spacy_s += t1 - t0
        words += len(d.text.split())
        preds[d.id] = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value, "text": t.text}
                       for t in found]
    return preds, {"words": words, "tagger_ms_per_1000_words": 1000 * tag_s / words * 1000,
                   "spacy_ms_per_1000_words": 1000 * spacy_s / words * 1000}


def literal_only(preds):
    """What reaches the scorer through the graph: date-literal values, typed DATE (TIME for a dateTime)."""
    out = {}
    for k, ts in preds.items():
        out[k] = [{**t, "type": "TIME" if "T" in t["value"] else "DATE"} for t in ts if LITERAL.fullmatch(t["value"])]
    return out


def literal_ceiling(docs) -> dict:
    """The best a system can score through date literals alone: the gold timexes whose value is one, exactly."""
    return {d.id: [dict(t) for t in d.timexes if LITERAL.fullmatch(t["value"])] for d in docs}


def unreadable(sc, docs) -> list[str]:
    """The gold timexes no date literal can carry (their value is not a calendar date, month, year or date-time),
    by kind of expression."""
    kinds = Counter(sc.expression_kind(t) for d in docs for t in d.timexes if not LITERAL.fullmatch(t["value"]))
    total = sum(len(d.timexes) for d in docs)
    lines = [f"gold timexes no date literal can carry: {sum(kinds.values())} of {total} "
             f"({100 * sum(kinds.values()) / total:.1f}%)"]
    lines += [f"  {n:5d}  {kind}" for kind, n in kinds.most_common()]
    return lines


def row(name, r):
    (sp, sr, sf), (rp, rr, rf) = r["strict"], r["relaxed"]
    return (f"{name:<22} {100 * sp:6.2f} {100 * sr:6.2f} {100 * sf:6.2f}   {100 * rp:6.2f} {100 * rr:6.2f} "
            f"{100 * rf:6.2f}   {100 * r['value_f1']:6.2f} {100 * r['type_f1']:6.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=None, help="folder of .tml files (default: the scorer's tempeval3_dev)")
    ap.add_argument("--misses", type=int, default=1, help="print the scorer's miss analysis (0 = no)")
    ap.add_argument("--json", default=None, help="write the predictions here")
    args = ap.parse_args(argv)
    sc = scorer()
    docs, _ = sc.load_corpus(args.gold or sc.DEFAULT_GOLD)
    preds, speed = run(docs)
    full, lit = sc.score(docs, preds), sc.score(docs, literal_only(preds))
    print(f"{len(docs)} documents, {full['gold']} gold TIMEX3, {speed['words']} words")
    print(f"{'':<22} {'strict P/R/F1':^20}   {'relaxed P/R/F1':^20}   value F1 type F1")
    print(row("kg timex (all)", full))
    print(row("date literals only", lit))
    print(row("ceiling of literals", sc.score(docs, literal_ceiling(docs))))
    print(f"speed: tagger {speed['tagger_ms_per_1000_words']:.1f} ms per 1,000 words "
          f"(spaCy pipeline {speed['spacy_ms_per_1000_words']:.1f})")
    if args.misses:
        print("\n".join(unreadable(sc, docs)))
        print("\n".join(sc.miss_analysis(full, "timex")))
    if args.json:
        Path(args.json).write_text(json.dumps(preds, indent=1), encoding="utf-8")
    print(f"timex-dev strict F1={100 * full['strict'][2]:.2f} relaxed F1={100 * full['relaxed'][2]:.2f} "
          f"value F1={100 * full['value_f1']:.2f} (literal-only value F1={100 * lit['value_f1']:.2f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
