"""The command line: every command's --help has an example; choices are typer's, listed in --help and
checked before anything runs; every mistake is one line from the error table with its code."""
from __future__ import annotations

import re
import sys

import pytest

from kg.cli import app, main

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.fixture
def kg(capsys, monkeypatch):
    """Run `kg ARGS` in this process: (exit code, stdout, stderr)."""
    def run(*args):
        monkeypatch.setattr(sys, "argv", ["kg", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help_with_an_example(kg, command):
    code, out, _ = kg(command, "--help")
    assert code == 0 and "Example:" in out and "kg " + command in out, out


def test_choices_are_listed_in_help(kg):
    text = kg("export", "--help")[1]
    assert re.search(r"graphml\|html\|png\|svg", text) and "rdfxml" in text
    assert "table|csv|tsv|json" in kg("query", "--help")[1]
    assert "local|dask" in kg("build", "--help")[1]


@pytest.mark.parametrize("args, needle, code", [
    (["export", "-f", "gif"], "'gif' is not one of 'graphml'", "usage"),
    (["query", "SELECT * WHERE {}", "-f", "xls"], "'xls' is not one of 'table'", "usage"),
    (["build", "seeds", "--engine", "spark"], "'spark' is not one of 'local', 'dask'", "usage"),
    (["export"], "Missing option '--format'", "usage"),
    (["nonsense"], "No such command 'nonsense'", "usage"),
    (["build", "seeds", "--scheduler", "tcp://x:8786", "--store", "{tmp}/s"], "--engine dask", "scheduler_needs_dask"),
    (["build", "seeds", "--published", "2024-13-01", "--store", "{tmp}/s"], "is not a YYYY-MM-DD date", "bad_date"),
    (["explain", "Modi", "--store", "{tmp}/none"], "no kg store here", "store_missing"),
    (["explain", "--event", "event/a/1-Attack", "--store", "{tmp}/none"], "no kg store here", "store_missing"),
    (["explain", "--store", "{tmp}/none"], "give a NAME or --event IRI", "usage"),
    (["explain", "Modi", "-e", "event/a/1-Attack", "--store", "{tmp}/none"], "give a NAME or --event IRI", "usage"),
    (["query", "--store", "{tmp}/s"], "kg query --list", "query_none"),
    (["export", "-f", "html", "--since", "July", "--store", "{tmp}/s"], "--since is not a YYYY-MM-DD", "bad_date"),
    (["query", "actorz", "--store", "{tmp}/s"], "who_met_whom", "query_unknown"),
])
def test_mistakes_are_one_line_from_the_table(kg, tmp_path, args, needle, code):
    status, out, err = kg(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert status == 2 and out == "", out
    [line] = err.splitlines()
    assert line.startswith("kg: error: ") and needle in line and line.endswith(f"[{code}]"), line
    assert not (tmp_path / "s").exists()          # refused before a store was opened


def test_a_result_format_has_its_own_code(seed_store):
    from kg.errors import KgError
    from kg.outputs.query import render
    from kg.rdf.store import Store
    with pytest.raises(KgError) as e:
        render(Store(seed_store, read_only=True).query("ASK {}"), "xls")
    assert e.value.code == "result_format" and "table, csv, tsv, json" in e.value.message


def test_a_ready_query_runs_by_name_from_any_folder(seed_store, tmp_path):
    import subprocess

    from tests.conftest import KG
    listed = subprocess.run(KG + ["query", "--list"], capture_output=True, text=True, cwd=tmp_path)
    assert listed.returncode == 0 and re.search(r"^actors +Actors: people", listed.stdout, re.M), listed.stdout
    r = subprocess.run(KG + ["query", "actors", "--store", str(seed_store), "-f", "csv"], capture_output=True,
                       text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("name,titles,countries,organisations,events") and "Modi" in r.stdout


# --- issue 18 item 10: no crash, no traceback, no absurd number ------------------------------------
@pytest.mark.parametrize("args", [
    ("serve", "--workers", "1" + "0" * 400), ("serve", "--timeout", "1e400"), ("serve", "--max-rows", "10" * 30),
    ("build", "x.txt", "--max-bytes", "1" + "0" * 400), ("build", "x.txt", "--workers", "100000"),
    ("push", "--endpoint", "http://127.0.0.1:9/u", "--deadline", "1e400"),
])
def test_a_number_past_its_bound_is_a_usage_error(kg, args):
    code, out, err = kg(*args)
    assert code == 2 and err.startswith("kg: error: Invalid value for") and err.strip().endswith("[usage]"), err
    assert len(err.strip().splitlines()) == 1


def test_a_deeply_nested_query_is_refused_not_a_crash(seed_store):
    from tests.conftest import run_kg
    deep = "SELECT * WHERE " + "{ " * 15_000 + "?s ?p ?o" + " }" * 15_000
    r = run_kg("query", deep, "--store", seed_store)
    assert r.returncode == 2 and "[query_too_deep]" in r.stderr and len(r.stderr.splitlines()) == 1, r


def test_nesting_is_counted_outside_strings_iris_and_comments():
    from kg.outputs.sparql_guard import nesting_depth
    assert nesting_depth('SELECT * { ?s <http://x/a#b> "{{{(" . # {{{{\n FILTER((1)) }') == 3
    assert nesting_depth("SELECT * { ?s ex:a\\#b ?o { { } } }") == 3      # an escaped # is no comment


def test_validate_reports_an_ill_typed_literal_without_a_traceback(seed_store, tmp_path):
    import shutil

    import pyoxigraph as ox

    from tests.conftest import run_kg
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, ignore=shutil.ignore_patterns("kg.lock", "kg.pid"))
    st = ox.Store(str(store))
    row = next(iter(st.query("SELECT ?g ?e WHERE { GRAPH ?g { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/"
                             "hasTimeStamp> ?t } } LIMIT 1")))
    g, ev = row["g"], row["e"]
    st.add(ox.Quad(ev, ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp"),
                   ox.Literal("2024-02-30", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), g))
    st.flush()
    del st
    r = run_kg("validate", "--store", store)
    assert r.returncode == 1 and "'2024-02-30'" in r.stdout, r
    assert "Traceback" not in r.stderr and all(line.startswith("kg: ") or "violation" in line
                                               for line in r.stderr.splitlines()), r.stderr


def test_an_impossible_date_in_the_text_makes_no_ill_typed_literal(tmp_path):
    from tests.conftest import run_kg
    doc = tmp_path / "d.txt"
    doc.write_text("Arrests in Lyon\nPolice arrested four men in Lyon on 2024-02-30, and two more on "
                   "February 30, 2024.\n")
    r = run_kg("build", doc, "--store", tmp_path / "st", "--published", "2024-03-04")
    assert r.returncode == 0, r.stderr
    r = run_kg("validate", "--store", tmp_path / "st")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r
    r = run_kg("build", doc, "--store", tmp_path / "st", "--published", "2024-02-30")
    assert r.returncode == 2 and "[bad_date]" in r.stderr, r.stderr


def test_explain_event_in_a_store_without_events_is_one_coded_line(kg, tmp_path):
    from kg.corpus.index import Index
    (tmp_path / "s").mkdir()
    Index(tmp_path / "s").close()                   # a store's index, with no document built yet
    status, out, err = kg("explain", "--event", "event/a/1-Attack", "--store", tmp_path / "s")
    assert status == 2 and out == ""
    [line] = err.splitlines()
    assert "holds no events yet" in line and line.endswith("[explain_event_empty]"), line
