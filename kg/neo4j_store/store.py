"""The Neo4j store: a Connection that loads, removes, queries and reads back.

It implements kg.store.GraphStore; each method hands over to the module of its
concern (loading, derived, reading), where the work is done.
"""

from __future__ import annotations

from rdflib import Dataset

from ..errors import QueryError
from . import derived, loading, reading
from .connection import Connection


class Store(Connection):
    """A connection to one Neo4j database, with everything NewsKG does with it (see kg.store.GraphStore)."""

    _existing = staticmethod(loading.existing)  # the IRIs among some that have a node (the loader asks here)

    def load(
        self,
        ds: Dataset,
        batch: int = loading.BATCH,
        writers: int = loading.WRITERS,
        check: bool = True,
        only_changed: bool = False,
        prune: bool = False,
    ) -> dict[str, int]:
        """Write a dataset into the database; running it twice changes nothing (see kg.neo4j_store.loading.load).

        `only_changed` sends only the named graphs that differ from what the last load of each wrote;
        `prune` also takes out the graphs loaded before that `ds` no longer has.
        """
        return loading.load(self, ds, batch, writers, check, only_changed, prune)

    def remove_document(self, graph_iri: str) -> dict[str, int]:
        """Take one article's named graph out; shared nodes stay while another graph holds them."""
        return loading.remove_document(self, graph_iri)

    def named_query(self, query, params: dict[str, object]) -> list[dict]:
        """The rows of a named query (kg.query.NamedQuery): its Cypher, read-only."""
        if query.cypher is None:
            raise QueryError(f"named query {query.name} has no Cypher version; ask it of a built graph with --graph")
        return self.run(query.cypher, params)

    def ensure_schema(self) -> None:
        loading.ensure_schema(self)

    def exclusive(self, what: str):
        """Hold the database's write lock while the block runs (see kg.neo4j_store.loading.exclusive)."""
        return loading.exclusive(self, what)

    def derive(self) -> None:
        derived.derive(self)

    def export_rdf(self) -> Dataset:
        return reading.export_rdf(self)
