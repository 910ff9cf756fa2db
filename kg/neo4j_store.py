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
import threading
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
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
WRITERS = 2  # sessions writing at once
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

    def load(self, ds: Dataset, batch: int = BATCH, writers: int = WRITERS) -> dict[str, int]:
        """Write a dataset into the database; running it twice changes nothing.

        Nodes the database does not hold yet are CREATEd, and so are relationships
        with at least one such end (they cannot exist already); everything else is
        MERGEd. A batch the driver retries, or one that meets a node another writer
        created meanwhile, is run again with MERGE, so a retry never duplicates.
        `writers` sessions write at once: nodes by batch, relationships split by
        their start node, so two writers never lock the same event or claim.
        """
        nodes, rels = to_property_graph(ds)
        self.ensure_schema()
        with self.session(read=True) as s:
            known = self._existing(s, list(nodes), batch)

        node_jobs: list[Batch] = []
        by_labels: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for row in nodes.values():
            by_labels[tuple(row.pop("labels"))].append(row)
        for labels, rows in sorted(by_labels.items()):
            label_set = "".join(f":{_checked(lb)}" for lb in labels)
            create = (
                f"UNWIND $rows AS r CREATE (n:Resource{label_set}) "
                "SET n += r.props, n.iri = r.iri, n.graphs = r.graphs, n.rdf = r.rdf"
            )
            merge = (
                f"UNWIND $rows AS r MERGE (n:Resource {{iri: r.iri}}) "
                f"{'SET n' + label_set + ' ' if labels else ''}SET n += r.props "
                "SET n.graphs = coalesce(n.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(n.graphs, [])], "
                "n.rdf = coalesce(n.rdf, []) + [q IN r.rdf WHERE NOT q IN coalesce(n.rdf, [])]"
            )
            node_jobs += [Batch(create, merge, c) for c in _chunks([r for r in rows if r["iri"] not in known], batch)]
            node_jobs += [Batch(merge, merge, c) for c in _chunks([r for r in rows if r["iri"] in known], batch)]
        for job in self._write_all([node_jobs[i::writers] for i in range(writers)]):
            known.update(r["iri"] for r in job.rows)  # another writer made some of these: MERGE their edges

        rel_jobs: list[list[Batch]] = [[] for _ in range(writers)]
        by_type: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for row in rels:
            by_type[(row["type"], hash(row["s"]) % writers)].append(row)
        for (typ, writer), rows in sorted(by_type.items()):
            match = "UNWIND $rows AS r MATCH (a:Resource {iri: r.s}) MATCH (b:Resource {iri: r.o}) "
            create = f"{match}CREATE (a)-[:{_checked(typ)} {{predicate: r.p, graphs: r.graphs}}]->(b)"
            merge = (
                f"{match}MERGE (a)-[x:{_checked(typ)} {{predicate: r.p}}]->(b) "
                "SET x.graphs = coalesce(x.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(x.graphs, [])]"
            )
            new = [r for r in rows if r["s"] not in known or r["o"] not in known]
            old = [r for r in rows if r["s"] in known and r["o"] in known]
            rel_jobs[writer] += [Batch(create, merge, c) for c in _chunks(new, batch)]
            rel_jobs[writer] += [Batch(merge, merge, c) for c in _chunks(old, batch)]
        self._write_all(rel_jobs)

        self.derive()
        n, r = self.counts()
        return {"nodes": n, "relationships": r, "loaded_nodes": len(nodes), "loaded_relationships": len(rels)}

    def _write_all(self, lanes: list[list[Batch]]) -> list[Batch]:
        """Run each lane of batches in its own session, lanes in parallel; the batches that fell back to MERGE.

        The first error stops every lane before its next batch and is raised;
        batches already committed stay, and a rerun completes the load.
        """
        stop = threading.Event()

        def run(lane: list[Batch]) -> list[Batch]:
            fell_back = []
            with self.session() as s:
                for job in lane:
                    if stop.is_set():
                        break
                    try:
                        if not _write(s, job):
                            fell_back.append(job)
                    except BaseException:
                        stop.set()
                        raise
            return fell_back

        lanes = [lane for lane in lanes if lane]
        if len(lanes) <= 1:
            return [job for lane in lanes for job in run(lane)]
        with ThreadPoolExecutor(len(lanes)) as pool:
            futures = [pool.submit(run, lane) for lane in lanes]
            return [job for f in futures for job in f.result()]

    @staticmethod
    def _existing(session, iris: list[str], batch: int) -> set[str]:
        """The IRIs among these that already have a node."""
        found: set[str] = set()
        for chunk in _chunks(iris, batch):
            found.update(
                session.execute_read(
                    lambda tx, c=chunk: tx.run("UNWIND $iris AS i MATCH (n:Resource {iri: i}) RETURN i", iris=c).value()
                )
            )
        return found

    def derive(self) -> None:
        """(Re)build the convenience relationships from the events, in one transaction."""
        statements = [
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

        def work(tx):
            for statement in statements:
                tx.run(statement).consume()

        with self.session() as s:
            s.execute_write(work)

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
        suffix = _json_tail(graph_iri)[len(',"g":') :]
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


@dataclass
class Batch:
    """Rows for one transaction: `fast` (CREATE) on the first try, `safe` (MERGE) on any other."""

    fast: str
    safe: str
    rows: list[dict]


def _write(session, job: Batch) -> bool:
    """Write one batch in one transaction; False when another writer had made some of its nodes.

    The driver retries a transaction after a transient error or a lost connection,
    and the first try may have been committed before the connection dropped: a
    retry with CREATE could then write twice, so retries run `safe`. A uniqueness
    error means another writer created one of the nodes meanwhile: `safe` again.
    """
    from neo4j.exceptions import ConstraintError

    tries = 0

    def work(tx):
        nonlocal tries
        tries += 1
        tx.run(job.fast if tries == 1 else job.safe, rows=job.rows).consume()

    try:
        session.execute_write(work)
    except ConstraintError:
        session.execute_write(lambda tx: tx.run(job.safe, rows=job.rows).consume())
        return False
    return True


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
_string = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept as is


def _literal_json(p: str, o, g: str) -> str:
    """One quad of a node as JSON; "g" comes last: remove_document matches the text by its ending."""
    return _json_head(p) + _json_object(o) + _json_tail(g)


@lru_cache(maxsize=1024)
def _json_head(p: str) -> str:
    return '{"p":' + _string(p) + ',"o":'


@lru_cache(maxsize=65536)
def _json_tail(g: str) -> str:
    return ',"g":' + _string(g) + "}"


def _json_object(o) -> str:
    if isinstance(o, Literal):
        if o.language:
            return _string(str(o)) + ',"lang":' + _string(o.language)
        if o.datatype:
            return _string(str(o)) + ',"dt":' + _string(str(o.datatype))
        return _string(str(o))
    return _string(str(o)) + ',"iri":true'


def _python_value(o):
    if isinstance(o, Literal):
        v = o.toPython()
        return v if isinstance(v, int | float | bool | str) else str(o)
    return str(o)


def _quads(ds: Dataset, pattern=(None, None, None)):
    """(s, p, o, graph name) for every quad matching the pattern.

    Everything: one named graph at a time (rdflib's memory store keeps each graph's
    triples together). A pattern: through the store's index, naming the graphs of
    each match (asking each graph in turn would scan the index once per graph).
    """
    store = ds.store
    if pattern == (None, None, None):
        for ctx in store.contexts():
            name = str(ctx.identifier if hasattr(ctx, "identifier") else ctx)
            for (s, p, o), _ in store.triples(pattern, ctx):
                yield s, p, o, name
        return
    for (s, p, o), contexts in store.triples(pattern, None):
        for ctx in contexts:
            yield s, p, o, str(ctx.identifier if hasattr(ctx, "identifier") else ctx)


# Predicates with a readable property of their own, by IRI (plain strings: fast dictionary lookups).
_LABELS = {str(RDFS.label), str(SKOS.prefLabel)}
_ALT, _SAME_AS, _TYPE = str(SKOS.altLabel), str(OWL.sameAs), str(RDF.type)
_LIST_PROPS = {"evidence", "reportedBy"}


@lru_cache(maxsize=1024)
def _property_kind(pred: str) -> tuple[str, str]:
    """How a predicate's non-relationship objects become node properties: (kind, property name)."""
    name = local_name(pred)
    if pred == _TYPE:
        return "skip", ""
    if pred in _LABELS:
        return "label", ""
    if pred == _ALT:
        return "list", "alt_labels"
    if pred == _SAME_AS:
        return "wikidata", "wikidata"
    if name == "aidCategory":
        return "list_local", "categories"
    if name == "certainty":
        return "local", "certainty"
    if name in _LIST_PROPS:
        return "list", name  # Neo4j lists hold one type
    if _NAME.fullmatch(name):
        return "value", name
    return "skip", ""


def to_property_graph(ds: Dataset) -> tuple[dict[str, dict], list[dict]]:
    """Node rows (iri, labels, props, rdf, graphs) and relationship rows (s, p, o, type, graphs)."""
    typed: dict[str, set[str]] = defaultdict(set)
    for s, _, o, _ in _quads(ds, (None, RDF.type, None)):
        if isinstance(s, URIRef):
            typed[str(s)].add(local_name(str(o)))
    nodes: dict[str, dict] = {}
    rels: dict[tuple[str, str, str], dict] = {}
    lists: dict[tuple[str, str], set] = defaultdict(set)
    for s, p, o, gname in _quads(ds):
        if not isinstance(s, URIRef):
            continue
        subject, pred = str(s), str(p)
        row = nodes.get(subject)
        if row is None:
            row = nodes[subject] = {"iri": subject, "props": {}, "rdf": set(), "graphs": set()}
        row["graphs"].add(gname)
        if type(o) is URIRef:
            obj = str(o)
            if obj in typed and pred != _TYPE:
                key = (subject, pred, obj)
                rel = rels.get(key)
                if rel is None:
                    rel = rels[key] = {"s": subject, "p": pred, "o": obj, "type": rel_type(pred), "graphs": set()}
                rel["graphs"].add(gname)
                continue
        row["rdf"].add(_json_head(pred) + _json_object(o) + _json_tail(gname))
        kind, name = _property_kind(pred)
        if kind == "skip":
            continue
        if kind == "label":
            if isinstance(o, Literal) and o.language:
                row["props"]["label_" + o.language] = str(o)
        elif kind == "list":
            lists[(subject, name)].add(str(o))
        elif kind == "wikidata":
            if "wikidata.org" in o:
                row["props"][name] = local_name(str(o))
        elif kind == "list_local":
            lists[(subject, name)].add(local_name(str(o)))
        elif kind == "local":
            row["props"][name] = local_name(str(o))
        else:
            row["props"][name] = _python_value(o)
    for (iri, name), values in lists.items():
        nodes[iri]["props"][name] = sorted(values)
    for iri, row in nodes.items():
        types = typed.get(iri, ())
        labels = set()
        for t in types:
            if _NAME.fullmatch(t):
                labels.add(t)
                labels.update(SUPER_LABELS.get(t, []))
        row["labels"] = sorted(labels)
        props = row["props"]
        props["type"] = next((t for t in TYPE_ORDER if t in types), "Resource")
        name = props.get("label_en") or props.get("label_ar") or props.get("title")
        if name:
            props["name"] = name
        row["graphs"] = sorted(row["graphs"])
        row["rdf"] = sorted(row["rdf"])
    for rel in rels.values():
        rel["graphs"] = sorted(rel["graphs"])
    return nodes, list(rels.values())
