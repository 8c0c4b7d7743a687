"""List every event kg builds for a few news documents, one row each, for judging by hand.

docs/event_precision.md holds the judged table and tests/test_event_precision.py re-checks it; this
script is what both use to turn news files ("URL:", "DATE:", then the text, as in ../shared/data/news_dev)
into a corpus, build it into a fresh store and read the events back with one SPARQL query.

    .venv/bin/python bench/judge_events.py ../shared/data/news_dev 01 04 08 17 19 22 [--store DIR]

prints a Markdown table: document, trigger, type, modality, agents, patients, places, date, sentence.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EVENTS = """
SELECT ?g ?e ?type ?mod ?label (MIN(?start) AS ?first) ?date
       (GROUP_CONCAT(DISTINCT ?agent; SEPARATOR="; ") AS ?agents)
       (GROUP_CONCAT(DISTINCT ?patient; SEPARATOR="; ") AS ?patients)
       (GROUP_CONCAT(DISTINCT ?place; SEPARATOR="; ") AS ?places)
WHERE {
  GRAPH ?g { ?e a sem:Event ; sem:eventType ?type ; rdfs:label ?label ; kg:modality ?mod ; gaf:denotedBy ?m .
             OPTIONAL { ?e sem:hasTimeStamp ?date } }
  OPTIONAL { GRAPH ?g { ?e kg:agent ?a } OPTIONAL { ?a rdfs:label ?al } }
  OPTIONAL { GRAPH ?g { ?e kg:patient ?p } OPTIONAL { ?p rdfs:label ?pl } }
  OPTIONAL { GRAPH ?g { ?e sem:hasPlace ?l } OPTIONAL { ?l rdfs:label ?ll } }
  BIND(COALESCE(?al, STR(?a)) AS ?agent) BIND(COALESCE(?pl, STR(?p)) AS ?patient)
  BIND(COALESCE(?ll, STR(?l)) AS ?place)
  BIND(xsd:integer(REPLACE(STR(?m), "^.*#char=([0-9]+),.*$", "$1")) AS ?start)
} GROUP BY ?g ?e ?type ?mod ?label ?date ORDER BY ?g ?first
"""


def read_docs(data: Path, ids: list[str]) -> dict[str, dict]:
    """The news files as corpus records; a file without its two header lines is an error, not a guess."""
    docs = {}
    for nn in ids:
        lines = (data / f"{nn}.txt").read_text(encoding="utf-8").split("\n")
        if len(lines) < 3 or not lines[0].startswith("URL:") or not lines[1].startswith("DATE:"):
            raise ValueError(f"{data / nn}.txt: expected 'URL:' and 'DATE:' header lines")
        docs[nn] = {"id": nn, "url": lines[0][4:].strip(), "published": lines[1][5:].strip(),
                    "text": "\n".join(lines[2:]).strip() + "\n"}
    return docs


def build(kg: list[str], docs: dict[str, dict], store: Path) -> None:
    """Build the documents into a fresh store with the kg command line (as the scorers do)."""
    if store.exists():
        shutil.rmtree(store)
    corpus = store.parent / "judge_corpus.jsonl"
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs.values()), encoding="utf-8")
    r = subprocess.run([*kg, "build", str(corpus), "--store", str(store)], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"kg build failed: {(r.stderr or r.stdout).strip().splitlines()[-1:]}")


def sentence_at(text: str, start: int) -> str:
    """The sentence around a character offset: from the last end mark or line break before it to the next."""
    ends = [m.end() - 1 for m in re.finditer(r"[.!?][\"'”’]?\s", text[:start])]
    left = max([text.rfind("\n", 0, start), *ends])
    right = re.search(r"[.!?][\"'”’]?(\s|$)|\n", text[start:])
    end = start + right.end() if right else len(text)
    return " ".join(text[left + 1:end].split())


def events(store: Path, docs: dict[str, dict]) -> list[dict]:
    """Every sem:Event of each document graph with its arguments, trigger surface and sentence."""
    from kg.rdf.store import Store
    db = Store(store, read_only=True)
    rows = []
    try:
        for sol in db.query(EVENTS):
            doc = sol["g"].value.rsplit("/", 1)[-1]
            start = int(sol["first"].value)
            get = lambda k: sol[k].value if sol[k] is not None else ""  # noqa: E731
            rows.append({"doc": doc, "trigger": get("label").split(": ", 1)[-1].lower(),
                         "type": get("type").rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                         "modality": get("mod").rsplit("#", 1)[-1], "agents": get("agents"),
                         "patients": get("patients"), "places": get("places"), "date": get("date"),
                         "sentence": sentence_at(docs[doc]["text"], start)})
    finally:
        db.close()
    return rows


def build_and_list(data: Path, ids: list[str], store: Path, kg: list[str]) -> list[dict]:
    docs = read_docs(data, ids)
    build(kg, docs, store)
    return events(store, docs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("ids", nargs="+")
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument("--kg", default=None, help="kg command (default: this Python's -m kg)")
    a = ap.parse_args(argv)
    kg = a.kg.split() if a.kg else [sys.executable, "-m", "kg"]
    store = a.store or Path(tempfile.mkdtemp(prefix="kg-judge-")) / "store"
    try:
        rows = build_and_list(a.data, a.ids, store, kg)
    except (OSError, ValueError, RuntimeError) as e:
        print(f"judge_events: {e}", file=sys.stderr)
        return 1
    cols = ["doc", "trigger", "type", "modality", "agents", "patients", "places", "date", "sentence"]
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(r[c].replace("|", "/") for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
