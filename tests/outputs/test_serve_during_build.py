"""`kg serve` while a writer holds the store: every worker answers from the last complete version, those
that had not answered before the build began and those started during it (issue 18, finding 8)."""
from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import ROOT
from tests.outputs.test_serve import FOREVER, http_error, kg_serve_cmd, store_copy, sw  # noqa: F401 - fixture
from tests.serve_helpers import running

HOLD = ("import sys\nfrom kg.rdf.store import Store\n"
        "st = Store(sys.argv[1])\nprint('holding', flush=True)\nsys.stdin.readline()\nst.close()\n")
ASK = 'ASK { ?p rdfs:label "Narendra Modi" }'


def _answer(endpoint):
    """True, or the refusal (status and body) so that a failure says which one."""
    try:
        return sw(endpoint, ASK).queryAndConvert()["boolean"]
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _answers(endpoint, n=12):
    with ThreadPoolExecutor(3) as pool:
        return list(pool.map(lambda _: _answer(endpoint), range(n)))


def test_every_worker_answers_during_a_build_even_one_started_during_it(store_copy, tmp_path):  # noqa: F811
    # the time limit leaves room for a loaded machine: a query that waits too long is answered 503 busy
    cmd = kg_serve_cmd(store_copy, "--timeout", 6, "--workers", 3)
    with running(cmd, "/", tmp_path / "serve.log", cwd=ROOT) as base:
        endpoint = base + "/sparql"
        writer = subprocess.Popen([sys.executable, "-c", HOLD, str(store_copy)], cwd=ROOT, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "holding", writer.stderr.read()
            assert _answers(endpoint) == [True] * 12          # none of them had answered a query before
            runaway = threading.Thread(target=lambda: http_error(sw(endpoint, FOREVER)))
            runaway.start()                                   # its worker is killed and replaced, mid-build
            runaway.join(timeout=30)
            assert _answers(endpoint) == [True] * 12
        finally:
            writer.stdin.write("\n")
            writer.stdin.flush()
            writer.wait(timeout=30)
