"""Shared fixtures: the spaCy pipeline loaded once, and the seed built into a store once per session."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2b47ea7acca528d2.txt"
SEED_PUBLISHED = "2024-07-09"
KG = [sys.executable, "-m", "kg"]


def run_kg(*args, env=None, timeout=600):
    """Run the CLI as a user would; returns the CompletedProcess."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(KG + [str(a) for a in args], capture_output=True, text=True, timeout=timeout, env=e, cwd=ROOT)


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import build_pipeline
    return build_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract a text (with an optional publication date) into an ExtractedDocument."""
    from kg.input.readers import make_article
    from kg.nlp.pipeline import extract

    def run(text: str, published: str | None = "2024-03-15", doc_id: str = "t"):
        art = make_article(doc_id, text, "<test>", published=date.fromisoformat(published) if published else None)
        return next(extract([art], nlp))
    return run


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """A store holding the seed article, built through the CLI."""
    store = tmp_path_factory.mktemp("seed") / "store"
    r = run_kg("build", SEED, "--store", store, "--published", SEED_PUBLISHED)
    assert r.returncode == 0, r.stderr
    return store


@pytest.fixture(scope="session")
def seed_doc(nlp):
    from kg.input.readers import Defaults, read_documents
    from kg.nlp.pipeline import extract
    art = next(iter(read_documents([SEED], Defaults(published=date.fromisoformat(SEED_PUBLISHED)))))
    return next(extract([art], nlp))
