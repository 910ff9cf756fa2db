"""Neo4j: load RDF as a property graph, run Cypher, read RDF back out.

Mapping (see README, "The graph in Neo4j"):

* every typed IRI becomes one ``:Resource`` node, unique on ``iri``, with labels
  from its ontology classes (``:Country:Actor``, ``:Deployment:Event``, ``:Claim``...);
* a triple whose object is another typed IRI becomes a relationship named after
  the predicate (``kg:agent`` -> ``AGENT``, ``kg:fromDocument`` -> ``FROM_DOCUMENT``);
* literals and untyped IRIs become readable properties (``label_en``,
  ``label_ar``, ``date``, ``evidence``, ``categories``, ``certainty``, ``wikidata``...);
* every node keeps the exact RDF it came from in ``rdf`` (one JSON string per
  quad) and every node and relationship the named graphs it appears in
  (``graphs``), so ``export_rdf`` gives back the same dataset and ``remove_document``
  can take one article out;
* convenience relationships ``DEPLOYED_TO`` and ``SENT_AID {category}`` are derived
  from the events after every change.

All values travel as parameters. Labels and relationship types are taken only
from IRIs and checked against ``[A-Za-z][A-Za-z0-9_]*`` before they enter a
statement.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from .config import Neo4jSettings
from .errors import Neo4jAuthError, Neo4jDatabaseError, Neo4jError, Neo4jUnavailable, QueryError
from .model import ENTITY_TYPES, EVENT_TYPES
from .rdf import ENTITY_GRAPH

BATCH = 10000
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_ORG_KINDS = (
    "NewsAgency",
    "IntelligenceService",
    "ArmedForce",
    "ArmedGroup",
    "InternationalOrganization",
    "StateBody",
)
# Labels a node gets besides its own class, so that (:Actor) or (:Event) finds all of them.
SUPER_LABELS = {
    "Person": ["Actor", "Entity"],
    "Country": ["Actor", "Entity"],
    "Organization": ["Actor", "Entity"],
    **{kind: ["Organization", "Actor", "Entity"] for kind in _ORG_KINDS},
    "Location": ["Place", "Entity"],
    **{event: ["Event"] for event in EVENT_TYPES},
    "NewsArticle": ["Article"],
}
REL_RENAMES = {"country": "IN_COUNTRY"}
# The readable `type` property of a node: its most specific class, in this order.
TYPE_ORDER = [*EVENT_TYPES, "Claim", *_ORG_KINDS, *ENTITY_TYPES, "Article", "EvidenceSpan", "Activity"]


@lru_cache(maxsize=4096)
def local_name(iri: str) -> str:
    return re.split(r"[#/]", str(iri))[-1]


@lru_cache(maxsize=1024)
def rel_type(predicate: str) -> str:
    name = local_name(predicate)
    if name in REL_RENAMES:
        return REL_RENAMES[name]
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).upper()
    return _checked(snake)


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise Neo4jError(f"refusing unsafe label or relationship name {name!r}")
    return name


# ---------------------------------------------------------------- connection
@dataclass
class Store:
    settings: Neo4jSettings

    def __post_init__(self) -> None:
        from neo4j import GraphDatabase

        try:
            self.driver = GraphDatabase.driver(
                self.settings.uri,
                auth=(self.settings.user, self.settings.password),
                connection_timeout=10,
                max_transaction_retry_time=30,
            )
        except ValueError as e:
            raise Neo4jUnavailable(f"bad Neo4j URI {self.settings.uri!r}: {e}") from None
        self._check()

    def _check(self) -> None:
        with translate_errors(self.settings):
            self.driver.verify_connectivity()
            with self.driver.session(database=self.settings.database) as s:
                s.run("RETURN 1").consume()

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def session(self, read: bool = False):
        from neo4j import READ_ACCESS, WRITE_ACCESS

        with translate_errors(self.settings):
            with self.driver.session(
                database=self.settings.database, default_access_mode=READ_ACCESS if read else WRITE_ACCESS
            ) as s:
                yield s

    # ------------------------------------------------------------ queries
    def run(self, cypher: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run one statement; read-only unless write=True. Rows as dicts."""
        params = params or {}

        def work(tx):
            return [r.data() for r in tx.run(cypher, params)]

        with self.session(read=not write) as s:
            return s.execute_write(work) if write else s.execute_read(work)

    def counts(self) -> tuple[int, int]:
        rows = self.run(
            "MATCH (n:Resource) WITH count(n) AS nodes "
            "OPTIONAL MATCH (:Resource)-[r]->(:Resource) RETURN nodes, count(r) AS rels"
        )
        return rows[0]["nodes"], rows[0]["rels"]

    # ------------------------------------------------------------ loading
    def ensure_schema(self) -> None:
        with self.session() as s:
            s.run("CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE").consume()
            for label, prop in (("Entity", "name"), ("Event", "date"), ("Claim", "certainty")):
                s.run(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})").consume()

    def load(self, ds: Dataset, batch: int = BATCH) -> dict[str, int]:
        """MERGE a dataset into the database; running it twice changes nothing."""
        nodes, rels = to_property_graph(ds)
        self.ensure_schema()
        by_labels: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for row in nodes.values():
            by_labels[tuple(row.pop("labels"))].append(row)
        with self.session() as s:
            for labels, rows in sorted(by_labels.items()):
                set_labels = "SET n" + "".join(f":{_checked(lb)}" for lb in labels) + " " if labels else ""
                cypher = (
                    f"UNWIND $rows AS r MERGE (n:Resource {{iri: r.iri}}) {set_labels}SET n += r.props "
                    "SET n.graphs = coalesce(n.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(n.graphs, [])], "
                    "n.rdf = coalesce(n.rdf, []) + [q IN r.rdf WHERE NOT q IN coalesce(n.rdf, [])]"
                )
                for chunk in _chunks(rows, batch):
                    s.execute_write(lambda tx, c=cypher, rows=chunk: tx.run(c, rows=rows).consume())
            by_type: dict[str, list[dict]] = defaultdict(list)
            for row in rels:
                by_type[row["type"]].append(row)
            for typ, rows in sorted(by_type.items()):
                cypher = (
                    "UNWIND $rows AS r MATCH (a:Resource {iri: r.s}) MATCH (b:Resource {iri: r.o}) "
                    f"MERGE (a)-[x:{_checked(typ)} {{predicate: r.p}}]->(b) "
                    "SET x.graphs = coalesce(x.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(x.graphs, [])]"
                )
                for chunk in _chunks(rows, batch):
                    s.execute_write(lambda tx, c=cypher, rows=chunk: tx.run(c, rows=rows).consume())
        self.derive()
        n, r = self.counts()
        return {"nodes": n, "relationships": r, "loaded_nodes": len(nodes), "loaded_relationships": len(rels)}

    def derive(self) -> None:
        """(Re)build the convenience relationships from the events."""
        statements = [
            "MATCH ()-[r:DEPLOYED_TO|SENT_AID]->() DELETE r",
            "MATCH (e:Deployment)-[:AGENT]->(a:Actor), (e)-[:RECIPIENT]->(b:Actor) "
            "OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d) "
            "WITH a, b, collect(DISTINCT e.iri) AS events, collect(DISTINCT d.iri) AS docs "
            "CREATE (a)-[:DEPLOYED_TO {events: events, documents: size(docs)}]->(b)",
            "MATCH (e:AidTransfer)-[:AGENT]->(a:Actor), (e)-[:RECIPIENT]->(b:Actor) "
            "UNWIND coalesce(e.categories, ['Unspecified']) AS category "
            "OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d) "
            "WITH a, b, category, collect(DISTINCT e.iri) AS events, collect(DISTINCT d.iri) AS docs "
            "CREATE (a)-[:SENT_AID {category: category, events: events, documents: size(docs)}]->(b)",
        ]
        with self.session() as s:
            for st in statements:
                s.execute_write(lambda tx, c=st: tx.run(c).consume())

    def remove_document(self, graph_iri: str) -> dict[str, int]:
        """Take one article's named graph out; shared nodes stay while another graph holds them."""
        statements = [
            "MATCH ()-[r]->() WHERE $g IN coalesce(r.graphs, []) "
            "SET r.graphs = [x IN r.graphs WHERE x <> $g] WITH r WHERE size(r.graphs) = 0 DELETE r",
            "MATCH (n:Resource) WHERE $g IN coalesce(n.graphs, []) "
            "SET n.graphs = [x IN n.graphs WHERE x <> $g], "
            "n.rdf = [q IN n.rdf WHERE NOT q ENDS WITH $suffix]",
            "MATCH (n:Resource) WHERE size(coalesce(n.graphs, [])) = 0 DETACH DELETE n",
            # entities only the registry graph still describes, and no fact refers to
            "MATCH (n:Entity) WHERE n.graphs = [$entities] AND NOT EXISTS { MATCH (n)<-[]-(m) WHERE NOT m:Entity } "
            "DETACH DELETE n",
        ]
        suffix = json.dumps(graph_iri) + "}"
        before = self.counts()
        with self.session() as s:
            found = s.execute_read(
                lambda tx: tx.run("MATCH (n:Resource) WHERE $g IN n.graphs RETURN count(n) AS c", g=graph_iri).single()[
                    "c"
                ]
            )
            if not found:
                raise QueryError(f"no document graph {graph_iri} in the database")
            for st in statements:
                s.execute_write(
                    lambda tx, c=st: tx.run(c, g=graph_iri, suffix=suffix, entities=str(ENTITY_GRAPH)).consume()
                )
        self.derive()
        after = self.counts()
        return {"nodes_removed": before[0] - after[0], "relationships_removed": before[1] - after[1]}

    def export_rdf(self) -> Dataset:
        """The dataset the database holds, rebuilt from the ``rdf`` and ``graphs`` properties."""
        ds = Dataset()
        with self.session(read=True) as s:
            for rec in s.run("MATCH (n:Resource) RETURN n.iri AS iri, n.rdf AS rdf"):
                subject = URIRef(rec["iri"])
                for q in rec["rdf"] or []:
                    d = json.loads(q)
                    obj = (
                        URIRef(d["o"])
                        if d.get("iri")
                        else Literal(d["o"], lang=d.get("lang"), datatype=URIRef(d["dt"]) if d.get("dt") else None)
                    )
                    ds.graph(URIRef(d["g"])).add((subject, URIRef(d["p"]), obj))
            for rec in s.run(
                "MATCH (a:Resource)-[r]->(b:Resource) WHERE r.predicate IS NOT NULL "
                "RETURN a.iri AS s, r.predicate AS p, b.iri AS o, r.graphs AS graphs"
            ):
                for g in rec["graphs"] or []:
                    ds.graph(URIRef(g)).add((URIRef(rec["s"]), URIRef(rec["p"]), URIRef(rec["o"])))
        from .rdf import bind_prefixes

        bind_prefixes(ds)
        return ds


def _chunks(rows: list, n: int) -> Iterator[list]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


@contextmanager
def translate_errors(settings: Neo4jSettings):
    """Driver exceptions -> one clear KgError line (never the password)."""
    from neo4j import exceptions as ne

    try:
        yield
    except ne.AuthError:
        raise Neo4jAuthError(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password (set NEO4J_PASSWORD)"
        ) from None
    except ne.ServiceUnavailable as e:
        raise Neo4jUnavailable(
            f"cannot reach Neo4j at {settings.uri} ({_first_line(e)}); is it running? try scripts/neo4j.sh start"
        ) from None
    except ne.ClientError as e:
        code = e.code or ""
        if "DatabaseNotFound" in code or "Database.DatabaseNotFound" in code:
            raise Neo4jDatabaseError(f"Neo4j has no database {settings.database!r}") from None
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "write" in (e.message or "").lower():
            raise QueryError("this statement writes to the database; pass --write to allow it") from None
        raise QueryError(f"Neo4j refused the statement: {_first_line(e)}") from None
    except ne.Neo4jError as e:
        raise Neo4jError(f"Neo4j error: {_first_line(e)}") from None
    except ne.DriverError as e:
        raise Neo4jError(f"Neo4j driver error: {_first_line(e)}") from None


def _first_line(e: Exception) -> str:
    msg = getattr(e, "message", None) or str(e) or type(e).__name__
    return msg.strip().splitlines()[0][:300]


# ---------------------------------------------------------------- RDF -> rows
_json = json.JSONEncoder(ensure_ascii=False).encode


def _literal_json(p: str, o, g: str) -> str:
    """One quad of a node as JSON; "g" comes last: remove_document matches the text by its ending."""
    if isinstance(o, Literal):
        if o.language:
            return _json({"p": p, "o": str(o), "lang": o.language, "g": g})
        if o.datatype:
            return _json({"p": p, "o": str(o), "dt": str(o.datatype), "g": g})
        return _json({"p": p, "o": str(o), "g": g})
    return _json({"p": p, "o": str(o), "iri": True, "g": g})


def _python_value(o):
    if isinstance(o, Literal):
        v = o.toPython()
        return v if isinstance(v, int | float | bool | str) else str(o)
    return str(o)


def _quads(ds: Dataset, pattern=(None, None, None)):
    """(s, p, o, graph name) for every quad matching the pattern, in one pass over the store."""
    store = ds.store
    if type(store).__name__ == "Memory":  # rdflib's own store: skip Dataset.quads' per-quad wrapping
        for (s, p, o), contexts in store.triples(pattern, None):
            for g in contexts:
                yield s, p, o, str(g.identifier)
        return
    for s, p, o, g in ds.quads((*pattern, None)):
        yield s, p, o, str(g.identifier if hasattr(g, "identifier") else g)


# Predicates with a readable property of their own, by IRI (plain strings: fast dictionary lookups).
_LABELS = {str(RDFS.label), str(SKOS.prefLabel)}
_ALT, _SAME_AS, _TYPE = str(SKOS.altLabel), str(OWL.sameAs), str(RDF.type)
_LIST_PROPS = {"evidence", "reportedBy"}


def to_property_graph(ds: Dataset) -> tuple[dict[str, dict], list[dict]]:
    """Node rows (iri, labels, props, rdf, graphs) and relationship rows (s, p, o, type, graphs)."""
    typed: dict[str, set[str]] = defaultdict(set)
    for s, _, o, _ in _quads(ds, (None, RDF.type, None)):
        if isinstance(s, URIRef):
            typed[str(s)].add(local_name(str(o)))
    nodes: dict[str, dict] = {}

    def node(iri: str) -> dict:
        if iri not in nodes:
            labels = set()
            for t in typed.get(iri, ()):
                if _NAME.fullmatch(t):
                    labels.add(t)
                    labels.update(SUPER_LABELS.get(t, []))
            nodes[iri] = {"iri": iri, "labels": sorted(labels), "props": {}, "rdf": set(), "graphs": set()}
        return nodes[iri]

    rels: dict[tuple[str, str, str], dict] = {}
    lists: dict[tuple[str, str], list] = defaultdict(list)
    for s, p, o, gname in _quads(ds):
        if not isinstance(s, URIRef):
            continue
        subject, pred = str(s), str(p)
        row = node(subject)
        row["graphs"].add(gname)
        is_iri = isinstance(o, URIRef)
        if is_iri and pred != _TYPE and str(o) in typed:
            key = (subject, pred, str(o))
            rel = rels.get(key)
            if rel is None:
                rel = rels[key] = {"s": subject, "p": pred, "o": key[2], "type": rel_type(pred), "graphs": set()}
            rel["graphs"].add(gname)
            continue
        row["rdf"].add(_literal_json(pred, o, gname))
        if pred == _TYPE:
            continue
        props = row["props"]
        name = local_name(pred)
        if pred in _LABELS and not is_iri and o.language:
            props[f"label_{o.language}"] = str(o)
        elif pred == _ALT:
            lists[(subject, "alt_labels")].append(str(o))
        elif pred == _SAME_AS and "wikidata.org" in o:
            props["wikidata"] = local_name(str(o))
        elif name == "aidCategory":
            lists[(subject, "categories")].append(local_name(str(o)))
        elif name == "certainty":
            props["certainty"] = local_name(str(o))
        elif name in _LIST_PROPS:
            lists[(subject, name)].append(str(o))  # Neo4j lists hold one type
        elif _NAME.fullmatch(name):
            props[name] = _python_value(o)
    for (iri, name), values in lists.items():
        nodes[iri]["props"][name] = sorted(set(values))
    for row in nodes.values():
        p = row["props"]
        p["type"] = next((t for t in TYPE_ORDER if t in typed.get(row["iri"], ())), "Resource")
        name = p.get("label_en") or p.get("label_ar") or p.get("title")
        if name:
            p["name"] = name
        row["graphs"] = sorted(row["graphs"])
        row["rdf"] = sorted(row["rdf"])
    for rel in rels.values():
        rel["graphs"] = sorted(rel["graphs"])
    return nodes, list(rels.values())
