"""Generate small news-like documents as JSONL, for tests that need a corpus bigger than the seed."""
from __future__ import annotations

import json
import random
from pathlib import Path

LEADERS = [("President", "Emmanuel Macron"), ("Chancellor", "Olaf Scholz"), ("Prime Minister", "Narendra Modi"),
           ("President", "Vladimir Putin"), ("President", "Joe Biden"), ("Prime Minister", "Fumio Kishida"),
           ("President", "Lula da Silva"), ("Prime Minister", "Giorgia Meloni"), ("President", "Cyril Ramaphosa"),
           ("Prime Minister", "Justin Trudeau"), ("President", "Recep Tayyip Erdogan"), ("King", "Charles")]
CITIES = ["Paris", "Berlin", "New Delhi", "Moscow", "Washington", "Tokyo", "Brasilia", "Rome", "Pretoria",
          "Ottawa", "Ankara", "London", "Geneva", "Brussels"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = ["trade", "energy", "the war in Ukraine", "climate change", "migration", "defence spending", "food prices"]
VERBS = ["met", "visited", "criticised", "spoke with", "praised", "hosted"]


def article(i: int, rng: random.Random) -> dict:
    (t1, a), (t2, b) = rng.sample(LEADERS, 2)
    city, day, topic, verb = rng.choice(CITIES), rng.choice(DAYS), rng.choice(TOPICS), rng.choice(VERBS)
    text = (f"{t1} {a} {verb} {t2} {b} in {city} on {day}, officials said.\n"
            f"The two leaders discussed {topic} and agreed to meet again next month, according to a statement.\n"
            f"Police arrested {rng.randint(2, 40)} protesters outside the venue, the news agency reported.")
    return {"id": f"news-{i:04d}", "title": f"{a} and {b} meet in {city}", "text": text,
            "published": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}


def write_corpus(path: Path, n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    docs = [article(i, rng) for i in range(n)]
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d) + "\n")
    return docs
