"""`kg export` dispatches through the registry of writers (kg.outputs.writers): each format is one entry,
each writer one module, and the modules of kg.outputs import each other in one direction only."""
from __future__ import annotations

import inspect
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.outputs.export import export
from kg.outputs.writers import WRITERS, YED, ExportFormat, writer_for
from kg.rdf.store import Store
from tests.conftest import ROOT, run_kg

#: how each format's output starts
MAGIC = {"graphml": b"<?xml", "html": b"<!DOCTYPE html>", "png": b"\x89PNG", "svg": b"<?xml", "turtle": b"@prefix",
         "trig": b"<", "nquads": b"<", "ntriples": b"<", "jsonld": b"[", "rdfxml": b"<?xml"}


def test_every_entry_names_a_writer():
    assert [f.value for f in ExportFormat] == list(WRITERS) and set(MAGIC) == set(WRITERS)
    for w in [*WRITERS.values(), YED]:
        assert list(inspect.signature(w.load()).parameters)[:4] == ["store", "scope", "out", "fmt"], w.target


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_each_format_exports_the_seed(seed_store, tmp_path, fmt):
    out = tmp_path / f"seed.{fmt}"
    export(Store(seed_store, read_only=True), fmt, out, doc_id="000_2b47ea7acca528d2")
    data = out.read_bytes()
    assert data.startswith(MAGIC[fmt]) and len(data) > 1000
    if fmt == "svg":
        assert b"Narendra Modi" in data
    elif fmt not in ("png", "rdfxml"):
        assert "Narendra Modi".encode() in data or b"narendra_modi" in data


def test_unknown_format_and_yed_without_graphml():
    with pytest.raises(KgError) as e:
        writer_for("gif")
    assert e.value.code == "export_format"
    with pytest.raises(KgError) as e:
        writer_for("turtle", yed=True)
    assert e.value.code == "yed_needs_graphml"
    assert writer_for("graphml", yed=True) is YED


def test_a_failed_picture_leaves_the_file_alone(tmp_path):
    st = Store(tmp_path / "empty")
    out = tmp_path / "kept.png"
    out.write_bytes(b"an older picture")
    with pytest.raises(KgError) as e:
        export(st, "png", out)
    assert e.value.code == "picture_empty" and out.read_bytes() == b"an older picture"
    export(st, "nquads", tmp_path / "none.nq")          # nothing to write is still a file
    assert (tmp_path / "none.nq").exists()


def test_a_writer_failing_half_way_leaves_the_previous_file(tmp_path, monkeypatch):
    """A writer that has written part of its file and then fails (a character its format cannot carry,
    a full disk) leaves the previous export in place, and no temporary file beside it."""
    st = Store(tmp_path / "empty")
    out = tmp_path / "graph.graphml"
    out.write_bytes(b"the previous, good export")

    def half_then_fail(store, scope, stream, fmt):
        stream.write(b"<?xml version='1.0'?><graphml><graph>" * 1000)
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr("kg.outputs.writers.Writer.load", lambda self: half_then_fail)
    with pytest.raises(ValueError):
        export(st, "graphml", out)
    assert out.read_bytes() == b"the previous, good export"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["graph.graphml"]


def test_an_export_killed_mid_file_leaves_the_previous_file(seed_store, tmp_path):
    """SIGKILL in the middle of writing (KG_CRASH_AT=export-write): the previous export is whole; the next
    export replaces it and sweeps away the temporary file the killed one left."""
    out = tmp_path / "seed.nq"
    out.write_bytes(b"the previous, good export")
    r = run_kg("export", "--store", seed_store, "--format", "nquads", "-o", out, env={"KG_CRASH_AT": "export-write"})
    assert r.returncode == -signal.SIGKILL, (r.returncode, r.stderr)
    assert out.read_bytes() == b"the previous, good export"
    r = run_kg("export", "--store", seed_store, "--format", "nquads", "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"<") and out.stat().st_size > 10_000
    assert [p.name for p in tmp_path.iterdir()] == ["seed.nq"]


def test_a_writer_importing_the_dispatch_breaks_the_outputs_contract(tmp_path):
    bin_dir = Path(sys.executable).parent
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "kg", tree / "kg", ignore=shutil.ignore_patterns("__pycache__", "static", "data"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    html = tree / "kg" / "outputs" / "html.py"
    html.write_text(html.read_text() + "\nfrom kg.outputs import export  # noqa: E402,F401\n")
    r = subprocess.run([str(bin_dir / "lint-imports")], cwd=tree, capture_output=True, text=True, timeout=300,
                       env={"PYTHONPATH": str(tree), "PATH": str(bin_dir)})
    assert r.returncode != 0 and "kg.outputs.html -> kg.outputs.export" in r.stdout, r.stdout + r.stderr


def test_view_filters_are_for_graph_views(seed_store, tmp_path):
    from kg.outputs.scope import ViewFilter
    st = Store(seed_store, read_only=True)
    with pytest.raises(KgError) as e:
        export(st, "turtle", tmp_path / "x.ttl", view=ViewFilter(entities_only=True))
    assert e.value.code == "view_filter_rdf" and "--format graphml" in e.value.message
    assert not (tmp_path / "x.ttl").exists()
    out = tmp_path / "overview.html"
    export(st, "html", out, view=ViewFilter(entities_only=True))
    from kg.outputs.html import graph_data
    from kg.outputs.scope import Scope
    data = graph_data(st, Scope(view=ViewFilter(entities_only=True)))
    assert data["nodes"] and all(n["data"]["kind"] == "entity" for n in data["nodes"])
    assert data["edges"]
    assert '"kind":"event"' not in out.read_text(encoding="utf-8")
