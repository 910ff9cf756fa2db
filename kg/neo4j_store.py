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
import os
import queue
import random
import re
import socket
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from .config import Neo4jSettings, mask
from .cypher_guard import check_read_only
from .errors import (
    Neo4jAuthError,
    Neo4jBusy,
    Neo4jConfigError,
    Neo4jDatabaseError,
    Neo4jError,
    Neo4jTimeout,
    Neo4jUnavailable,
    QueryError,
    RdfError,
)
from .model import ENTITY_TYPES, EVENT_TYPES
from .rdf import ENTITY_GRAPH, KG
from .resources import read_text

BATCH = 10000
WRITERS = 2  # sessions writing at once
LOCK_LABEL = "NewsKGLock"  # one node while a kg load or kg remove writes (unique on name): one writer a database
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _ontology_parents() -> dict[str, str]:
    """Each kg: class -> its kg: superclass, read from ontology/kg.ttl (the one place the hierarchy is written)."""
    g = Graph().parse(data=read_text("ontology", "kg.ttl"), format="turtle")
    ns = str(KG)
    return {
        str(c)[len(ns) :]: str(p)[len(ns) :]
        for c, p in g.subject_objects(RDFS.subClassOf)
        if str(c).startswith(ns) and str(p).startswith(ns)
    }


_PARENTS = _ontology_parents()


def _ancestors(cls: str) -> list[str]:
    out, parent = [], _PARENTS.get(cls)
    while parent and parent not in out:
        out.append(parent)
        parent = _PARENTS.get(parent)
    return out


# The kinds of organisation, most specific first (a MilitaryUnit is an ArmedForce), for the readable type.
_ORG_KINDS = tuple(
    sorted((c for c in _PARENTS if "Organization" in _ancestors(c)), key=lambda c: (-len(_ancestors(c)), c))
)
# Labels a node gets besides its own class, so that (:Actor), (:Organization) or (:Event) finds all of them:
# every ancestor in the ontology, and two names of our own (:Place for locations, :Article for articles).
SUPER_LABELS = {cls: _ancestors(cls) for cls in _PARENTS}
SUPER_LABELS["Location"] = [*SUPER_LABELS.get("Location", []), "Place"]
SUPER_LABELS["NewsArticle"] = ["Article"]
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
    """A connection to one Neo4j database.

    With `on_stall`, a watcher thread calls it (with a message) once a call to the
    server has had no answer for the transaction limit plus three connection timeouts: a
    server that stopped (a frozen process, a dead link the kernel has not noticed)
    and would otherwise be waited on for ever. The CLI prints the message and exits.
    """

    settings: Neo4jSettings
    on_stall: Callable[[str], None] | None = None

    def __post_init__(self) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError

        self._calls: dict[object, float] = {}  # calls to the server under way -> when each began
        self._calls_lock = threading.Lock()
        self._closed = threading.Event()
        if self.on_stall and self.settings.query_timeout:
            threading.Thread(target=self._watch_for_stalls, daemon=True).start()

        wait = self.settings.connect_timeout
        try:
            self.driver = GraphDatabase.driver(
                self.settings.uri,
                auth=(self.settings.user, self.settings.password),
                connection_timeout=wait,  # TCP connect
                connection_acquisition_timeout=wait,  # and the Bolt handshake: a silent port fails in `wait` s
                connection_write_timeout=max(wait, 30.0),
                max_transaction_retry_time=30,
                notifications_min_severity="OFF",  # server notices (unknown label, deprecation) are not
                warn_notification_severity="OFF",  # errors: they never reach stderr, as logs or as warnings
            )
        except (ValueError, ConfigurationError) as e:
            raise Neo4jConfigError(f"bad Neo4j URI {mask(self.settings.uri)!r}: {_first_line(e)}") from None
        self._check()

    def _check(self) -> None:
        with translate_errors(self.settings):
            self.driver.verify_connectivity()
        with self.session() as s:
            s.run(self.query("RETURN 1")).consume()

    def stalled_for(self) -> float:
        """Seconds the oldest call to the server under way has waited (0 when none is)."""
        with self._calls_lock:
            started = min(self._calls.values(), default=None)
        return 0.0 if started is None else time.monotonic() - started

    def _watch_for_stalls(self) -> None:
        grace = 3 * self.settings.connect_timeout  # room for the driver to retry on a new connection
        limit = (self.settings.query_timeout or 0) + grace
        while not self._closed.wait(0.5):
            if self.stalled_for() > limit:
                self.on_stall(
                    f"Neo4j at {mask(self.settings.uri)} stopped answering: no reply for {limit:g} s "
                    f"(the transaction limit NEO4J_QUERY_TIMEOUT={self.settings.query_timeout:g} s "
                    f"plus 3 x NEO4J_CONNECT_TIMEOUT); what was committed stays, run the command again"
                )
                return

    def query(self, text: str):
        """An auto-commit statement with the transaction time limit."""
        from neo4j import Query

        return Query(text, timeout=self.settings.query_timeout)

    def timed(self, work: Callable) -> Callable:
        """A transaction function with the time limit the server enforces (NEO4J_QUERY_TIMEOUT)."""
        from neo4j import unit_of_work

        return unit_of_work(timeout=self.settings.query_timeout)(work)

    def close(self) -> None:
        self._closed.set()
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
                yield _Watched(s, self._calls, self._calls_lock)

    # ------------------------------------------------------------ queries
    def run(self, cypher: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run one statement; read-only unless write=True. Rows as dicts.

        Read-only means both: the server runs it in READ access mode, and
        kg.cypher_guard has found nothing in it but reading the graph.
        """
        params = params or {}
        if not write:
            check_read_only(cypher)

        def work(tx):
            return [r.data() for r in tx.run(cypher, params)]

        with self.session(read=not write) as s:
            return s.execute_write(self.timed(work)) if write else s.execute_read(self.timed(work))

    def counts(self) -> tuple[int, int]:
        """Nodes and relationships NewsKG wrote, from Neo4j's count store (no scan)."""
        nodes = self.run("MATCH (n:Resource) RETURN count(n) AS c")[0]["c"]
        rels = self.run("MATCH (:Resource)-[r]->() RETURN count(r) AS c")[0]["c"]
        return nodes, rels

    # ------------------------------------------------------------ loading
    def ensure_schema(self) -> None:
        with self.session() as s:
            s.run(
                self.query("CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE")
            ).consume()
            s.run(
                self.query(f"CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (n:{LOCK_LABEL}) REQUIRE n.name IS UNIQUE")
            ).consume()
            for label, prop in (("Entity", "name"), ("Event", "date"), ("Claim", "certainty")):
                s.run(
                    self.query(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
                ).consume()

    def load(self, ds: Dataset, batch: int = BATCH, writers: int = WRITERS, check: bool = True) -> dict[str, int]:
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
        lock the same event. One load (or remove) at a time writes to a database:
        a second one waits for the first (``exclusive``), since two at once could
        each CREATE the same relationship.
        """
        if check:  # the whole input first: nothing is written from a graph that cannot be loaded
            check_loadable(ds)
        self.ensure_schema()
        with self.exclusive("kg load"), _cyclic_gc_paused():
            return self._load(ds, max(1, batch), max(1, writers))

    def _load(self, ds: Dataset, batch: int, writers: int) -> dict[str, int]:
        graph = PropertyGraph(ds)
        timeout = self.settings.query_timeout
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
            if new and not _write(session, Batch(create, merge, new, timeout)):
                there.update(r["iri"] for r in new)
            old = [r for r in rows if r["iri"] in there]
            if old:
                _write(session, Batch(merge, merge, old, timeout))
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
                    yield lane, Batch(create, merge, chunk, timeout)
                for chunk in _chunks([r for r, n in zip(group, is_new, strict=True) if not n], batch):
                    yield lane, Batch(merge, merge, chunk, timeout)

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
        late = ((0, (labels, rows, timeout)) for labels, rows in _label_batches(late_nodes, batch))
        self._write_in_lanes(late, _write_merged_nodes, 1)
        jobs = [*relationship_batches(waiting), *relationship_batches(late_rels, merge_only=True)]
        self._write_in_lanes(jobs, lambda session, job: _write(session, job), writers)

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
        """The IRIs among these that already have a node (one indexed lookup)."""
        return set(
            session.execute_read(
                lambda tx: tx.run("UNWIND $iris AS i MATCH (n:Resource {iri: i}) RETURN i", iris=iris).value()
            )
        )

    # ------------------------------------------------------------ one writer at a time
    @contextmanager
    def exclusive(self, what: str):
        """Hold the database's write lock (a :NewsKGLock node) while the block runs.

        The node is unique on `name`, so two loaders cannot both create it; whoever
        holds it renews `beat` every few seconds, and a lock not renewed for
        `lock_stale` seconds (its process was killed) is taken over. A second load
        waits up to `lock_wait` seconds, then stops with a message naming the holder.
        """
        me = f"{what} pid {os.getpid()} on {socket.gethostname()} ({uuid.uuid4().hex[:8]})"
        stale_ms = int(self.settings.lock_stale * 1000)
        deadline = time.monotonic() + self.settings.lock_wait
        while True:
            got, holder, age = self.run(_TAKE_LOCK, {"me": me, "stale": stale_ms}, write=True)[0].values()
            if got:
                break
            if time.monotonic() > deadline:
                raise Neo4jBusy(
                    f"Neo4j at {mask(self.settings.uri)}: {holder} has been writing for {age / 1000:.0f} s; "
                    f"waited {self.settings.lock_wait:g} s for it (NEO4J_LOCK_WAIT); run {what} again later"
                )
            time.sleep(0.2 + random.random() * 0.3)
        stop = threading.Event()
        lost: list[str] = []

        def renew() -> None:
            while not stop.wait(self.settings.lock_stale / 4):
                try:
                    if not self.run(_RENEW_LOCK, {"me": me}, write=True)[0]["mine"]:
                        lost.append("taken over")
                        return
                except Neo4jError:
                    pass  # the load itself will meet the same trouble and say so

        beat = threading.Thread(target=renew, daemon=True)
        beat.start()
        try:
            yield
        finally:
            stop.set()
            beat.join()
            try:
                self.run(_DROP_LOCK, {"me": me}, write=True)
            except Neo4jError:
                pass  # it goes stale and is taken over
        if lost:
            raise Neo4jError(
                f"{what} stopped renewing its lock for over {self.settings.lock_stale:g} s (NEO4J_LOCK_STALE) "
                "and another writer took over; run it again"
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
            s.execute_write(self.timed(work))

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
        self.ensure_schema()
        with self.exclusive("kg remove"):
            return self._remove(graph_iri, statements, suffix)

    def _remove(self, graph_iri: str, statements: list[str], suffix: str) -> dict[str, int]:
        before = self.counts()
        with self.session() as s:
            found = s.execute_read(
                self.timed(
                    lambda tx: tx.run(
                        "MATCH (n:Resource) WHERE $g IN n.graphs RETURN count(n) AS c", g=graph_iri
                    ).single()["c"]
                )
            )
            if not found:
                raise QueryError(f"no document graph {graph_iri} in the database")
            for st in statements:
                s.execute_write(
                    self.timed(
                        lambda tx, c=st: tx.run(c, g=graph_iri, suffix=suffix, entities=str(ENTITY_GRAPH)).consume()
                    )
                )
        self.derive()
        after = self.counts()
        return {"nodes_removed": before[0] - after[0], "relationships_removed": before[1] - after[1]}

    def export_rdf(self) -> Dataset:
        """The dataset the database holds, rebuilt from the ``rdf`` and ``graphs`` properties."""
        ds = Dataset()
        with self.session(read=True) as s:
            for rec in s.run(self.query("MATCH (n:Resource) RETURN n.iri AS iri, n.rdf AS rdf")):
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
                self.query(
                    "MATCH (a:Resource)-[r]->(b:Resource) WHERE r.predicate IS NOT NULL "
                    "RETURN a.iri AS s, r.predicate AS p, b.iri AS o, r.graphs AS graphs"
                )
            ):
                for g in rec["graphs"] or []:
                    ds.graph(URIRef(g)).add((URIRef(rec["s"]), URIRef(rec["p"]), URIRef(rec["o"])))
        from .rdf import bind_prefixes

        bind_prefixes(ds)
        return ds


_DONE = object()  # the end of a writer's queue


class _Watched:
    """A driver session that notes when each call to the server begins and ends (see Store.stalled_for)."""

    def __init__(self, session, calls: dict[object, float], lock: threading.Lock):
        self._session, self._calls, self._lock = session, calls, lock

    def _watched(self, call: Callable, *args, **kwargs):
        token = object()
        with self._lock:
            self._calls[token] = time.monotonic()
        try:
            return call(*args, **kwargs)
        finally:
            with self._lock:
                del self._calls[token]

    def execute_write(self, *args, **kwargs):
        return self._watched(self._session.execute_write, *args, **kwargs)

    def execute_read(self, *args, **kwargs):
        return self._watched(self._session.execute_read, *args, **kwargs)

    def run(self, *args, **kwargs):
        return self._watched(self._session.run, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._session, name)


# Take the lock if it is free, ours or abandoned. Setting `asked` first takes the node's write lock, so
# that two loaders never both read it as free; the read of owner and beat comes after.
_TAKE_LOCK = f"""
MERGE (l:{LOCK_LABEL} {{name: 'writer'}})
ON CREATE SET l.owner = $me, l.beat = timestamp()
SET l.asked = $me
WITH l, l.owner = $me OR l.beat < timestamp() - $stale AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | SET l.owner = $me, l.beat = timestamp())
RETURN free, l.owner AS holder, timestamp() - l.beat AS age
"""
_RENEW_LOCK = f"""
OPTIONAL MATCH (l:{LOCK_LABEL} {{name: 'writer', owner: $me}})
SET l.beat = timestamp()
RETURN l IS NOT NULL AS mine
"""
_DROP_LOCK = f"MATCH (l:{LOCK_LABEL} {{name: 'writer', owner: $me}}) DELETE l"


def check_loadable(ds: Dataset) -> None:
    """Refuse, before anything is written, a dataset whose links cannot all become relationships.

    Every predicate that links two typed IRIs becomes a relationship type, so each
    must give a name Neo4j can take; the first that does not is named.
    """
    typed = {s for (s, _, _), _ in ds.store.triples((None, RDF.type, None), None)}
    for (_, p, o), _ in ds.store.triples((None, None, None), None):
        if type(o) is URIRef and o in typed and p != RDF.type:
            try:
                rel_type(str(p))
            except Neo4jError:
                raise RdfError(
                    f"predicate <{p}> links two nodes but gives no Neo4j relationship type "
                    f"({local_name(str(p))!r} is not a name); nothing was written"
                ) from None


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


def _write_merged_nodes(session, item: tuple[tuple[str, ...], list[dict], float | None]) -> None:
    labels, rows, timeout = item
    merge = _node_statements(labels)[1]
    _write(session, Batch(merge, merge, rows, timeout))


@dataclass
class Batch:
    """Rows for one transaction: `fast` (CREATE) on the first try, `safe` (MERGE) on any other."""

    fast: str
    safe: str
    rows: list[dict]
    timeout: float | None = None  # seconds the server gives the transaction


def _write(session, job: Batch) -> bool:
    """Write one batch in one transaction; False when another writer had made some of its nodes.

    The driver retries a transaction after a transient error or a lost connection,
    and the first try may have been committed before the connection dropped: a
    retry with CREATE could then write twice, so retries run `safe`. A uniqueness
    error means another writer created one of the nodes meanwhile: `safe` again.
    """
    from neo4j import unit_of_work
    from neo4j.exceptions import ConstraintError

    tries = 0

    @unit_of_work(timeout=job.timeout)
    def work(tx):
        nonlocal tries
        tries += 1
        tx.run(job.fast if tries == 1 else job.safe, rows=job.rows).consume()

    try:
        session.execute_write(work)
    except ConstraintError:
        session.execute_write(unit_of_work(timeout=job.timeout)(lambda tx: tx.run(job.safe, rows=job.rows).consume()))
        return False
    return True


def _chunks(rows: list, n: int) -> Iterator[list]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


@contextmanager
def translate_errors(settings: Neo4jSettings):
    """Driver exceptions -> one clear KgError line (never the password)."""
    from neo4j import exceptions as ne

    where = f"Neo4j at {mask(settings.uri)}"
    try:
        yield
    except ne.AuthError:
        raise Neo4jAuthError(
            f"{where} refused user {settings.user!r}: wrong user or password (set NEO4J_PASSWORD)"
        ) from None
    except ne.ServiceUnavailable as e:
        text = str(e)
        if "handshake" in text or "deadline" in text.lower() or "timed out" in text.lower():
            raise Neo4jTimeout(
                f"{where} did not answer within {settings.connect_timeout:g} s (connection timeout, "
                "NEO4J_CONNECT_TIMEOUT): the port is open but nothing speaks Bolt there, or the server is stuck"
            ) from None
        raise Neo4jUnavailable(
            f"cannot reach {where} ({_first_line(e)}); is it running? try scripts/neo4j.sh start"
        ) from None
    except (ne.SessionExpired, ne.IncompleteCommit) as e:
        raise Neo4jUnavailable(f"{where} dropped the connection ({_first_line(e)}); run the command again") from None
    except ne.ClientError as e:
        code = e.code or ""
        if "TransactionTimedOut" in code:
            raise Neo4jTimeout(
                f"{where}: a transaction ran longer than {settings.query_timeout:g} s and the server stopped it "
                "(transaction timeout, NEO4J_QUERY_TIMEOUT); nothing of it was written"
            ) from None
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
