"""Neo4j load speed: NewsKG's loader against rdflib-neo4j, same graph, same server, same run.

    NEO4J_URI=bolt://127.0.0.1:7687 .venv/bin/python -m benchmarks.neo4j_load [MIN_TRIPLES]

Builds a graph of at least MIN_TRIPLES (default 1,000,000) triples from the
synthetic corpus, wipes the database, loads it with ``kg`` (Store.load: reading
the RDF, writing, deriving DEPLOYED_TO/SENT_AID, all inside the timing), wipes
again, loads the same triples with rdflib-neo4j (from PyPI, batching on), then
wipes again and imports the graph with ``kg load --bulk`` (Neo4j's own importer,
through scripts/neo4j.sh import: CSV writing, the server's stop and start, the
schema and derived relationships, all inside the timing; only for the local
server that script runs, so set NEO4J_INSTANCE and NEO4J_PORT as for it), and
prints triples per second for each and the ratios. It wipes the database it is
pointed at: use a scratch server (scripts/neo4j.sh start).
"""

from __future__ import annotations

import sys
import time

import neo4j

from kg.config import Neo4jSettings
from kg.errors import Neo4jError
from kg.export import union_graph
from kg.extract import get_extractor
from kg.ingest import document_from_text
from kg.neo4j_store import Store, to_property_graph
from kg.neo4j_store.bulk import bulk_load
from kg.rdf import to_dataset
from kg.resolve import resolve

from .corpus import articles


def _rust_packing() -> bool:
    """Whether the driver packs with neo4j-rust-ext (it speeds up both loaders alike)."""
    from neo4j._codec.packstream import v1

    return getattr(v1, "_rust_pack", None) is not None


def quads(ds) -> int:
    return sum(len(g) for g in ds.graphs())


def graph_of(min_triples: int):
    """A dataset of at least min_triples quads: extract a sample, scale up, build once."""
    ex = get_extractor("rules.v1")

    def extract(n: int, offset: int) -> list:
        return [
            ex.extract(document_from_text(t, f"bench-{offset + i}.txt")) for i, t in enumerate(articles(n, seed=offset))
        ]

    extractions = extract(300, 0)
    per_doc = quads(to_dataset(extractions, resolve(extractions))) / len(extractions)
    needed = int(min_triples / per_doc * 1.05) + 1
    if needed > len(extractions):
        extractions += extract(needed - len(extractions), len(extractions))
    ds = to_dataset(extractions, resolve(extractions))
    return ds, quads(ds)


def wipe(store: Store) -> None:
    """Empty the database in small transactions (relationships first: supernodes are big)."""
    for statement in (
        "MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS c",
        "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c",
    ):
        while store.run(statement, write=True)[0]["c"]:
            pass


def load_rdflib_neo4j(settings: Neo4jSettings, graph) -> None:
    from rdflib import Graph
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig

    config = Neo4jStoreConfig(
        auth_data={
            "uri": settings.uri,
            "database": settings.database or "neo4j",
            "user": settings.user,
            "pwd": settings.password,
        },
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
        batching=True,
    )
    target = Graph(store=Neo4jStore(config=config))
    for triple in graph:
        target.add(triple)
    target.close(True)


def main(min_triples: int = 1_000_000) -> None:
    settings = Neo4jSettings.from_env()
    t0 = time.perf_counter()
    ds, n = graph_of(min_triples)
    graph = union_graph(ds)
    print(f"graph: {n} quads, {len(graph)} distinct triples, built in {time.perf_counter() - t0:.0f}s")
    print(f"both loaders use neo4j driver {neo4j.__version__}, Rust packing {'on' if _rust_packing() else 'off'}")
    expected_nodes, expected_rels = (len(rows) for rows in to_property_graph(ds))
    with Store(settings) as store:
        wipe(store)
        t0 = time.perf_counter()
        store.load(ds)
        ours = time.perf_counter() - t0
        print(f"kg Store.load:  {n / ours:10.0f} triples/s  ({ours:.1f}s)")
        nodes = store.run("MATCH (n:Resource) RETURN count(n) AS c")[0]["c"]
        rels = store.run("MATCH (:Resource)-[r]->() WHERE r.predicate IS NOT NULL RETURN count(r) AS c")[0]["c"]
        complete = (nodes, rels) == (expected_nodes, expected_rels)
        print(
            f"  wrote {nodes} nodes, {rels} relationships; expected {expected_nodes}, {expected_rels}: "
            f"{'complete' if complete else 'INCOMPLETE'}"
        )
        wipe(store)
        t0 = time.perf_counter()
        load_rdflib_neo4j(settings, graph)
        peer = time.perf_counter() - t0
        print(f"rdflib-neo4j:   {len(graph) / peer:10.0f} triples/s  ({peer:.1f}s)")
        wipe(store)
    print(f"ratio kg / rdflib-neo4j (triples per second): {(n / ours) / (len(graph) / peer):.2f}  (aim: 3 or more)")
    try:
        t0 = time.perf_counter()
        stats = bulk_load(settings, ds, lambda: Store(settings))
        bulk = time.perf_counter() - t0
    except Neo4jError as e:
        print(f"kg load --bulk: skipped ({e})")
        return
    complete = (stats["loaded_nodes"], stats["loaded_relationships"]) == (expected_nodes, expected_rels)
    print(
        f"kg load --bulk: {n / bulk:10.0f} triples/s  ({bulk:.1f}s with the server's restart; "
        f"{stats['nodes']} nodes: {'complete' if complete else 'INCOMPLETE'})"
    )
    print(
        f"  of which: CSV files {stats['seconds_csv']:.1f}s, scripts/neo4j.sh import (stop, import, start) "
        f"{stats['seconds_import']:.1f}s, schema and derived relationships {stats['seconds_after']:.1f}s"
    )
    print(f"ratio bulk / rdflib-neo4j: {(n / bulk) / (len(graph) / peer):.2f}; bulk / kg Bolt load: {ours / bulk:.2f}")
    with Store(settings) as store:
        wipe(store)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
