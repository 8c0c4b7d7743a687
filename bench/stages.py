"""Where a one-process `kg build` spends its time, stage by stage (wall clock, no profiler overhead).

    python bench/stages.py CORPUS.jsonl [N]

Wraps the pipeline's components and the build's stages with CPU timers and prints a table: the
profile quoted in docs/scaling.md. Not part of the tests. `corpus: commit` and `corpus: finish` include
the batched store writes they trigger (`rdf: store write`).
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

T: dict[str, float] = defaultdict(float)
#: CPU time of the process (all threads): stable on a loaded machine, unlike wall time
CLOCK = time.process_time


def timed(name, fn):
    def wrapper(*a, **k):
        t = CLOCK()
        try:
            return fn(*a, **k)
        finally:
            T[name] += CLOCK() - t
    return wrapper


class _Timed:
    """A pipeline component with a timer around its `__call__` and `pipe` (spaCy calls either)."""

    def __init__(self, name, comp):
        self.name, self.comp = name, comp

    def __call__(self, doc):
        return timed(self.name, self.comp)(doc)

    def pipe(self, docs, **kw):
        it = iter(self.comp.pipe(docs, **kw) if hasattr(self.comp, "pipe") else map(self.comp, docs))
        while True:
            t = CLOCK()
            try:
                d = next(it)
            except StopIteration:
                return
            finally:
                T[self.name] += CLOCK() - t
            yield d

    def __getattr__(self, a):
        return getattr(self.comp, a)


def main(path: str, n: int | None = None) -> None:
    t0 = CLOCK()
    import kg.corpus.build as b
    import kg.corpus.engines as par
    import kg.corpus.stage as c
    import kg.input.readers as r
    import kg.nlp.pipeline as p
    from kg.rdf.store import Store
    T["imports"] = CLOCK() - t0

    t = CLOCK()
    nlp = par._nlp(None)
    T["model load"] = CLOCK() - t
    nlp._components[:] = [(name, _Timed(f"nlp: {name}", comp)) for name, comp in nlp._components]
    r.make_article = timed("input: read + clean", r.make_article)
    p.to_document = timed("to_document", p.to_document)
    p._prepare = timed("nlp: make_doc", p._prepare)
    b.document_triples = timed("rdf: mapping", b.document_triples)
    for m in ("decisions", "commit", "finish"):
        setattr(c.Corpus, m, timed(f"corpus: {m}", getattr(c.Corpus, m)))
    c.Corpus.apply = staticmethod(timed("corpus: apply", c.Corpus.apply))
    Store.replace_documents = timed("rdf: store write", Store.replace_documents)
    Store.flush = timed("rdf: store flush", Store.flush)
    with tempfile.TemporaryDirectory() as d:
        src = path
        if n:
            src = f"{d}/in.jsonl"
            with open(path) as fh, open(src, "w") as out:
                for _, ln in zip(range(n), fh):
                    out.write(ln)
        st = Store(f"{d}/store")
        t = CLOCK()
        rep = b.build([src], st)
        total = CLOCK() - t + T["imports"] + T["model load"]
    # spaCy runs components as chained generators: each timer includes everything upstream of it
    up = T["input: read + clean"] + T["nlp: make_doc"]
    for name in nlp.pipe_names:
        cum = T[f"nlp: {name}"]
        T[f"nlp: {name}"] = cum - up
        up = cum
    print(f"{rep.documents} documents, {rep.triples} triples, {total:.2f} s")
    for k, v in sorted(T.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<28} {v:7.2f} s  {100 * v / total:5.1f} %")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
