"""kg load --bulk: Neo4j's own importer gives the database a Bolt load gives (issue #14).

It restarts the local server scripts/neo4j.sh runs, so it runs only where the
test knows which one that is (NEO4J_INSTANCE, as scripts/test.sh sets).
"""

from __future__ import annotations

import os

import pytest
from rdflib.compare import isomorphic

from kg.errors import Neo4jError
from kg.export import union_graph
from kg.neo4j_store import Store
from kg.neo4j_store.bulk import bulk_load

from .test_neo4j import _snapshot, kg

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_INSTANCE"),
    reason="the bulk import restarts the server scripts/neo4j.sh runs as $NEO4J_INSTANCE (scripts/test.sh sets it)",
)

EVERYTHING = "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props ORDER BY iri"
LINKS = (
    "MATCH (a)-[r]->(b) RETURN a.iri AS a, type(r) AS t, properties(r) AS props, b.iri AS b "
    "ORDER BY a, t, b, r.category"
)


def _state(settings):
    with Store(settings) as s:
        rows = s.run(EVERYTHING)
        for r in rows:
            r["labels"] = sorted(r["labels"])
        links = s.run(LINKS)
        for r in links:
            r["props"] = {k: sorted(v) if isinstance(v, list) else v for k, v in r["props"].items()}
        return _snapshot(s), rows, links, s.export_rdf()


def test_bulk_import_gives_what_a_bolt_load_gives(store, neo4j_settings, examples_build):
    stats = bulk_load(neo4j_settings, examples_build.dataset, lambda: Store(neo4j_settings))
    assert stats["nodes"] > 0 and stats["relationships"] > 0
    bulk = _state(neo4j_settings)
    with Store(neo4j_settings) as s:
        s.run("MATCH (n) DETACH DELETE n", write=True)
        s.load(examples_build.dataset)
    bolt = _state(neo4j_settings)
    assert bulk[0] == bolt[0]  # counts and derived relationships
    assert bulk[1] == bolt[1]  # every node: labels and properties, with their types
    assert bulk[2] == bolt[2]  # every relationship and its properties
    assert isomorphic(union_graph(bulk[3]), union_graph(examples_build.dataset))
    with Store(neo4j_settings) as s:  # and the incremental load knows every graph is there
        assert s.load(examples_build.dataset, only_changed=True)["graphs_sent"] == 0


def test_bulk_refuses_a_database_that_holds_anything(store, neo4j_settings, examples_build):
    store.run("CREATE (:Scratch {x: 1})", write=True)
    with pytest.raises(Neo4jError, match="empty database"):
        bulk_load(neo4j_settings, examples_build.dataset, lambda: Store(neo4j_settings))
    assert store.run("MATCH (s:Scratch) RETURN count(s) AS n")[0]["n"] == 1  # untouched, server never stopped
    r = kg("load", examples_build.graph_path, "--bulk")
    assert r.returncode != 0 and "empty database" in r.stderr and "Traceback" not in r.stderr
