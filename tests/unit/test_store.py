"""The store interface (kg.store.GraphStore) and the in-memory store that needs no server.

kg.neo4j_store.Store is held to the same interface against a real Neo4j in
tests/integration/test_neo4j.py and test_named_queries_both_ways.py.
"""

from __future__ import annotations

import inspect

import pytest
from rdflib.compare import isomorphic

from kg.errors import QueryError
from kg.export import union_graph
from kg.neo4j_store import Store
from kg.query import load_query
from kg.sparql import run_named
from kg.store import DatasetStore, GraphStore


def test_both_stores_have_every_method_of_the_interface():
    wanted = {n for n, v in vars(GraphStore).items() if inspect.isfunction(v) and not n.startswith("_")}
    assert wanted == {"load", "remove_document", "named_query", "run", "export_rdf", "counts", "close"}
    for store in (Store, DatasetStore):
        for name in wanted | {"__enter__", "__exit__"}:
            assert callable(getattr(store, name, None)), f"{store.__name__} lacks {name}"
    assert isinstance(DatasetStore(), GraphStore)


def test_loading_twice_changes_nothing_and_reads_back_the_same_graph(examples_build):
    with DatasetStore() as store:
        first = store.load(examples_build.dataset)
        assert first["nodes"] > 0 and first["relationships"] > 0
        assert store.load(examples_build.dataset) == first
        assert isomorphic(union_graph(store.export_rdf()), union_graph(examples_build.dataset))


def test_a_named_query_gives_the_rows_of_its_sparql_twin(examples_build):
    store = DatasetStore()
    store.load(examples_build.dataset)
    q = load_query("deployments")
    rows = store.named_query(q, q.params)
    assert rows and rows == run_named(examples_build.dataset, q, q.params)


def test_removing_a_document_takes_its_graph_out_and_only_that(examples_build):
    store = DatasetStore()
    store.load(examples_build.dataset)
    doc = next(str(c.identifier) for c in examples_build.dataset.graphs() if "/graph/" in str(c.identifier))
    before = store.counts()
    removed = store.remove_document(doc)
    assert removed["nodes_removed"] > 0
    assert store.counts() == (before[0] - removed["nodes_removed"], before[1] - removed["relationships_removed"])
    with pytest.raises(QueryError, match="no document graph"):
        store.remove_document(doc)


def test_statements_are_read_only(examples_build):
    store = DatasetStore(examples_build.dataset)
    assert store.run("ASK { ?e a kg:Deployment }") == [{"ask": True}]
    with pytest.raises(QueryError, match="SELECT and ASK only"):
        store.run("INSERT DATA { kg:x kg:y kg:z }", write=True)
