"""`kg export --format png|svg`: a static picture of the graph, or of one document's graph."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.conftest import run_kg

DOC = "000_2b47ea7acca528d2"


def test_png_of_one_document(seed_store, tmp_path):
    import matplotlib.image as mpimg
    import numpy as np

    out = tmp_path / "doc.png"
    r = run_kg("export", "--store", seed_store, "--format", "png", "-o", out, "--doc", DOC)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 20_000 < out.stat().st_size < 600_000
    img = mpimg.imread(out)[..., :3]
    assert img.shape[0] > 600 and img.shape[1] > 800
    assert float(np.std(img)) > 0.02  # not blank


def test_svg_of_the_store_has_labels_as_text(seed_store, tmp_path):
    out = tmp_path / "seed.svg"
    r = run_kg("export", "--store", seed_store, "--format", "svg", "-o", out)
    assert r.returncode == 0, r.stderr
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = out.read_text(encoding="utf-8")
    assert "Narendra Modi" in text and "Vladimir Putin" in text


def test_picture_errors(seed_store, tmp_path):
    r = run_kg("export", "--store", seed_store, "--format", "png", "--doc", "nope", "-o", tmp_path / "x.png")
    assert r.returncode == 2 and "no document 'nope'" in r.stderr and "Traceback" not in r.stderr
    r = run_kg("export", "--store", seed_store, "--format", "gif", "-o", tmp_path / "x.gif")
    assert r.returncode == 2 and "'png', 'svg'" in r.stderr and r.stderr.rstrip().endswith("[usage]")
