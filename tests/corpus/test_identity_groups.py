"""kg/corpus/identity_groups.py: a new record's key from a surname's summary, as the whole group would give it;
and the lone-surname groups of identity.resolve_group found without comparing every pair."""
from __future__ import annotations

import random

from kg.corpus.identity import PersonRecord, _connected, compatible_nat, name_tokens, resolve_group, shared_evidence
from kg.corpus.identity_groups import Surname, decide


def rec(doc, label, nat=(), titles=(), context=()):
    return PersonRecord(doc, f"person:{doc}_{label}", label, name_tokens(label), set(nat), set(titles), set(context))


def _pairwise(records):
    """The reference: components of the graph of every compatible pair that shares evidence."""
    comps: list[set[int]] = []
    for i, r in enumerate(records):
        joined = [c for c in comps if any(shared_evidence(r, records[j]) and compatible_nat(r.nat, records[j].nat)
                                          for j in c)]
        comps = [c for c in comps if c not in joined] + [set().union({i}, *joined)]
    return sorted(sorted(c) for c in comps)


def test_lone_surname_groups_are_the_components_of_the_pairwise_rule():
    rng = random.Random(5)
    for _ in range(30):
        records = [rec(f"d{i}", "Varga", nat=rng.sample(["country:HU", "country:AT", "country:SK"], rng.randint(0, 1)),
                       titles=rng.sample(["mayor", "coach", "judge"], rng.randint(0, 1)),
                       context=rng.sample(["org:club", "place:pecs_HU", "country:RO", "org:court"], rng.randint(0, 2)))
                   for i in range(rng.randint(2, 14))]
        index = {id(r): i for i, r in enumerate(records)}
        got = sorted(sorted(index[id(r)] for r in c) for c in _connected(records))
        assert got == _pairwise(records)


def test_a_group_is_named_by_its_last_record():
    a, b = rec("d1", "Varga", titles=["coach"]), rec("d2", "Varga", titles=["coach"])
    (comp,) = _connected([a, b])
    assert comp[0] is b


def test_the_summary_gives_each_new_record_the_key_the_whole_group_gives():
    stream = [rec("d1", "Ilona Varga", nat=["country:HU"], context=["org:club"]),
              rec("d2", "Varga", context=["org:club"]),                       # joins Ilona Varga (shared club)
              rec("d3", "Ilona Maria Varga", nat=["country:HU"]),              # the fuller name takes over
              rec("d4", "Peter Varga", nat=["country:AT"], titles=["judge"]),
              rec("d5", "Varga", titles=["judge"]),                            # joins Peter Varga (title)
              rec("d6", "Varga", context=["place:lakeside"]),                  # nobody: a lone Varga
              rec("d7", "Varga", context=["place:lakeside"])]                  # the same lone Varga
    summary = Surname()
    for k, r in enumerate(stream):
        (got,) = decide(summary, [], [r]).values()
        exact = resolve_group(stream[:k + 1])[(r.doc, r.local)]
        assert got.key == exact.key, (r.label, got.key, exact.key)


def test_a_summary_read_from_stored_records_decides_like_them():
    stored = [rec("d1", "Ilona Varga", context=["org:club"]), rec("d2", "Varga", context=["place:lakeside"])]
    for r, d in zip(stored, resolve_group(stored).values()):
        r.assigned = d.key
    summary = Surname.of(stored)
    new = rec("d9", "Varga", context=["org:club"])
    (got,) = decide(summary, [], [new]).values()
    assert got.key == resolve_group(stored + [new])[("d9", new.local)].key == "person:ilona_varga"
    # a document built again is decided exactly, from the records (its own old ones left out)
    (again,) = decide(None, stored[1:], [rec("d1", "Ilona Varga")]).values()
    assert again.key == "person:ilona_varga"
