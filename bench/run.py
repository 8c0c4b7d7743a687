"""`make bench`: throughput, scaling, query speed, memory and export time of kg, as ratios measured in
one run on this machine (absolute numbers vary between machines; ratios much less).

Writes bench/results.json and prints a table. Sizes can be lowered for a quick look with
BENCH_DOCS (default 2000), BENCH_RSS (default "500,5000"), BENCH_WORKER_DOCS (default 300).
Not part of the tests.
"""
from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = Path(os.environ.get("BENCH_OUT", HERE / "corpus"))
PY = sys.executable
KG = [PY, "-m", "kg"]
sys.path.insert(0, str(ROOT))
from bench.corpus import write  # noqa: E402

N_DOCS = int(os.environ.get("BENCH_DOCS", 2000))
RSS_SIZES = [int(x) for x in os.environ.get("BENCH_RSS", "500,5000").split(",")]
N_WORKER_DOCS = int(os.environ.get("BENCH_WORKER_DOCS", 300))

# Item 3 times the canned queries users run (queries/*.rq), by file name.
QUERIES = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))}


QUERY_TARGET = 30   # rdflib ÷ kg query
RDFLIB_TIMEOUT = int(os.environ.get("BENCH_RDFLIB_TIMEOUT", 120))   # seconds per rdflib query


class RdflibTimeout(BaseException):
    """Not an Exception: rdflib's evaluator swallows those."""


def _timeout(signum, frame):
    raise RdflibTimeout


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def timed_run(cmd, env=None) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time and peak RSS (KiB, the largest process of the command) of a command in a fresh wrapper."""
    wrapper = ("import resource, subprocess, sys, time, json; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
               "r.returncode, r.stdout[-2000:], r.stderr[-2000:]]))")
    e = dict(os.environ, **(env or {}))
    p = subprocess.run([PY, "-c", wrapper] + [str(c) for c in cmd], capture_output=True, text=True, cwd=ROOT, env=e)
    wall, rss, code, out, err = json.loads(p.stdout)
    cp = subprocess.CompletedProcess(cmd, code, out, err)
    if code not in (0,):
        log(f"  ! {' '.join(map(str, cmd))} exited {code}: {err[-500:]}")
    return wall, rss, cp


def words_of(path: Path) -> int:
    return sum(len(json.loads(ln)["text"].split()) for ln in open(path, encoding="utf-8"))


RAW = """
import json, sys, time
from kg.nlp.model import load_model
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t = time.perf_counter()
nlp = load_model(None)
for _ in nlp.pipe(texts, batch_size=32):
    pass
print(time.perf_counter() - t)
"""



SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))   # e.g. "1,2": reuse results.json for those


RESULTS = Path(os.environ.get("BENCH_RESULTS", HERE / "results.json"))


def save(res: dict) -> None:
    RESULTS.write_text(json.dumps(res, indent=2, default=str))


def main() -> dict:
    OUT.mkdir(exist_ok=True)
    res: dict = {"docs": N_DOCS}
    if SKIP and RESULTS.exists():
        res.update(json.loads(RESULTS.read_text()))
        res["peak_rss_kib"] = {int(k): v for k, v in res.get("peak_rss_kib", {}).items()}
    speed = OUT / f"speed{N_DOCS}.jsonl"
    res["words"] = write(N_DOCS, speed, seed=7)
    store = OUT / "store1m"
    if "1" not in SKIP:
        if not os.environ.get("BENCH_BIG_REUSE"):
            subprocess.run(["rm", "-rf", str(store)])
        step1(res, speed, store)
        save(res)
    if "2" not in SKIP:
        step2(res)
        save(res)
    if "3" not in SKIP:
        step3(res, store)
        save(res)
    if "5" not in SKIP:
        log("[5] GraphML export ...")
        res["graphml_s"], _, _ = timed_run(KG + ["export", "--store", store, "--format", "graphml",
                                                 "-o", OUT / "store1m.graphml"])
        save(res)
    if "4" not in SKIP:
        step4(res)
        save(res)
    return res


def step1(res, speed, store):

    # 1. kg build vs raw spaCy nlp.pipe, one process, same model and texts (both timed from process start).
    #    By default on the whole corpus, whose store is then the big store of steps 3 and 5; with
    #    BENCH_SPEED_DOCS=N on its first N documents, the big store then built with BENCH_BIG_ARGS (e.g. --workers 2)
    n_speed = int(os.environ.get("BENCH_SPEED_DOCS", N_DOCS))
    sample = speed
    if n_speed < N_DOCS:
        sample = OUT / f"speed{N_DOCS}_first{n_speed}.jsonl"
        with open(speed, encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as dst:
            for _, ln in zip(range(n_speed), src):
                dst.write(ln)
    res["speed_docs"] = n_speed
    res["speed_words"] = words_of(sample)
    log(f"[1] raw spaCy nlp.pipe on {n_speed} documents ...")
    raw_wall, _, cp = timed_run([PY, "-c", RAW, sample])
    log(f"[1] kg build on {n_speed} documents (one process) ...")
    s1 = store if sample == speed else OUT / "store_speed"
    subprocess.run(["rm", "-rf", str(s1)])
    kg_wall, kg_rss, cp = timed_run(KG + ["build", sample, "--store", s1])
    res["raw_spacy_words_per_s"] = res["speed_words"] / raw_wall
    res["kg_build_words_per_s"] = res["speed_words"] / kg_wall
    res["build_ratio"] = res["kg_build_words_per_s"] / res["raw_spacy_words_per_s"]
    res["build_output"] = cp.stdout.strip()
    if sample != speed and not (os.environ.get("BENCH_BIG_REUSE") and (store / "CURRENT").exists()):
        args = os.environ.get("BENCH_BIG_ARGS", "").split()
        log(f"[1b] kg build {' '.join(args)} on all {N_DOCS} documents (the big store) ...")
        res["big_build_s"], _, cp = timed_run(KG + ["build", speed, "--store", store] + args)
        res["big_build_output"] = cp.stdout.strip()



def step2(res):
    # 2. --workers 2 speed-up vs the machine's own two-process speed-up on a CPU-bound Python loop
    log("[2] two-process ceiling ...")
    ceil = float(subprocess.run([PY, str(HERE / "cpu_ceiling.py"), os.environ.get("BENCH_CPU_N", "20000000")],
                                capture_output=True, text=True, check=True).stdout.strip())
    sub = OUT / f"workers{N_WORKER_DOCS}.jsonl"
    write(N_WORKER_DOCS, sub, seed=11)
    walls = {}
    for w in (1, 2):
        log(f"[2] kg build --workers {w} on {N_WORKER_DOCS} documents ...")
        s = OUT / f"store_w{w}"
        subprocess.run(["rm", "-rf", str(s)])
        walls[w], _, _ = timed_run(KG + ["build", sub, "--store", s] + (["--workers", "2"] if w == 2 else []))
    res["cpu_two_process_speedup"] = ceil
    res["workers2_speedup"] = walls[1] / walls[2]
    res["workers_ratio"] = res["workers2_speedup"] / ceil



def step3(res, store):
    # 3. canned queries (queries/*.rq): rdflib in memory vs kg query vs raw pyoxigraph, on the store of step 1.
    #    kg query (Store.query + the row conversion of `kg query`) and raw pyoxigraph are best of 5, interleaved.
    #    rdflib gets RDFLIB_TIMEOUT seconds per query, or long enough to decide the ≥ 30 target (33 × kg's time)
    #    when that is longer; a timeout is reported as a lower bound, "> x".
    from rdflib import Graph

    from kg.model.vocab import sparql_prologue
    from kg.outputs.query import rows
    from kg.rdf.store import Store
    st = Store(store, read_only=True)
    res["triples"] = len(st)
    log(f"[3] store has {res['triples']} quads; loading them into rdflib ...")
    nt = OUT / "store1m.nt"
    with open(nt, "wb") as fh:
        st.dump(fh, "ntriples")
    t = time.perf_counter()
    g = Graph()
    g.parse(str(nt), format="nt")
    res["rdflib_load_s"] = time.perf_counter() - t
    res["rdflib_triples"] = len(g)
    import pyoxigraph as ox
    raw = ox.Store.read_only(str(store))      # pyoxigraph itself, next to kg's Store over the same files
    res["queries"] = {}
    for name, q in QUERIES.items():
        full = sparql_prologue() + q
        best_kg = best_raw = float("inf")
        for _ in range(5):
            t = time.perf_counter()
            n_raw = len(list(raw.query(full, use_default_graph_as_union=True)))
            best_raw = min(best_raw, time.perf_counter() - t)
            t = time.perf_counter()
            n_kg = len(rows(st.query(q))[1])
            best_kg = min(best_kg, time.perf_counter() - t)
        assert n_raw == n_kg, (name, n_raw, n_kg)
        t = time.perf_counter()
        signal.signal(signal.SIGALRM, _timeout)
        signal.alarm(max(RDFLIB_TIMEOUT, math.ceil(1.1 * QUERY_TARGET * best_kg)))
        rdflib_error = None
        try:
            n_rdflib = len(list(g.query(full)))
        except RdflibTimeout:
            n_rdflib = None          # rdflib gave up: its time is a lower bound
        except Exception as e:       # rdflib cannot run the query (e.g. NotBoundError in a DISTINCT aggregate)
            n_rdflib, rdflib_error = None, f"{type(e).__name__}: {e}"
            log(f"  ! {name}: rdflib failed: {rdflib_error}")
        finally:
            signal.alarm(0)
        t_rdflib = time.perf_counter() - t
        if n_rdflib not in (None, n_kg):
            log(f"  ! {name}: rdflib returned {n_rdflib} rows, kg query {n_kg}")
        cli, _, _ = timed_run(KG + ["query", q, "--store", store, "-f", "csv"])
        res["queries"][name] = {"rows": n_kg, "rdflib_rows": n_rdflib, "rows_agree": n_rdflib in (None, n_kg),
                                "rdflib_s": t_rdflib, "rdflib_timed_out": n_rdflib is None and not rdflib_error,
                                "rdflib_error": rdflib_error, "kg_query_s": best_kg,
                                "pyoxigraph_s": best_raw, "kg_cli_s": cli, "rdflib_over_kg": t_rdflib / best_kg,
                                "kg_over_raw": best_kg / best_raw}
        gt = "> " if n_rdflib is None and not rdflib_error else ""
        log(f"    {name}: {n_kg} rows; rdflib {gt}{t_rdflib:.2f}s, kg {best_kg:.3f}s, raw {best_raw:.3f}s, "
            f"CLI {cli:.2f}s")
    del g
    if hasattr(st, "close"):
        st.close()
    qs = res["queries"].values()
    ok = [v for v in qs if not v["rdflib_error"]]
    # a lower bound where rdflib timed out
    res["query_ratio_min"] = min((v["rdflib_over_kg"] for v in ok), default=None)
    res["query_ratio_max"] = max((v["rdflib_over_kg"] for v in ok), default=None)
    res["kg_over_raw_min"] = min(v["kg_over_raw"] for v in qs)
    res["kg_over_raw_max"] = max(v["kg_over_raw"] for v in qs)



def step4(res):
    # 4. peak RSS: building many documents vs few (short documents, same generator)
    peaks = {}
    for n in RSS_SIZES:
        log(f"[4] peak RSS building {n} documents ...")
        path = OUT / f"rss{n}.jsonl"
        from bench.corpus import documents
        with open(path, "w", encoding="utf-8") as fh:
            lo, hi = (int(x) for x in os.environ.get("BENCH_RSS_SENTENCES", "3,5").split(","))
            for d in documents(n, seed=23, sentences=(lo, hi)):
                fh.write(json.dumps(d) + "\n")
        s = OUT / f"store_rss{n}"
        subprocess.run(["rm", "-rf", str(s)])
        _, peaks[n], _ = timed_run(KG + ["build", path, "--store", s] + os.environ.get("BENCH_RSS_ARGS", "").split())
    res["peak_rss_kib"] = peaks
    res["rss_ratio"] = peaks[max(peaks)] / peaks[min(peaks)]


def table(res: dict) -> str:
    """The results as a table; measures of steps that were not run (and have no earlier result) are left out."""
    q = res.get("queries", {})
    rows_ = []
    if "build_ratio" in res:
        rows_.append(("1. kg build ÷ raw nlp.pipe (words/s)",
                      f"{res['kg_build_words_per_s']:.0f} / {res['raw_spacy_words_per_s']:.0f}",
                      f"{res['build_ratio']:.2f}", "≥ 0.80"))
    if "workers_ratio" in res:
        rows_.append(("2. --workers 2 speed-up ÷ CPU-loop ceiling",
                      f"{res['workers2_speedup']:.2f} / {res['cpu_two_process_speedup']:.2f}",
                      f"{res['workers_ratio']:.2f}", "≥ 0.90"))
    for name, v in q.items():
        gt = "> " if v.get("rdflib_timed_out") else ""
        if v.get("rdflib_error"):
            rows_.append((f"3. rdflib ÷ kg query: {name}", f"rdflib fails / {v['kg_query_s']:.3f}s", "-", "≥ 30"))
            continue
        rows_.append((f"3. rdflib ÷ kg query: {name}", f"{gt}{v['rdflib_s']:.2f}s / {v['kg_query_s']:.3f}s",
                      f"{gt}{v['rdflib_over_kg']:.0f}", "≥ 30"))
    for name, v in q.items():
        rows_.append((f"3. kg query ÷ pyoxigraph: {name}", f"{v['kg_query_s']:.3f}s / {v['pyoxigraph_s']:.3f}s",
                      f"{v['kg_over_raw']:.2f}", "≤ 1.2"))
    if res.get("peak_rss_kib"):
        a, b = min(res["peak_rss_kib"]), max(res["peak_rss_kib"])
        rows_.append((f"4. peak RSS {b} docs ÷ {a} docs",
                      f"{res['peak_rss_kib'][b] / 1024:.0f} / {res['peak_rss_kib'][a] / 1024:.0f} MiB",
                      f"{res['rss_ratio']:.2f}", "≤ 1.2"))
    if "graphml_s" in res:
        rows_.append((f"5. GraphML export, {res.get('triples', '?')} quads", f"{res['graphml_s']:.1f}s",
                      f"{res['graphml_s']:.1f}s", "< 60 s"))
    w = max((len(r[0]) for r in rows_), default=7)
    lines = [f"{'measure'.ljust(w)}  {'values':>24}  {'ratio':>7}  target", "-" * (w + 48)]
    lines += [f"{r[0].ljust(w)}  {r[1]:>24}  {r[2]:>7}  {r[3]}" for r in rows_]
    lines.append(f"corpus: {res['docs']} documents, {res.get('words', '?')} words (speed ratio on the first "
                 f"{res.get('speed_docs', '?')}: {res.get('speed_words', '?')} words); machine: {os.cpu_count()} CPUs, "
                 f"load average {os.getloadavg()[0]:.1f} at the end")
    return "\n".join(lines)


if __name__ == "__main__":
    results = main()
    save(results)
    print(table(results))
