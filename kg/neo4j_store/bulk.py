"""A first load of an empty local database through Neo4j's own bulk importer (``kg load --bulk``).

The dataset becomes the same node and relationship rows as a Bolt load
(kg.neo4j_store.mapping), written as CSV files with typed headers: one nodes
file per label set and property types, one relationships file per type. Then
``scripts/neo4j.sh import DIR`` stops the local server, runs
``neo4j-admin database import full`` (the neo4j-import-tool jar, fetched from
Maven Central with the server) and starts it again; over Bolt, the schema, the
derived relationships and the graph hashes of the incremental load follow, so
the database ends as ``kg load`` would leave it.

Only for a database the project's script runs on this machine: the importer
writes the store files itself, and it refuses (here, before anything is
touched) a database that holds any node.
"""

from __future__ import annotations

import csv
import os
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Dataset

from ..config import Neo4jSettings, mask
from ..errors import Neo4jError
from . import cypher
from .derived import derive
from .loading import ensure_schema
from .mapping import check_loadable, graph_hashes, to_property_graph

ARRAY = "\x1f"  # between the items of a list value (the script passes --array-delimiter=U+001F)
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j.sh"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _csv_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        return "string[]"
    return "string"


def _cell(value) -> str:
    if isinstance(value, list):
        items = [str(v) for v in value]
        if any(ARRAY in item for item in items):
            raise Neo4jError("a list value holds the character U+001F, which the bulk import keeps for itself")
        return ARRAY.join(items)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(ds: Dataset, folder: Path) -> dict[str, int]:
    """The dataset as the importer's CSV files in `folder`; how many nodes and relationships they hold."""
    nodes, relationships = to_property_graph(ds)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in nodes.values():
        signature = tuple(sorted((name, _csv_type(v)) for name, v in row["props"].items()))
        groups[(tuple(row["labels"]), signature)].append(row)
    for i, ((labels, signature), rows) in enumerate(sorted(groups.items())):
        header = ["iri:ID", ":LABEL", "graphs:string[]", "rdf:string[]", *(f"{n}:{t}" for n, t in signature)]
        with open(folder / f"nodes-{i:04d}.csv", "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(header)
            label_cell = ARRAY.join(["Resource", *(cypher.checked(lb) for lb in labels)])
            for row in rows:
                props = row["props"]
                out.writerow(
                    [
                        row["iri"],
                        label_cell,
                        _cell(row["graphs"]),
                        _cell(row["rdf"]),
                        *(_cell(props[n]) for n, _ in signature),
                    ]
                )
    by_type: dict[str, list[dict]] = defaultdict(list)
    for rel in relationships:
        by_type[cypher.checked(rel["type"])].append(rel)
    for i, (typ, rows) in enumerate(sorted(by_type.items())):
        with open(folder / f"relationships-{i:04d}.csv", "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow([":START_ID", ":END_ID", ":TYPE", "predicate", "graphs:string[]"])
            for rel in rows:
                out.writerow([rel["s"], rel["o"], typ, rel["p"], _cell(rel["graphs"])])
    return {"nodes": len(nodes), "relationships": len(relationships)}


def _local_port(settings: Neo4jSettings) -> tuple[str, int]:
    parts = urlsplit(settings.uri)
    if parts.hostname not in LOCAL_HOSTS:
        raise Neo4jError(
            f"kg load --bulk writes the database files of the local server scripts/neo4j.sh runs; "
            f"{mask(settings.uri)} is not on this machine (use kg load over Bolt)"
        )
    return parts.hostname, parts.port or 7687


def bulk_load(settings: Neo4jSettings, ds: Dataset, connect, script: Path = SCRIPT) -> dict[str, int]:
    """Import `ds` into the empty local database at `settings`; `connect()` gives a Store (before and after).

    Refused, with nothing touched, when the database holds any node, is not
    local, or the checkout's scripts/neo4j.sh is not there.
    """
    check_loadable(ds)
    host, port = _local_port(settings)
    if not script.is_file():
        raise Neo4jError(f"kg load --bulk needs {script} (a checkout of NewsKG); use kg load over Bolt")
    with connect() as store:
        held = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if held:
        raise Neo4jError(
            f"kg load --bulk is for an empty database, and {mask(settings.uri)} holds {held} nodes; "
            "use kg load (it sends only what changed)"
        )
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-bulk-") as tmp:
        written = write_csv(ds, Path(tmp))
        wrote = time.perf_counter()
        env = {**os.environ, "NEO4J_HOST": host, "NEO4J_PORT": str(port), "NEO4J_PASSWORD": settings.password}
        done = subprocess.run(["bash", str(script), "import", tmp], env=env, capture_output=True, text=True)
        imported = time.perf_counter()
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise Neo4jError(f"the bulk import failed: {last[:300]}")
    with connect() as store:
        ensure_schema(store)
        derive(store)
        hashes = graph_hashes(ds)
        store.run(
            cypher.SET_GRAPH_HASHES, {"rows": [{"iri": g, "hash": h} for g, h in sorted(hashes.items())]}, write=True
        )
        nodes, relationships = store.counts()
    return {
        "nodes": nodes,
        "relationships": relationships,
        "loaded_nodes": written["nodes"],
        "loaded_relationships": written["relationships"],
        # where the time went: the CSV files, the script (stop, import, start), the schema and derived after
        "seconds_csv": wrote - began,
        "seconds_import": imported - wrote,
        "seconds_after": time.perf_counter() - imported,
    }
