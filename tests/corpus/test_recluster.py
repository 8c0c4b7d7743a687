"""Recomputing clusters chunk by chunk: the same clusters as group by group, at a cost per chunk, not per group."""
from types import SimpleNamespace

from kg.corpus import clusters, recluster, stories
from kg.corpus.index import Index
from tests.corpus.test_clusters import DIED, _told


def _index(tmp_path, docs_by_story: dict[str, list]):
    index = Index(tmp_path)
    db = index.db
    for story, docs in docs_by_story.items():
        for d in docs:
            index.put_document(d)
            db.executemany(f"INSERT INTO events VALUES ({','.join('?' * 17)})", clusters.event_rows(d))
            stories.record(db, d.article.id, stories.document_vector(d))
            db.execute("INSERT INTO stories VALUES (?, ?)", (d.article.id, story))
    return index


def _stories(n: int) -> dict[str, list]:
    """n stories, each with one cyclist's death told by two outlets and one stray report of another kind."""
    out = {}
    for i in range(n):
        killed = DIED.replace("died", "was killed")
        out[f"s{i}"] = [_told(f"s{i}a", "Die", DIED, "died", "die"), _told(f"s{i}b", "Kill", killed, "killed", "kill"),
                        _told(f"s{i}c", "Statement", "The council said the road would close.", "said", "say")]
    return out


def test_chunk_rows_groups_reports_by_family_and_story_and_skips_lone_reports(tmp_path):
    index = _index(tmp_path, _stories(3))
    fam = recluster.families.family_group
    got = recluster.chunk_rows(index.db, [fam("Die|s0"), fam("Die|s1"), fam("Statement|s0")])
    assert sorted(got) == sorted([fam("Die|s0"), fam("Die|s1")])     # one Statement in s0: nothing to cluster
    rows, similarity = got[fam("Die|s1")]
    assert sorted(r[0] for r in rows) == ["s1a", "s1b"] and similarity("s1a", "s1b") > 0.5
    assert recluster.group_rows(index.db, "Kill|s2")[0]


def test_recompute_stores_one_cluster_per_story_with_queries_per_chunk_not_per_group(tmp_path):
    index = _index(tmp_path, _stories(40))
    groups = {f"{t}|s{i}" for i in range(40) for t in ("Die", "Kill", "Statement")}
    statements: list[str] = []
    index.db.set_trace_callback(statements.append)
    written = recluster.recompute(SimpleNamespace(update_clusters=lambda removed, triples: None), index, groups)
    index.db.set_trace_callback(None)
    assert written == 40
    got = sorted(index.db.execute("SELECT grp FROM clusters").fetchall())
    assert got == sorted((recluster.families.family_group(f"Die|s{i}"),) for i in range(40))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) < 10          # 80 groups in one chunk: a handful of reads, not one or more per group
    # and again (nothing changed): the same clusters replace themselves
    assert recluster.recompute(SimpleNamespace(update_clusters=lambda removed, triples: None), index, groups) == 40
    assert index.db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] == 40


def test_a_lone_report_is_still_read_for_kg_explain(tmp_path):
    index = _index(tmp_path, _stories(1))
    rows, _ = recluster.group_rows(index.db, "Statement|s0")
    assert [r[0] for r in rows] == ["s0c"]
