"""Every Cypher statement the Neo4j store sends, in one place.

Values always travel as parameters (``$rows``, ``$g``, ``$me``...). The only
names pasted into a statement are labels and relationship types, and each goes
through ``checked`` first.
"""

from __future__ import annotations

import re

from ..errors import Neo4jError

NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
LOCK_LABEL = "NewsKGLock"  # one node while a kg load or kg remove writes (unique on name): one writer a database
GRAPH_LABEL = "NewsKGGraph"  # one node per named graph loaded, with the hash of its content (incremental kg load)


def checked(name: str) -> str:
    """A label or relationship type, refused unless it is a plain name."""
    if not NAME.fullmatch(name):
        raise Neo4jError(f"refusing unsafe label or relationship name {name!r}")
    return name


# ---------------------------------------------------------------- connection, counts
PING = "RETURN 1"
COUNT_NODES = "MATCH (n:Resource) RETURN count(n) AS c"
COUNT_RELATIONSHIPS = "MATCH (:Resource)-[r]->() RETURN count(r) AS c"

# ---------------------------------------------------------------- schema
SCHEMA = [
    "CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE",
    f"CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (n:{LOCK_LABEL}) REQUIRE n.name IS UNIQUE",
    f"CREATE CONSTRAINT graph_iri IF NOT EXISTS FOR (n:{GRAPH_LABEL}) REQUIRE n.iri IS UNIQUE",
    *(
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in (("Entity", "name"), ("Event", "date"), ("Claim", "certainty"))
    ),
]

# ---------------------------------------------------------------- loading
EXISTING = "UNWIND $iris AS i MATCH (n:Resource {iri: i}) RETURN i"


def node_statements(labels: tuple[str, ...]) -> tuple[str, str]:
    """CREATE and MERGE for node rows with these labels (checked names only)."""
    label_set = "".join(f":{checked(lb)}" for lb in labels)
    create = (
        f"UNWIND $rows AS r CREATE (n:Resource{label_set}) "
        "SET n += r.props, n.iri = r.iri, n.graphs = r.graphs, n.rdf = r.rdf"
    )
    merge = (
        "UNWIND $rows AS r MERGE (n:Resource {iri: r.iri}) "
        f"{'SET n' + label_set + ' ' if labels else ''}SET n += r.props "
        "SET n.graphs = coalesce(n.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(n.graphs, [])], "
        "n.rdf = coalesce(n.rdf, []) + [q IN r.rdf WHERE NOT q IN coalesce(n.rdf, [])]"
    )
    return create, merge


def relationship_statements(typ: str) -> tuple[str, str]:
    """CREATE and MERGE for relationship rows of one type (a checked name)."""
    match = "UNWIND $rows AS r MATCH (a:Resource {iri: r.s}) MATCH (b:Resource {iri: r.o}) "
    create = f"{match}CREATE (a)-[:{checked(typ)} {{predicate: r.p, graphs: r.graphs}}]->(b)"
    merge = (
        f"{match}MERGE (a)-[x:{checked(typ)} {{predicate: r.p}}]->(b) "
        "SET x.graphs = coalesce(x.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(x.graphs, [])]"
    )
    return create, merge


# What each named graph held when it was last loaded: a load with only_changed sends the others only.
GRAPH_HASHES = f"MATCH (g:{GRAPH_LABEL}) RETURN g.iri AS iri, g.hash AS hash"
SET_GRAPH_HASHES = f"UNWIND $rows AS r MERGE (g:{GRAPH_LABEL} {{iri: r.iri}}) SET g.hash = r.hash"

# ---------------------------------------------------------------- one writer at a time
# Take the lock if it is free, ours or abandoned. Setting `asked` first takes the node's write lock, so
# that two loaders never both read it as free; the read of owner and beat comes after.
TAKE_LOCK = f"""
MERGE (l:{LOCK_LABEL} {{name: 'writer'}})
ON CREATE SET l.owner = $me, l.beat = timestamp()
SET l.asked = $me
WITH l, l.owner = $me OR l.beat < timestamp() - $stale AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | SET l.owner = $me, l.beat = timestamp())
RETURN free, l.owner AS holder, timestamp() - l.beat AS age
"""
RENEW_LOCK = f"""
OPTIONAL MATCH (l:{LOCK_LABEL} {{name: 'writer', owner: $me}})
SET l.beat = timestamp()
RETURN l IS NOT NULL AS mine
"""
DROP_LOCK = f"MATCH (l:{LOCK_LABEL} {{name: 'writer', owner: $me}}) DELETE l"

# ---------------------------------------------------------------- derived relationships
DERIVE = [
    "MATCH ()-[r:DEPLOYED_TO|SENT_AID]->() DELETE r",
    "MATCH (e:Deployment)-[:AGENT]->(a:Actor), (e)-[:RECIPIENT]->(b:Actor) "
    "OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d) "
    "WITH a, b, collect(DISTINCT e.iri) AS events, collect(DISTINCT d.iri) AS docs "
    "MERGE (a)-[r:DEPLOYED_TO]->(b) SET r.events = events, r.documents = size(docs)",
    "MATCH (e:AidTransfer)-[:AGENT]->(a:Actor), (e)-[:RECIPIENT]->(b:Actor) "
    "UNWIND coalesce(e.categories, ['Unspecified']) AS category "
    "OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d) "
    "WITH a, b, category, collect(DISTINCT e.iri) AS events, collect(DISTINCT d.iri) AS docs "
    "MERGE (a)-[r:SENT_AID {category: category}]->(b) SET r.events = events, r.documents = size(docs)",
]

# ---------------------------------------------------------------- removing a document
COUNT_IN_GRAPH = "MATCH (n:Resource) WHERE $g IN n.graphs RETURN count(n) AS c"
REMOVE = [
    "MATCH ()-[r]->() WHERE $g IN coalesce(r.graphs, []) "
    "SET r.graphs = [x IN r.graphs WHERE x <> $g] WITH r WHERE size(r.graphs) = 0 DELETE r",
    "MATCH (n:Resource) WHERE $g IN coalesce(n.graphs, []) "
    "SET n.graphs = [x IN n.graphs WHERE x <> $g], "
    "n.rdf = [q IN n.rdf WHERE NOT q ENDS WITH $suffix]",
    "MATCH (n:Resource) WHERE size(coalesce(n.graphs, [])) = 0 DETACH DELETE n",
    # entities only the registry graph still describes, and no fact refers to
    "MATCH (n:Entity) WHERE n.graphs = [$entities] AND NOT EXISTS { MATCH (n)<-[]-(m) WHERE NOT m:Entity } "
    "DETACH DELETE n",
    f"MATCH (g:{GRAPH_LABEL} {{iri: $g}}) DELETE g",
]

# ---------------------------------------------------------------- reading back
EXPORT_NODES = "MATCH (n:Resource) RETURN n.iri AS iri, n.rdf AS rdf"
EXPORT_RELATIONSHIPS = (
    "MATCH (a:Resource)-[r]->(b:Resource) WHERE r.predicate IS NOT NULL "
    "RETURN a.iri AS s, r.predicate AS p, b.iri AS o, r.graphs AS graphs"
)
