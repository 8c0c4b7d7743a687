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
