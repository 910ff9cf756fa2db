"""Neo4j: load RDF as a property graph, run Cypher, read RDF back out.

One module a concern (see README, "The graph in Neo4j", for the mapping):

* ``cypher``     every Cypher statement sent, in one place;
* ``connection`` the driver, sessions, time limits, the stall watch, errors;
* ``mapping``    RDF to node and relationship rows (labels from ontology/kg.ttl);
* ``loading``    the streamed, batched, parallel load, removal, the write lock;
* ``derived``    ``DEPLOYED_TO`` and ``SENT_AID`` rebuilt from the events;
* ``reading``    the dataset back out of the database;
* ``bulk``       a first load of an empty local database through Neo4j's bulk importer;
* ``store``      ``Store``, which ties them together and implements kg.store.GraphStore.

All values travel as parameters. Labels and relationship types are taken only
from IRIs and checked against ``[A-Za-z][A-Za-z0-9_]*`` before they enter a
statement.
"""

from __future__ import annotations

from .connection import Connection, translate_errors
from .loading import BATCH, WRITERS, Batch, _split_ready
from .mapping import (
    _ORG_KINDS,
    REL_RENAMES,
    SUPER_LABELS,
    TYPE_ORDER,
    PropertyGraph,
    check_loadable,
    local_name,
    rel_type,
    to_property_graph,
)
from .store import Store

__all__ = [
    "BATCH",
    "REL_RENAMES",
    "SUPER_LABELS",
    "TYPE_ORDER",
    "WRITERS",
    "Batch",
    "Connection",
    "PropertyGraph",
    "Store",
    "_ORG_KINDS",
    "_split_ready",
    "check_loadable",
    "local_name",
    "rel_type",
    "to_property_graph",
    "translate_errors",
]
