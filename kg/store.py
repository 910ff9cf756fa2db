"""What a graph store is: the few operations kg and its CLI ask of one.

Two implement it: kg.neo4j_store.Store (a Neo4j database over Bolt, named
queries in Cypher) and DatasetStore below (a built graph in memory, named
queries in SPARQL, no server). A new store writes these methods; the tests
that hold a store to them are tests/unit/test_store.py (DatasetStore) and
tests/integration/test_neo4j.py with test_named_queries_both_ways.py (Neo4j).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import RDF, Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import QueryError
from .query import NamedQuery


@runtime_checkable
class GraphStore(Protocol):
    """A place a built graph is kept and questioned. Used as a context manager: `with store: ...`."""

    def load(self, ds: Dataset) -> dict[str, int]:
        """Add a dataset (one named graph a document); loading the same one twice changes nothing.
        Returns at least ``nodes`` and ``relationships``: what the store holds afterwards."""
        ...

    def remove_document(self, graph_iri: str) -> dict[str, int]:
        """Take one document's named graph out; what other documents still use stays.
        Returns ``nodes_removed`` and ``relationships_removed``; a graph it does not hold is a QueryError."""
        ...

    def named_query(self, query: NamedQuery, params: dict[str, object]) -> list[dict]:
        """The rows of a named query (queries/NAME.*), read-only, columns and order as its header says."""
        ...

    def run(self, statement: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """One statement in the store's own query language (Cypher, SPARQL); read-only unless `write`."""
        ...

    def export_rdf(self) -> Dataset:
        """Everything held, as the RDF dataset it came from."""
        ...

    def counts(self) -> tuple[int, int]:
        """How many nodes (resources) and relationships (links between them) the store holds."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc) -> None: ...


class DatasetStore:
    """A built graph held in memory as the store: SPARQL for queries, nothing to connect to.

    Changes stay in memory; write them out with kg.export.write(store.export_rdf(), path).
    """

    def __init__(self, ds: Dataset | None = None):
        self.ds = ds if ds is not None else Dataset()

    @classmethod
    def open(cls, path: Path) -> DatasetStore:
        """The graph in a file written by kg build (or any RDF kg reads); a bad file is one clear error."""
        from .export import read

        return cls(read(path))

    def load(self, ds: Dataset) -> dict[str, int]:
        for s, p, o, g in ds.quads((None, None, None, None)):
            self.ds.graph(g if g is not None else DATASET_DEFAULT_GRAPH_ID).add((s, p, o))
        nodes, relationships = self.counts()
        return {"nodes": nodes, "relationships": relationships}

    def remove_document(self, graph_iri: str) -> dict[str, int]:
        graph = URIRef(graph_iri)
        if graph not in {c.identifier for c in self.ds.graphs()} or not len(self.ds.graph(graph)):
            raise QueryError(f"no document graph {graph_iri} in the graph")
        before = self.counts()
        self.ds.remove_graph(graph)
        after = self.counts()
        return {"nodes_removed": before[0] - after[0], "relationships_removed": before[1] - after[1]}

    def named_query(self, query: NamedQuery, params: dict[str, object]) -> list[dict]:
        from .sparql import run_named

        return run_named(self.ds, query, params)

    def run(self, statement: str, params: dict | None = None, write: bool = False) -> list[dict]:
        from .sparql import run_sparql

        if write:
            raise QueryError("this store answers SPARQL SELECT and ASK only; change the graph with load and remove")
        return run_sparql(self.ds, statement, bindings=params)

    def export_rdf(self) -> Dataset:
        return self.ds

    def counts(self) -> tuple[int, int]:
        """Subjects, and links from a subject to a typed resource (what becomes a node and a relationship in Neo4j)."""
        typed = {s for s, _, _, _ in self.ds.quads((None, RDF.type, None, None))}
        subjects, links = set(), set()
        for s, p, o, _ in self.ds.quads((None, None, None, None)):
            if isinstance(s, URIRef):
                subjects.add(s)
                if p != RDF.type and isinstance(o, URIRef) and o in typed:
                    links.add((s, p, o))
        return len(subjects), len(links)

    def close(self) -> None:
        pass

    def __enter__(self) -> DatasetStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
