"""`kg explain --event IRI`: the reports of an event's cluster, why each joined, and what kept the nearest
others of its (type, story) group apart.

Nothing is scored here: the group is clustered again with kg.corpus.clusters' own `cluster_rows`, and each
pair is read back through its `margin` (the score clustering uses), which names the Block or the Reasons.
Average linkage joins clusters on the mean margin of their pairs, so a member is shown with its strongest
link inside the cluster and its mean margin to the others.
"""
from __future__ import annotations

from datetime import date

from kg.corpus import clusters as cl
from kg.corpus import families
from kg.corpus.clusters import Block, Reason, Report, margin
from kg.corpus.recluster import group_rows
from kg.corpus.stories import story_of
from kg.errors import KgError
from kg.model import keys

#: the nearest reports kept apart that are shown
NEAREST = 5


def find(db, ref: str, path) -> tuple[str, str, str]:
    """("event" or "cluster", its IRI, its "type|story" group) of an event or cluster IRI, `<IRI>`, or a
    short form: the IRI's end after the base ("event/DOC/START-TYPE", "DOC/START-TYPE", "event-cluster/HASH",
    or the cluster's hash)."""
    if not db.execute("SELECT 1 FROM events LIMIT 1").fetchone():
        raise KgError("explain_event_empty", path=path)
    ref = ref.strip().removeprefix("<").removesuffix(">")
    full = "://" in ref
    tail = "/" + ref.removeprefix("/")
    found = []
    for kind, sql in (("event", "SELECT iri, doc, type FROM events"), ("cluster", "SELECT iri, grp, '' FROM clusters")):
        where = " WHERE iri = ?" if full else " WHERE iri = ? OR substr(iri, -length(?2)) = ?2"
        found += [(kind, *r) for r in db.execute(sql + where, (ref,) if full else (ref, tail)).fetchall()]
    if not found:
        raise KgError("explain_event_unknown", ref=ref, path=path)
    if len(found) > 1:
        raise KgError("explain_event_ambiguous", ref=ref, n=len(found), first=found[0][1], second=found[1][1])
    kind, iri, doc_or_grp, etype = found[0]
    if kind == "cluster":
        return kind, iri, families.family_group(doc_or_grp)
    story = story_of(db, doc_or_grp)
    return kind, iri, families.family_group(f"{etype}|{story}") if story else ""


class _Labels:
    """Entity labels of the reports' documents, by store-wide key (the documents resolved as the build did)."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.docs: dict[str, object] = {}
        self.names: dict[str, str] = {}

    def doc(self, doc_id: str):
        if doc_id not in self.docs:
            stored = self.corpus.index.get_document(doc_id)
            doc = self.corpus.resolve(stored) if stored is not None else None
            self.docs[doc_id] = doc
            if doc is not None:
                for k, e in doc.entities.items():
                    self.names.setdefault(k, e.label)
        return self.docs[doc_id]

    def of(self, key: str) -> str:
        if key.startswith(cl.PEOPLE):
            return f"people of {self.of(key.removeprefix(cl.PEOPLE))}"
        return self.names.get(key) or keys.split(key)[1]

    def all(self, ks) -> str:
        return ", ".join(self.of(k) for k in ks) or "-"


def when(r: Report) -> str:
    """A report's date as clustering takes it."""
    if r.dated == 2:
        return r.time
    if r.dated == 1:
        day = date.fromordinal(r.lo + cl.UNDATED_WINDOW).isoformat()
        return f"undated (article of {day} ± {cl.UNDATED_WINDOW} days)"
    return "undated (no article date)"


def block_text(b: Block, x: Report, y: Report, names: _Labels) -> str:
    if b.what == "dates":
        return f"dates cannot be one: {when(x)} vs {when(y)}"
    if b.what == "types":
        return f"{x.type} and {y.type} in one document (its own event identity told them apart)" \
            if x.doc == y.doc else f"{x.type} and {y.type} share no KAIROS or ACE class"
    what = "places apart" if b.what == "places" else f"different {b.what}"
    return f"{what}: {names.all(b.a)} vs {names.all(b.b)}"


def reason_text(r: Reason, names: _Labels) -> str:
    if r.what == "word":
        (wa, wb) = r.items
        text = f"the same trigger word '{wa}'" if wa == wb else f"'{wa}' and '{wb}' name the same happening"
        text += " (a common word)" if r.value < 1 else ""
    elif r.what == "actors":
        text = f"shared actors: {names.all(r.items)}"
    elif r.what == "sentence":
        text = f"the same sentence (wire copy, {r.value:.0%} of its words)" if r.value >= cl.WIRE \
            else f"{r.value:.0%} of the sentence's words in common"
    elif r.what == "documents":
        text = f"similar documents (cosine {r.value:.2f})"
    else:
        text = "both state a date, and the dates agree"
    return f"{text} +{r.weight:.1f}"


def _pair(x: Report, y: Report, similarity, names: _Labels) -> dict:
    """One pair read back from the clustering's score: blocked, or its evidence and what it needs."""
    why: list = []
    m = margin(x, y, similarity, why)
    names.doc(x.doc), names.doc(y.doc)     # their labels
    if m is None:
        return {"with": y.iri, "doc": y.doc, "blocked": block_text(why[0], x, y, names)}
    need = cl.needed(x, y)
    return {"with": y.iri, "doc": y.doc, "margin": round(m, 3), "evidence": round(m + need, 3), "needed": need,
            "reasons": [reason_text(r, names) for r in why if r.weight > 0]}


def _describe(r: Report, names: _Labels) -> dict:
    """What a report says: its trigger and sentence, date, places and actors."""
    doc = names.doc(r.doc)
    ev = doc.events[r.i] if doc is not None and r.i < len(doc.events) else None
    sentence = ""
    if ev is not None and 0 <= ev.trigger.sentence < len(doc.sentences):
        s = doc.sentences[ev.trigger.sentence]
        sentence = " ".join(doc.text[s.start:s.end].split())
    split = lambda field: [k for k in field.split("|") if k]   # noqa: E731
    return {"doc": r.doc, "iri": r.iri, "type": r.type, "source": r.source, "date": when(r), "sentence": sentence,
            "trigger": [m.text for m in ev.mentions] if ev is not None else split(r.lemma),
            "places": [names.of(k) for k in split(r.places)],
            "agents": [names.of(k) for k in split(r.agents)], "patients": [names.of(k) for k in split(r.patients)],
            "others": [names.of(k) for k in split(r.others)]}


def _joined(r: Report, cluster: list[Report], similarity, names: _Labels) -> dict | None:
    """Why a member is in its cluster: its strongest link there and its mean margin to the others."""
    pairs = [_pair(r, o, similarity, names) for o in cluster if o.iri != r.iri]
    if not pairs:
        return None
    ok = [p for p in pairs if "margin" in p]
    best = max(ok, key=lambda p: (p["margin"], p["with"]), default=None)
    return {"best": best, "mean_margin": round(sum(p["margin"] for p in ok) / len(ok), 3) if ok else None,
            "others": len(pairs)}


def _apart(r: Report, cluster: list[Report], other: list[Report], similarity, names: _Labels) -> dict:
    """What kept a report of the group out of the cluster: a blocked pair, or too little evidence on average
    (its own, or, when it has a cluster of its own, that cluster's as a whole: average linkage joins clusters)."""
    pairs = [_pair(r, o, similarity, names) for o in cluster]
    out = _describe(r, names)
    blocked = [p for p in pairs if "blocked" in p]
    ok = [p for p in pairs if "margin" in p]
    out["blocked"] = blocked[0] if blocked else None
    out["best"] = max(ok, key=lambda p: (p["margin"], p["with"]), default=None)
    out["mean_margin"] = round(sum(p["margin"] for p in ok) / len(ok), 3) if ok and not blocked else None
    out["cluster_margin"] = None
    if not blocked and len(other) > 1:
        across = [margin(x, y, similarity) for x in other for y in cluster]
        out["cluster_margin"] = None if None in across else round(sum(across) / len(across), 3)
    return out


def _nearness(r: Report, cluster: list[Report], similarity) -> float:
    """How close a report comes to a cluster: its best evidence with a member, blocked or not."""
    return max(cl.pair_evidence(r, o, similarity) for o in cluster)


def explain_event(corpus, ref: str, path, nearest: int = NEAREST) -> dict:
    """The record `kg explain --event` prints: the cluster of the event (or the cluster) `ref` names, each
    report with why it joined, and the nearest reports of its group kept apart with what blocked them.
    `corpus`: a kg.corpus.stage.Corpus (its index, and `resolve` for the documents' store-wide keys)."""
    kind, iri, grp = find(corpus.index.db, ref, path)
    names = _Labels(corpus)
    rows, similarity = group_rows(corpus.index.db, grp) if grp else ([], lambda a, b: 0.0)
    clusters = cl.cluster_rows(rows, similarity)
    want = (lambda c: cl.cluster_of(grp, c).iri == iri) if kind == "cluster" \
        else (lambda c: any(m.iri == iri for m in c))
    cluster = next((c for c in clusters if want(c)), None)
    if cluster is None:       # the index holds it but its group clusters otherwise now: out of date
        raise KgError("explain_event_unknown", ref=ref, path=path)
    story = grp.partition("|")[2]
    out = {"asked": iri, "type": cl.cluster_of(grp, cluster).type, "story": story, "group_reports": len(rows),
           "group_types": list(families.family(grp.partition("|")[0])),
           "cluster": cl.cluster_of(grp, cluster).iri if len(cluster) > 1 else None, "reports": [], "apart": []}
    for r in cluster:
        out["reports"].append({**_describe(r, names), "joined": _joined(r, cluster, similarity, names)})
    inside = {m.iri for m in cluster}
    rest = sorted((r for c in clusters for r in c if r.iri not in inside),
                  key=lambda r: (-_nearness(r, cluster, similarity), r.iri))
    out["apart_total"] = len(rest)
    for r in rest[:nearest]:
        other = next((c for c in clusters if r in c), [r])
        out["apart"].append({**_apart(r, cluster, other, similarity, names),
                             "in_cluster": cl.cluster_of(grp, other).iri if len(other) > 1 else None})
    return out
