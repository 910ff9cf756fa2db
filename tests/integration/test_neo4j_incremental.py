"""kg load sends only what changed (issue #14): documents are named graphs, each loaded with a hash of its content.

Against a real Neo4j: a second load of the same build sends nothing; after
documents are changed, added and removed, an incremental load (with --prune)
leaves the database as a clean load of the new build does.
"""

from __future__ import annotations

import json

from rdflib.compare import isomorphic

from kg.export import union_graph
from kg.pipeline import build

from ..conftest import EXAMPLES
from .test_neo4j import _snapshot, kg


def _articles(tmp_path, name: str, records: list[dict]):
    """A build of one JSON lines file; every build here reads the same path, as a growing corpus would be."""
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    with open(folder / "news.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return build([folder], tmp_path / f"{name}-out", write_views=False)


RECORDS = [json.loads(line) for line in (EXAMPLES / "mixed.jsonl").read_text(encoding="utf-8").splitlines()]
THIRD = {
    "title": "North Korea sends troops to Russia",
    "url": "https://example.org/en/nk-troops",
    "published": "2025-03-01",
    "text": "North Korea sends troops to Russia\n\nNorth Korea deployed 3,000 troops to Russia's Kursk region, "
    "South Korea's intelligence service said on Friday.",
}


def test_a_second_load_of_the_same_build_sends_nothing(store, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = _articles(tmp_path, "a", [*RECORDS, THIRD])
    first = store.load(built.dataset, only_changed=True)
    assert first["graphs_sent"] == len({str(g.identifier) for g in built.dataset.graphs() if len(g)})
    snapshot = _snapshot(store)
    second = store.load(built.dataset, only_changed=True)
    assert second["graphs_sent"] == 0 and second["graphs_unchanged"] == first["graphs_sent"]
    assert _snapshot(store) == snapshot


def test_changed_added_and_removed_documents_give_what_a_clean_load_gives(store, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    old = _articles(tmp_path, "old", [*RECORDS, THIRD])
    changed = {**RECORDS[1], "text": RECORDS[1]["text"].replace("Beijing denied", "Tokyo repeated")}
    added = {
        "title": "Iran sends drones to Russia",
        "url": "https://example.org/en/iran-drones",
        "published": "2025-04-02",
        "text": "Iran sends drones to Russia\n\nIran sent Shahed drones to Russia, Ukraine's defence ministry said.",
    }
    new = _articles(tmp_path, "new", [RECORDS[0], changed, added])  # the same first line; THIRD is gone
    store.load(old.dataset, only_changed=True)
    stats = store.load(new.dataset, only_changed=True, prune=True)
    assert stats["graphs_removed"] == 1 and stats["graphs_unchanged"] >= 1  # RECORDS[0]'s graph was not sent
    incremental = _snapshot(store), store.export_rdf()
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.load(new.dataset)
    clean = _snapshot(store), store.export_rdf()
    assert incremental[0] == clean[0]
    assert isomorphic(union_graph(incremental[1]), union_graph(clean[1]))
    assert isomorphic(union_graph(clean[1]), union_graph(new.dataset))


def test_kg_load_sends_only_what_changed_and_all_sends_every_one(store, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = _articles(tmp_path, "cli", RECORDS)
    first = kg("load", built.graph_path)
    assert first.returncode == 0 and not first.stderr, first.stderr
    hashes = "MATCH (g:NewsKGGraph) RETURN g.iri AS iri, g.hash AS hash ORDER BY iri"
    recorded = store.run(hashes)
    assert len(recorded) == len({str(g.identifier) for g in built.dataset.graphs() if len(g)})
    # a graph the database holds in another version is sent again, the others are not
    store.run("MATCH (g:NewsKGGraph) WITH g ORDER BY g.iri LIMIT 1 SET g.hash = 'stale'", write=True)
    again = kg("load", built.graph_path)
    assert again.returncode == 0 and again.stdout == first.stdout and not again.stderr
    assert store.run(hashes) == recorded
    assert store.load(built.dataset, only_changed=True)["graphs_sent"] == 0
    every = kg("load", built.graph_path, "--all")
    assert every.returncode == 0 and every.stdout == first.stdout and not every.stderr


def test_kg_load_prune_takes_out_a_document_that_disappeared(store, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    both = _articles(tmp_path, "both", [*RECORDS, THIRD])
    assert kg("load", both.graph_path).returncode == 0
    fewer = _articles(tmp_path, "fewer", RECORDS)
    kept = kg("load", fewer.graph_path)
    assert kept.returncode == 0, kept.stderr
    assert store.run("MATCH (d:Article {url: $u}) RETURN count(d) AS n", {"u": THIRD["url"]})[0]["n"] == 1
    pruned = kg("load", fewer.graph_path, "--prune")
    assert pruned.returncode == 0 and not pruned.stderr, pruned.stderr
    assert store.run("MATCH (d:Article {url: $u}) RETURN count(d) AS n", {"u": THIRD["url"]})[0]["n"] == 0
