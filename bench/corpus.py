"""Generate a news-like JSONL corpus by recombining the templates and names shipped in bench/, and,
where the development news excerpts are on disk (../shared/data/news_dev, or $BENCH_REAL), one or two
of their paragraphs per document, so the texts hold real news prose as well as the templates'.

Deterministic (seeded): `python bench/corpus.py N OUT.jsonl [SEED]`.
"""
from __future__ import annotations

import json
import os
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUMBERS = ["two", "three", "four", "five", "12", "20", "30", "45", "60", "100", "250", "dozens of"]


def _load():
    templates = [ln.strip() for ln in (HERE / "templates.txt").read_text().splitlines()
                 if ln.strip() and not ln.startswith("#")]
    lex: dict[str, list] = {}
    for ln in (HERE / "names.txt").read_text().splitlines():
        if ln.strip() and not ln.startswith("#"):
            kind, *vals = ln.split("\t")
            lex.setdefault(kind, []).append(vals)
    return templates, lex


def _real_paragraphs() -> list[str]:
    """Paragraphs of real news text (25+ words, no header lines) from the folder of .txt excerpts, if present."""
    folder = Path(os.environ.get("BENCH_REAL", HERE.parent.parent / "shared" / "data" / "news_dev"))
    out = []
    for f in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        out += [p.strip() for p in f.read_text(encoding="utf-8").splitlines()
                if len(p.split()) >= 25 and not re.match(r"[A-Z]+:", p)]
    return out


def documents(n: int, seed: int = 7, sentences: tuple[int, int] = (10, 14)):
    templates, lex = _load()
    real = _real_paragraphs()
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    for i in range(n):
        (c1, d1), (c2, _) = rng.sample(lex["country"], 2)
        (p1,), (p2,) = rng.sample(lex["person"], 2)
        slots = {"P": p1, "S": p1.split()[-1], "P2": p2, "T": rng.choice(lex["title"])[0], "C": c1, "C2": c2,
                 "D": d1, "W": rng.choice(lex["outlet"])[0], "Y": str(rng.choice([2022, 2023, 2024]))}
        body = []
        for t in rng.sample(templates, rng.randint(*sentences)):
            s = dict(slots, X=rng.choice(lex["city"])[0], O=rng.choice(lex["org"])[0], N=rng.choice(NUMBERS),
                     DAY=rng.choice(DAYS), M=rng.choice(MONTHS))
            sent = t.format(**s)
            body.append(sent[0].upper() + sent[1:])
        title = f"{c1} and {c2}: {p1} {rng.choice(['meets', 'criticises', 'visits', 'calls'])} {p2}"
        pub = start + timedelta(days=rng.randint(0, 365))
        # paragraphs of 2-3 sentences
        paras, k = [], 0
        while k < len(body):
            step = rng.randint(2, 3)
            paras.append(" ".join(body[k:k + step]))
            k += step
        for _ in range(rng.randint(1, 2) if real else 0):
            paras.insert(rng.randint(0, len(paras)), rng.choice(real))
        yield {"id": f"bench-{seed}-{i:05d}", "title": title, "text": title + "\n\n" + "\n\n".join(paras),
               "published": pub.isoformat(), "source": slots["W"].removeprefix("the ")}


def write(n: int, out: str | Path, seed: int = 7) -> int:
    words = 0
    with open(out, "w", encoding="utf-8") as fh:
        for d in documents(n, seed):
            words += len(d["text"].split())
            fh.write(json.dumps(d) + "\n")
    return words


if __name__ == "__main__":
    n = int(sys.argv[1])
    print(write(n, sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 7), "words")
