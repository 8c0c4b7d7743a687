"""`make bench`: throughput, scaling, query speed, memory and export time of kg, as ratios measured in
one run on this machine (absolute numbers vary between machines; ratios much less).

Writes bench/results.json and prints a table. Sizes can be lowered for a quick look with
BENCH_DOCS (default 2000: the one-process CPU ratio (a), the queries and the export),
BENCH_WORKER_DOCS (default 600: the parallel ratio (b)), BENCH_SCALE (default "2000,20000": per-document
cost (c) and peak RSS (d) of whole builds), BENCH_STAGE_DOCS (default 500: the per-stage profile).
BENCH_SKIP=a,stages,b,3,5,c reuses results.json for those steps. Not part of the tests.
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
N_WORKER_DOCS = int(os.environ.get("BENCH_WORKER_DOCS", 600))

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


def measured_run(cmd, env=None) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """Wall time, CPU seconds (user + system, the command and every process it started and waited for)
    and peak RSS (KiB, its largest process) of a command, in a fresh wrapper."""
    wrapper = ("import resource, subprocess, sys, time, json; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps([time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, "
               "r.returncode, r.stdout[-2000:], r.stderr[-2000:]]))")
    e = dict(os.environ, **(env or {}))
    p = subprocess.run([PY, "-c", wrapper] + [str(c) for c in cmd], capture_output=True, text=True, cwd=ROOT, env=e)
    wall, cpu, rss, code, out, err = json.loads(p.stdout)
    cp = subprocess.CompletedProcess(cmd, code, out, err)
    if code not in (0,):
        log(f"  ! {' '.join(map(str, cmd))} exited {code}: {err[-500:]}")
    return wall, cpu, rss, cp


def timed_run(cmd, env=None) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time and peak RSS (KiB) of a command."""
    wall, _, rss, cp = measured_run(cmd, env)
    return wall, rss, cp


def words_of(path: Path) -> int:
    return sum(len(json.loads(ln)["text"].split()) for ln in open(path, encoding="utf-8"))


#: raw spaCy: the same model over the same texts, `nlp.pipe(n_process=argv[2])`, nothing else
RAW = """
import json, sys, time
from kg.nlp.model import load_model
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t = time.perf_counter()
nlp = load_model(None)
for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2]) if len(sys.argv) > 2 else 1):
    pass
print(time.perf_counter() - t)
"""
CORES = os.cpu_count() or 1
SCALE_SIZES = [int(x) for x in os.environ.get("BENCH_SCALE", "2000,20000").split(",")]



SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))   # e.g. "1,2": reuse results.json for those


RESULTS = Path(os.environ.get("BENCH_RESULTS", HERE / "results.json"))


def save(res: dict) -> None:
    RESULTS.write_text(json.dumps(res, indent=2, default=str))


def main() -> dict:
    OUT.mkdir(exist_ok=True)
    res: dict = {"docs": N_DOCS}
    if SKIP and RESULTS.exists():
        res.update(json.loads(RESULTS.read_text()))
    speed = OUT / f"speed{N_DOCS}.jsonl"
    res["words"] = write(N_DOCS, speed, seed=7)
    store = OUT / "store1m"
    if "a" not in SKIP:
        if not os.environ.get("BENCH_BIG_REUSE"):
            subprocess.run(["rm", "-rf", str(store)])
        step1(res, speed, store)
        save(res)
    if "stages" not in SKIP:
        step_stages(res, speed)
        save(res)
    if "b" not in SKIP:
        step_parallel(res)
        save(res)
    if "3" not in SKIP:
        step3(res, store)
        save(res)
    if "5" not in SKIP:
        log("[5] GraphML export ...")
        res["graphml_s"], _, _ = timed_run(KG + ["export", "--store", store, "--format", "graphml",
                                                 "-o", OUT / "store1m.graphml"])
        save(res)
    if "c" not in SKIP:
        step_scale(res)
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
    raw_wall, raw_cpu, _, cp = measured_run([PY, "-c", RAW, sample])
    log(f"[1] kg build on {n_speed} documents (one process) ...")
    s1 = store if sample == speed else OUT / "store_speed"
    subprocess.run(["rm", "-rf", str(s1)])
    kg_wall, kg_cpu, kg_rss, cp = measured_run(KG + ["build", sample, "--store", s1])
    res["raw_spacy_words_per_s"] = res["speed_words"] / raw_wall
    res["kg_build_words_per_s"] = res["speed_words"] / kg_wall
    res["build_ratio"] = res["kg_build_words_per_s"] / res["raw_spacy_words_per_s"]
    res["raw_spacy_cpu_s"], res["kg_build_cpu_s"] = raw_cpu, kg_cpu
    res["cpu_overhead"] = kg_cpu / raw_cpu        # (a): whole build ÷ the NLP underneath, target ≤ 1.25
    res["build_output"] = cp.stdout.strip()
    if sample != speed and not (os.environ.get("BENCH_BIG_REUSE") and (store / "CURRENT").exists()):
        args = os.environ.get("BENCH_BIG_ARGS", "").split()
        log(f"[1b] kg build {' '.join(args)} on all {N_DOCS} documents (the big store) ...")
        res["big_build_s"], _, cp = timed_run(KG + ["build", speed, "--store", store] + args)
        res["big_build_output"] = cp.stdout.strip()



def step_parallel(res):
    # (b) wall-clock words/s of `kg build --workers N` ÷ raw `nlp.pipe(n_process=N)`, N = the machine's cores
    sub = OUT / f"workers{N_WORKER_DOCS}.jsonl"
    write(N_WORKER_DOCS, sub, seed=11)
    words = words_of(sub)
    log(f"[b] raw nlp.pipe(n_process={CORES}) on {N_WORKER_DOCS} documents ...")
    raw_wall, _, _, _ = measured_run([PY, "-c", RAW, sub, CORES])
    log(f"[b] kg build --workers {CORES} on {N_WORKER_DOCS} documents ...")
    s = OUT / f"store_w{CORES}"
    subprocess.run(["rm", "-rf", str(s)])
    kg_wall, _, _, _ = measured_run(KG + ["build", sub, "--store", s, "--workers", str(CORES)])
    res["parallel"] = {"cores": CORES, "docs": N_WORKER_DOCS, "raw_words_per_s": words / raw_wall,
                       "kg_words_per_s": words / kg_wall, "ratio": raw_wall / kg_wall}


def step_scale(res):
    # (c) CPU per document and (d) peak RSS of whole builds at each size of BENCH_SCALE, same generator
    from bench.corpus import documents
    runs = {}
    for n in SCALE_SIZES:
        path = OUT / f"scale{n}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for d in documents(n, seed=31):
                fh.write(json.dumps(d) + "\n")
        s = OUT / f"store_scale{n}"
        subprocess.run(["rm", "-rf", str(s)])
        log(f"[c/d] kg build --workers {CORES} on {n} documents ...")
        wall, cpu, rss, cp = measured_run(KG + ["build", path, "--store", s, "--workers", str(CORES)])
        runs[n] = {"wall_s": wall, "cpu_s": cpu, "cpu_ms_per_doc": 1000 * cpu / n, "peak_rss_kib": rss,
                   "output": cp.stdout.strip()[-300:]}
    lo, hi = min(runs), max(runs)
    res["scale"] = {"runs": runs, "cost_ratio": runs[hi]["cpu_ms_per_doc"] / runs[lo]["cpu_ms_per_doc"],
                    "rss_ratio": runs[hi]["peak_rss_kib"] / runs[lo]["peak_rss_kib"]}


def step_stages(res, speed):
    # where the time goes, per stage, on the first documents of the speed corpus (same run)
    n = os.environ.get("BENCH_STAGE_DOCS", "500")
    log(f"[stages] profile of a one-process build of {n} documents ...")
    p = subprocess.run([PY, str(HERE / "stages.py"), str(speed), n], capture_output=True, text=True, cwd=ROOT)
    res["stages"] = p.stdout.strip().splitlines()


def step3(res, store):
    # 3. canned queries (queries/*.rq): rdflib in memory vs kg query vs raw pyoxigraph, on the store of step 1.
    #    kg query (Store.query + the row conversion of `kg query`) and raw pyoxigraph are best of 5, interleaved.
    #    rdflib gets RDFLIB_TIMEOUT seconds per query, or long enough to decide the ≥ 30 target (33 × kg's time)
    #    when that is longer; a timeout is reported as a lower bound, "> x".
    from rdflib import Graph

    from kg.model.vocab import sparql_prologue
    from kg.outputs.query import rows
    from kg.rdf.store import Store, query_dataset
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
            n_raw = len(list(raw.query(full, default_graph=query_dataset())))
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



def table(res: dict) -> str:
    """The results as a table; measures of steps that were not run (and have no earlier result) are left out."""
    q = res.get("queries", {})
    rows_ = []
    if "cpu_overhead" in res:
        rows_.append(("a. CPU of kg build ÷ CPU of raw nlp.pipe (one process)",
                      f"{res['kg_build_cpu_s']:.0f}s / {res['raw_spacy_cpu_s']:.0f}s", f"{res['cpu_overhead']:.2f}",
                      "≤ 1.25"))
    if "parallel" in res:
        v = res["parallel"]
        rows_.append((f"b. kg build --workers {v['cores']} ÷ nlp.pipe(n_process={v['cores']}) (words/s)",
                      f"{v['kg_words_per_s']:.0f} / {v['raw_words_per_s']:.0f}", f"{v['ratio']:.2f}", "≥ 0.80"))
    if "scale" in res:
        v, runs = res["scale"], res["scale"]["runs"]
        lo, hi = min(runs, key=int), max(runs, key=int)
        rows_.append((f"c. CPU per document, {hi} docs ÷ {lo} docs",
                      f"{runs[hi]['cpu_ms_per_doc']:.0f} / {runs[lo]['cpu_ms_per_doc']:.0f} ms",
                      f"{v['cost_ratio']:.2f}",
                      "≤ 1.2"))
        rows_.append((f"d. peak RSS, {hi} docs ÷ {lo} docs",
                      f"{runs[hi]['peak_rss_kib'] / 1024:.0f} / {runs[lo]['peak_rss_kib'] / 1024:.0f} MiB",
                      f"{v['rss_ratio']:.2f}", "≤ 1.2"))
    if "build_ratio" in res:
        rows_.append(("1. kg build ÷ raw nlp.pipe (words/s)",
                      f"{res['kg_build_words_per_s']:.0f} / {res['raw_spacy_words_per_s']:.0f}",
                      f"{res['build_ratio']:.2f}", "≥ 0.80"))
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
    if "graphml_s" in res:
        rows_.append((f"5. GraphML export, {res.get('triples', '?')} quads", f"{res['graphml_s']:.1f}s",
                      f"{res['graphml_s']:.1f}s", "< 60 s"))
    w = max((len(r[0]) for r in rows_), default=7)
    lines = [f"{'measure'.ljust(w)}  {'values':>24}  {'ratio':>7}  target", "-" * (w + 48)]
    lines += [f"{r[0].ljust(w)}  {r[1]:>24}  {r[2]:>7}  {r[3]}" for r in rows_]
    lines.append(f"corpus: {res['docs']} documents, {res.get('words', '?')} words (speed ratio on the first "
                 f"{res.get('speed_docs', '?')}: {res.get('speed_words', '?')} words); machine: {os.cpu_count()} CPUs, "
                 f"load average {os.getloadavg()[0]:.1f} at the end")
    if res.get("stages"):
        lines += ["", "where the time goes (bench/stages.py, CPU seconds):"] + res["stages"]
    return "\n".join(lines)


if __name__ == "__main__":
    results = main()
    save(results)
    print(table(results))
