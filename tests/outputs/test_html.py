"""`kg export --format html`: a self-contained page, checked in headless Chromium (DOM and screenshot)."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_kg

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                  "--disable-extensions", "--hide-scrollbars", "--mute-audio"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (.ci/run installs it with apt-get)")


def run_chromium(*args, timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        return subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def page(seed_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "seed.html"
    r = run_kg("export", "--store", seed_store, "--format", "html", "-o", out)
    assert r.returncode == 0, r.stderr
    return out


def test_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    # no external resource of any kind: scripts, styles and data are inline
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "@import" not in text and "url(http" not in text
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1))
    labels = {n["data"]["label"] for n in data["nodes"]}
    assert {"Narendra Modi", "Vladimir Putin", "India", "Russia"} <= labels
    modi = next(n["data"] for n in data["nodes"] if n["data"]["label"] == "Narendra Modi")
    assert modi["type"] == "Person" and any("Modi" in s for s in modi["sentences"])
    events = [n["data"] for n in data["nodes"] if n["data"]["kind"] == "event"]
    assert events and all(e["sentences"] for e in events)
    assert all(e["data"]["label"] for e in data["edges"])


def test_vendored_library_matches_its_record():
    static = ROOT / "kg" / "outputs" / "static"
    record = (static / "VENDORED.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((static / "cytoscape.min.js").read_bytes()).hexdigest()
    assert digest in record
    assert "MIT" in (static / "cytoscape.LICENSE").read_text(encoding="utf-8") or \
        "Permission is hereby granted" in (static / "cytoscape.LICENSE").read_text(encoding="utf-8")


def test_page_renders_and_a_node_shows_its_sentences(page):
    r = run_chromium("--virtual-time-budget=8000", "--dump-dom", page.as_uri() + "#select=Narendra%20Modi")
    assert r.returncode == 0, r.stderr[-2000:]
    dom = r.stdout
    status = re.search(r'<div id="kg-status"[^>]*>', dom).group(0)
    assert 'data-ready="true"' in status
    nodes = int(re.search(r'data-nodes="(\d+)"', status).group(1))
    assert nodes > 50 and int(re.search(r'data-edges="(\d+)"', status).group(1)) > 50
    assert 'data-selected="Narendra Modi"' in status
    info = re.search(r'<aside id="info">(.*?)</aside>', dom, re.S).group(1)
    assert "<h2>Narendra Modi</h2>" in info
    sentences = re.findall(r"<li>(.*?)</li>", re.search(r'<ol class="sentences">(.*?)</ol>', info, re.S).group(1))
    assert sentences and any("Narendra Modi" in s for s in sentences)
    assert "<canvas" in dom  # Cytoscape drew the graph


def test_search_highlights_matches(page):
    r = run_chromium("--virtual-time-budget=8000", "--dump-dom", page.as_uri() + "#search=putin")
    assert r.returncode == 0, r.stderr[-2000:]
    assert re.search(r'<span id="matches">1 match</span>', r.stdout)


def test_screenshot_is_not_blank(page, tmp_path):
    shot = tmp_path / "shot.png"
    r = run_chromium("--virtual-time-budget=8000", "--window-size=1280,800", f"--screenshot={shot}",
                     page.as_uri() + "#search=India")
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    import matplotlib.image as mpimg
    import numpy as np
    img = mpimg.imread(shot)[..., :3]
    assert img.shape[0] >= 700 and img.shape[1] >= 1200
    graph_area = img[100:, :900]  # below the header, left of the side panel
    colours = {tuple(px) for px in (graph_area.reshape(-1, 3) * 255).astype(int)[::7]}
    assert len(colours) > 50, "the graph area looks blank"
    assert float(np.std(graph_area)) > 0.02
