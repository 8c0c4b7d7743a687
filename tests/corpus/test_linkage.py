"""kg/corpus/linkage.py: average linkage on scored pairs, and the blocking that keeps large groups cheap."""
import math
import random
from datetime import date, timedelta

from kg.corpus import linkage
from kg.corpus.clusters import cluster_rows, event_rows
from kg.model import Article, Event, ExtractedDocument, Mention, Sentence


def test_with_every_pair_scored_it_is_plain_average_linkage():
    # 0-1 strongly linked, 2 weakly to 0 and against 1: the mean over {0,1}x{2} is negative
    margin = {(0, 1): 3.0, (0, 2): 0.5, (1, 2): -2.0, (2, 3): 1.0, (0, 3): -1.0, (1, 3): -1.0}
    assert linkage.average_linkage(4, margin, absent=-2.0) == [[0, 1], [2, 3]]
    margin[1, 2] = None            # incompatible: 1 and 2 never share a cluster, whatever the rest says
    margin[0, 2] = 5.0
    groups = linkage.average_linkage(4, margin, absent=-2.0)
    assert not any({1, 2} <= set(g) for g in groups)


def test_a_pair_not_scored_counts_as_no_evidence_and_is_checked_before_a_join():
    # 0-1 and 1-2 linked; 0-2 not scored: it counts `absent`, and `blocked` is asked about it
    margin = {(0, 1): 4.0, (1, 2): 4.0}
    assert linkage.average_linkage(3, margin, absent=-1.0) == [[0, 1, 2]]
    assert linkage.average_linkage(3, margin, absent=-6.0) != [[0, 1, 2]]      # the mean turns negative
    apart = linkage.average_linkage(3, margin, absent=-1.0, blocked=lambda x, y: {x, y} == {0, 2})
    assert not any({0, 2} <= set(g) for g in apart)


def test_candidates_share_a_key_and_are_near_in_date_order():
    keys = [{"w:stab"}, {"w:stab"}, {"w:stab"}, {"w:vote"}]
    spans = [(0, 5), (3, 8), (100, 105), (0, 5)]
    assert (0, 1) in linkage.candidate_pairs(keys, spans)
    assert (1, 2) not in linkage.candidate_pairs(keys, spans)      # 100 is after 8: no overlap
    assert all(3 not in p for p in linkage.candidate_pairs(keys, spans))
    assert linkage.span(None, None) == (-math.inf, math.inf)


def test_a_large_block_is_compared_within_a_window_only():
    n = 1000
    pairs = linkage.candidate_pairs([{"w:say"}] * n, [(0, 10)] * n, window=7)
    assert len(pairs) < 7 * n                    # linear in the block, not n² / 2
    assert (0, 7) in pairs and (0, 8) not in pairs


def _report(doc_id: str, day: date, verb: str, lemma: str) -> ExtractedDocument:
    text = f"A crowd {verb} near the old mill on the river, witnesses said."
    start = text.index(verb)
    ev = Event("Demonstrate", Mention(start, start + len(verb), verb, 0), lemma=lemma)
    return ExtractedDocument(article=Article(doc_id, text, published=day), sentences=[Sentence(0, len(text))],
                             events=[ev])


def test_a_large_group_clusters_like_a_small_one_where_pairs_are_near(monkeypatch):
    """Reports a month apart each (days 0, 30, 60 …), two per day with the same word: blocking finds every
    pair that can merge, so lowering EXACT changes nothing."""
    start = date(2023, 1, 1)
    docs = [_report(f"d{i:03d}-{k}", start + timedelta(days=30 * i), "marched", "march")
            for i in range(40) for k in (0, 1)]
    docs += [_report(f"x{i:03d}", start + timedelta(days=30 * i), "rallied", "rally") for i in range(40)]
    rows = [r for d in docs for r in event_rows(d)]
    random.Random(3).shuffle(rows)
    sim = 0.4

    def docs_of(groups):
        return sorted(sorted(m.doc for m in g) for g in groups)
    want = docs_of(cluster_rows(rows, lambda a, b: sim))
    monkeypatch.setattr(linkage, "EXACT", 10)
    assert docs_of(cluster_rows(rows, lambda a, b: sim)) == want
    assert ["d005-0", "d005-1", "x005"] in want          # the same sentence, though not the same word


def test_blocking_keys_follow_the_words_and_actors_evidence_compares():
    ks = linkage.blocking_keys(["stab", "knife"], ["person:ana_lopez", "org:city_council"], [])
    assert "a:person:lopez" in ks and "a:org:council" in ks and "w:stab" in ks and "w:knife" in ks
