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

import gc
import json
import queue
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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
    "NonGovernmentalOrganization",
    "PoliticalOrganization",
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
        """Nodes and relationships NewsKG wrote, from Neo4j's count store (no scan)."""
        nodes = self.run("MATCH (n:Resource) RETURN count(n) AS c")[0]["c"]
        rels = self.run("MATCH (:Resource)-[r]->() RETURN count(r) AS c")[0]["c"]
        return nodes, rels

    # ------------------------------------------------------------ loading
    def ensure_schema(self) -> None:
        with self.session() as s:
            s.run("CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE").consume()
            for label, prop in (("Entity", "name"), ("Event", "date"), ("Claim", "certainty")):
                s.run(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})").consume()

    def load(self, ds: Dataset, batch: int = BATCH, writers: int = WRITERS) -> dict[str, int]:
        """Write a dataset into the database; running it twice changes nothing.

        Writing starts while the dataset is still being read: the nodes of each
        named graph go to the database as soon as that graph is read, and its
        relationships as soon as both their ends are written. Nodes the database
        does not hold yet (looked up per batch, unless the database was empty) are
        CREATEd, and so are relationships with at least one such end (they cannot
        exist already); everything else is MERGEd. A batch the driver retries, or
        one that meets a node another writer created meanwhile, runs again with
        MERGE, so nothing is ever written twice. `writers` sessions write at once;
        relationships are split among them by start node, so two writers never
        lock the same event. Meant for one load at a time per database: two loads
        of overlapping data at once could each CREATE the same relationship.
        """
        self.ensure_schema()
        with _cyclic_gc_paused():
            return self._load(ds, max(1, batch), max(1, writers))

    def _load(self, ds: Dataset, batch: int, writers: int) -> dict[str, int]:
        graph = PropertyGraph(ds)
        empty = self.counts()[0] == 0  # then there is nothing to look up before writing
        known: set[str] = set()  # nodes there before this load, or made meanwhile by another writer
        written: set[str] = set()  # nodes committed, so relationships may point at them
        lock = threading.Lock()

        def write(session, item: Batch | tuple[tuple[str, ...], list[dict]]) -> None:
            if isinstance(item, Batch):  # relationships
                _write(session, item)
                return
            labels, rows = item
            create, merge = _node_statements(labels)
            there = set() if empty else self._existing(session, [r["iri"] for r in rows])
            new = [r for r in rows if r["iri"] not in there]
            if new and not _write(session, Batch(create, merge, new)):
                there.update(r["iri"] for r in new)
            old = [r for r in rows if r["iri"] in there]
            if old:
                _write(session, Batch(merge, merge, old))
            with lock:
                known.update(there)  # before `written`: whoever sees a node written knows whether it is new
                written.update(r["iri"] for r in rows)

        def relationship_batches(rows: list[dict], merge_only: bool = False) -> Iterator[tuple[int, Batch]]:
            """Batches by type, each in the lane of its start node; CREATE when an end is new."""
            by_type: dict[tuple[str, int], list[dict]] = defaultdict(list)
            for row in rows:
                by_type[(row["type"], hash(row["s"]) % writers)].append(row)
            for (typ, lane), group in sorted(by_type.items()):
                create, merge = _relationship_statements(typ)
                is_new = [not merge_only and (r["s"] not in known or r["o"] not in known) for r in group]
                for chunk in _chunks([r for r, n in zip(group, is_new, strict=True) if n], batch):
                    yield lane, Batch(create, merge, chunk)
                for chunk in _chunks([r for r, n in zip(group, is_new, strict=True) if not n], batch):
                    yield lane, Batch(merge, merge, chunk)

        waiting: list[dict] = []  # relationships whose ends are not written yet

        def stream() -> Iterator[tuple[int, Any]]:
            """Node batches, and relationship batches once both their ends are written, as the graph is read."""
            nonlocal waiting
            groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
            buffered, look_at, count = 0, batch, 0
            for kind, row in graph.rows():
                if kind == "node":
                    groups[tuple(row.pop("labels"))].append(row)
                    buffered += 1
                    if buffered >= batch:  # every label set goes, so no node waits long
                        for labels, rows in groups.items():
                            count += 1
                            yield count, (labels, rows)
                        groups, buffered = defaultdict(list), 0
                    continue
                waiting.append(row)
                if len(waiting) >= look_at:
                    ready, waiting = _split_ready(waiting, written)
                    look_at = len(waiting) + batch
                    yield from relationship_batches(ready)
            for labels, rows in groups.items():
                count += 1
                yield count, (labels, rows)

        self._write_in_lanes(stream(), write, writers)
        late_nodes, late_rels = graph.late_rows()  # met again in a later graph: merged, now complete
        self._write_in_lanes(((0, item) for item in _label_batches(late_nodes, batch)), _write_merged_nodes, 1)
        jobs = [*relationship_batches(waiting), *relationship_batches(late_rels, merge_only=True)]
        self._write_in_lanes(jobs, _write, writers)

        self.derive()
        n, r = self.counts()
        return {
            "nodes": n,
            "relationships": r,
            "loaded_nodes": graph.node_count,
            "loaded_relationships": graph.relationship_count,
        }

    def _write_in_lanes(self, items: Iterable[tuple[int, Any]], write: Callable[[Any, Any], Any], lanes: int) -> None:
        """Hand each (lane, item) to the writer of that lane while `items` is still being produced.

        Each lane has one thread and one session and writes its items in order. The
        first error stops every writer before its next item and is raised once
        `items` has stopped; what was committed stays, and a rerun completes it.
        """
        queues: list[queue.Queue] = [queue.Queue(maxsize=2) for _ in range(max(1, lanes))]
        stop = threading.Event()
        errors: list[BaseException] = []

        def writer(q: queue.Queue) -> None:
            try:
                with self.session() as s:
                    while (item := q.get()) is not _DONE:
                        if not stop.is_set():
                            write(s, item)
            except BaseException as e:  # handed to the caller below
                errors.append(e)
                stop.set()
                while q.get() is not _DONE:  # keep taking items so that the producer never blocks
                    pass

        threads = [threading.Thread(target=writer, args=(q,), daemon=True) for q in queues]
        for t in threads:
            t.start()
        try:
            for lane, item in items:
                if stop.is_set():
                    break
                queues[lane % len(queues)].put(item)
        finally:
            for q in queues:
                q.put(_DONE)
            for t in threads:
                t.join()
        if errors:
            raise errors[0]

    @staticmethod
    def _existing(session, iris: list[str]) -> set[str]:
        """The IRIs among these that already have a node."""
        return set(
            session.execute_read(
                lambda tx: tx.run("UNWIND $iris AS i MATCH (n:Resource {iri: i}) RETURN i", iris=iris).value()
            )
        )

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


_DONE = object()  # the end of a writer's queue


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cycle collector while a load makes millions of small, acyclic rows.

    With it running, each full collection walks every object alive (the whole
    dataset), again and again as rows are made: a quarter of the conversion time
    for a million triples. Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _node_statements(labels: tuple[str, ...]) -> tuple[str, str]:
    """CREATE and MERGE for node rows with these labels (checked names only)."""
    label_set = "".join(f":{_checked(lb)}" for lb in labels)
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


def _relationship_statements(typ: str) -> tuple[str, str]:
    """CREATE and MERGE for relationship rows of one type (a checked name)."""
    match = "UNWIND $rows AS r MATCH (a:Resource {iri: r.s}) MATCH (b:Resource {iri: r.o}) "
    create = f"{match}CREATE (a)-[:{_checked(typ)} {{predicate: r.p, graphs: r.graphs}}]->(b)"
    merge = (
        f"{match}MERGE (a)-[x:{_checked(typ)} {{predicate: r.p}}]->(b) "
        "SET x.graphs = coalesce(x.graphs, []) + [g IN r.graphs WHERE NOT g IN coalesce(x.graphs, [])]"
    )
    return create, merge


def _split_ready(rows: list[dict], written: set[str]) -> tuple[list[dict], list[dict]]:
    """Relationship rows with both ends written, and the rest.

    One pass, each row looked at once: writer threads add to `written` meanwhile,
    and two passes could put a row that became ready in between in neither list.
    """
    ready: list[dict] = []
    still: list[dict] = []
    for row in rows:
        (ready if row["s"] in written and row["o"] in written else still).append(row)
    return ready, still


def _label_batches(rows: Iterable[dict], size: int) -> Iterator[tuple[tuple[str, ...], list[dict]]]:
    """Node rows grouped by label set (one statement per set), at most `size` a batch, as they come."""
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for row in rows:
        labels = tuple(row.pop("labels"))
        group = groups[labels]
        group.append(row)
        if len(group) >= size:
            yield labels, groups.pop(labels)
    yield from groups.items()


def _write_merged_nodes(session, item: tuple[tuple[str, ...], list[dict]]) -> None:
    labels, rows = item
    merge = _node_statements(labels)[1]
    _write(session, Batch(merge, merge, rows))


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


# One quad of a node as JSON, from cached pieces: {"p": ..., "o": ..., ["lang"|"dt"|"iri": ...,] "g": ...}.
# "g" comes last: remove_document matches a quad by its ending.
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


def _types(ds: Dataset) -> dict[str, set[str]]:
    """Class local names of every IRI with an rdf:type, in any graph (one pass over the type index)."""
    typed: dict[str, set[str]] = defaultdict(set)
    for (s, _, o), _ in ds.store.triples((None, RDF.type, None), None):
        if isinstance(s, URIRef):
            typed[str(s)].add(local_name(str(o)))
    return typed


# Predicates with a readable property of their own, by IRI (plain strings: fast dictionary lookups).
_LABELS = {str(RDFS.label), str(SKOS.prefLabel)}
_ALT, _SAME_AS, _TYPE = str(SKOS.altLabel), str(OWL.sameAs), str(RDF.type)
_LIST_PROPS = {"evidence", "reportedBy", "office"}
_LIST_NAMES = ("alt_labels", "categories", *sorted(_LIST_PROPS))


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


class PropertyGraph:
    """A dataset as Neo4j rows, read one named graph at a time.

    ``rows()`` hands out the nodes of each named graph, and the relationships
    leaving them, as soon as that graph has been read, so writing can start while
    the rest is still being read. Graphs are read largest first: shared graphs
    such as the entity registry, which the others point into, come early. A node
    met again in a later graph (our own datasets never do this; other RDF may) is
    handed out once more, with everything from every graph, by ``late_rows()``,
    together with the relationships leaving it.
    """

    def __init__(self, ds: Dataset):
        self.store = ds.store
        self.typed = _types(ds)
        self._nodes: dict[str, dict] = {}  # iri -> props, rdf, graphs as read so far
        self._lists: dict[tuple[str, str], set] = defaultdict(set)
        self._rels: dict[tuple[str, str, str], dict] = {}
        self._again: set[str] = set()

    @property
    def node_count(self) -> int:
        return len(self._nodes)

    @property
    def relationship_count(self) -> int:
        return len(self._rels)

    def rows(self) -> Iterator[tuple[str, dict]]:
        """("node", row) and ("relationship", row), graph by graph."""
        handed_out: set[str] = set()
        contexts = sorted(self.store.contexts(), key=lambda c: (-len(c), str(_graph_name(c))))
        for ctx in contexts:
            gname = _graph_name(ctx)
            fresh: dict[str, list] = {}  # subjects first met in this graph -> their relationship keys
            for (s, p, o), _ in self.store.triples((None, None, None), ctx):
                if not isinstance(s, URIRef):
                    continue
                subject = str(s)
                if subject not in self._nodes:
                    self._nodes[subject] = {"props": {}, "rdf": set(), "graphs": set()}
                    fresh[subject] = []
                elif subject in handed_out:
                    self._again.add(subject)
                key = self._add(subject, str(p), o, gname)
                if key and subject in fresh:
                    fresh[subject].append(key)
            for iri in fresh:
                handed_out.add(iri)
                yield "node", self._row(iri)
            for keys in fresh.values():
                for key in keys:
                    yield "relationship", self._rel_row(key)

    def late_rows(self) -> tuple[list[dict], list[dict]]:
        """Nodes met again in a later graph and the relationships leaving them, complete."""
        nodes = [self._row(iri) for iri in sorted(self._again)]
        rels = [self._rel_row(key) for key in self._rels if key[0] in self._again]
        return nodes, rels

    def _rel_row(self, key: tuple[str, str, str]) -> dict:
        rel = self._rels[key]
        return {**rel, "graphs": sorted(rel["graphs"])}

    def _add(self, subject: str, pred: str, o, gname: str) -> tuple[str, str, str] | None:
        """Take one quad in; the relationship's key when it made a new one."""
        row = self._nodes[subject]
        row["graphs"].add(gname)
        if type(o) is URIRef:
            obj = str(o)
            if obj in self.typed and pred != _TYPE:
                key = (subject, pred, obj)
                rel = self._rels.get(key)
                if rel is not None:
                    rel["graphs"].add(gname)
                    return None
                self._rels[key] = {"s": subject, "p": pred, "o": obj, "type": rel_type(pred), "graphs": {gname}}
                return key
        row["rdf"].add(_json_head(pred) + _json_object(o) + _json_tail(gname))
        kind, name = _property_kind(pred)
        if kind == "skip":
            return None
        if kind == "label":
            if isinstance(o, Literal) and o.language:
                row["props"]["label_" + o.language] = str(o)
        elif kind == "list":
            self._lists[(subject, name)].add(str(o))
        elif kind == "wikidata":
            if "wikidata.org" in o:
                row["props"][name] = local_name(str(o))
        elif kind == "list_local":
            self._lists[(subject, name)].add(local_name(str(o)))
        elif kind == "local":
            row["props"][name] = local_name(str(o))
        else:
            row["props"][name] = _python_value(o)
        return None

    def _row(self, iri: str) -> dict:
        """The node row as known so far: iri, labels, props, rdf, graphs."""
        state = self._nodes[iri]
        types = self.typed.get(iri, ())
        labels = set()
        for t in types:
            if _NAME.fullmatch(t):
                labels.add(t)
                labels.update(SUPER_LABELS.get(t, []))
        props = dict(state["props"])
        for name in _LIST_NAMES:
            values = self._lists.get((iri, name))
            if values:
                props[name] = sorted(values)
        props["type"] = next((t for t in TYPE_ORDER if t in types), "Resource")
        name = props.get("label_en") or props.get("label_ar") or props.get("title")
        if name:
            props["name"] = name
        return {
            "iri": iri,
            "labels": sorted(labels),
            "props": props,
            "rdf": sorted(state["rdf"]),
            "graphs": sorted(state["graphs"]),
        }


def to_property_graph(ds: Dataset) -> tuple[dict[str, dict], list[dict]]:
    """Every node row (iri, labels, props, rdf, graphs) by IRI and every relationship row (s, p, o, type, graphs)."""
    graph = PropertyGraph(ds)
    nodes: dict[str, dict] = {}
    rels: dict[tuple[str, str, str], dict] = {}
    for kind, row in graph.rows():
        if kind == "node":
            nodes[row["iri"]] = row
        else:
            rels[(row["s"], row["p"], row["o"])] = row
    late_nodes, late_rels = graph.late_rows()
    nodes.update((row["iri"], row) for row in late_nodes)
    rels.update(((row["s"], row["p"], row["o"]), row) for row in late_rels)
    return nodes, list(rels.values())


def _graph_name(ctx) -> str:
    return str(ctx.identifier if hasattr(ctx, "identifier") else ctx)
