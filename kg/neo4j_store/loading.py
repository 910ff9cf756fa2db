"""Writing to Neo4j: loading a dataset (batched, streamed, several writers) and
removing one document, each holding the database's write lock."""

from __future__ import annotations

import gc
import os
import queue
import random
import socket
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset

from ..config import mask
from ..errors import Neo4jBusy, Neo4jError, QueryError
from ..progress import progress
from ..rdf import ENTITY_GRAPH
from . import cypher
from .derived import derive
from .mapping import PropertyGraph, _json_tail, check_loadable, graph_hashes, graph_names, quad_count

BATCH = 10000
WRITERS = 2  # sessions writing at once


def ensure_schema(store) -> None:
    """The uniqueness constraints and indexes the loader and the named queries rely on."""
    with store.session() as s:
        for statement in cypher.SCHEMA:
            s.run(store.query(statement)).consume()


def load(
    store,
    ds: Dataset,
    batch: int = BATCH,
    writers: int = WRITERS,
    check: bool = True,
    only_changed: bool = False,
    prune: bool = False,
) -> dict[str, int]:
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

    Each load records a hash of every named graph it wrote (a ``:NewsKGGraph``
    node). With `only_changed`, only the graphs whose hash differs are sent:
    a graph loaded before in another version is first taken out (as
    ``remove_document`` would), then written anew; the entity registry, which
    the others point into, goes along whenever anything does (MERGEd: it only
    grows). The result is then what loading the whole dataset into a database
    holding the earlier versions would give, less the stale facts of changed
    documents. With `prune` too, the graphs an earlier load wrote that `ds`
    no longer holds (documents that disappeared) are taken out.
    """
    if check:  # the whole input first: nothing is written from a graph that cannot be loaded
        check_loadable(ds)
    ensure_schema(store)
    with exclusive(store, "kg load"), _cyclic_gc_paused():
        if only_changed:
            hashes = graph_hashes(ds)
            names = set(hashes)
            later = None
        else:  # the hashes are only recorded at the end: made while the writers wait on the server
            names = graph_names(ds)
            later = _in_background(graph_hashes, ds)
        send, gone = set(names), set()
        if only_changed:
            before = {r["iri"]: r["hash"] for r in store.run(cypher.GRAPH_HASHES)}
            send = {g for g, h in hashes.items() if before.get(g) != h}
            if send and str(ENTITY_GRAPH) in hashes:
                send.add(str(ENTITY_GRAPH))
            gone = set(before) - set(hashes) if prune else set()
            for g in sorted(gone):
                _remove_graph(store, g)
            if gone and str(ENTITY_GRAPH) in hashes:
                send.add(str(ENTITY_GRAPH))  # what the removal took of the registry comes back
            for g in sorted(send - {str(ENTITY_GRAPH)}):
                if g in before:  # an earlier version of this document: out first, so that none of it stays
                    _remove_graph(store, g)
            if gone and not send:
                derive(store)
        if not send:
            if later:
                later()
            n, r = store.counts()
            return {
                "nodes": n,
                "relationships": r,
                "loaded_nodes": 0,
                "loaded_relationships": 0,
                "graphs_sent": 0,
                "graphs_unchanged": len(names),
                "graphs_removed": len(gone),
            }
        what = "loading into Neo4j" if send == names else f"loading {len(send)} changed of {len(names)} graphs"
        with progress(what, total=quad_count(ds, send), unit="triples") as advance:
            stats = _load(store, ds, max(1, batch), max(1, writers), advance, None if send == names else send)
        if later:
            hashes = later()
        store.run(cypher.SET_GRAPH_HASHES, {"rows": [{"iri": g, "hash": hashes[g]} for g in sorted(send)]}, write=True)
        return {
            **stats,
            "graphs_sent": len(send),
            "graphs_unchanged": len(names) - len(send),
            "graphs_removed": len(gone),
        }


def _load(
    store, ds: Dataset, batch: int, writers: int, advance: Callable[[int], None], graphs: set[str] | None = None
) -> dict[str, int]:
    graph = PropertyGraph(ds, advance, graphs)
    timeout = store.settings.query_timeout
    empty = store.counts()[0] == 0  # then there is nothing to look up before writing
    known: set[str] = set()  # nodes there before this load, or made meanwhile by another writer
    written: set[str] = set()  # nodes committed, so relationships may point at them
    lock = threading.Lock()

    def write(session, item: Batch | tuple[tuple[str, ...], list[dict]]) -> None:
        if isinstance(item, Batch):  # relationships
            _write(session, item)
            return
        labels, rows = item
        create, merge = cypher.node_statements(labels)
        there = set() if empty else store._existing(session, [r["iri"] for r in rows])
        new = [r for r in rows if r["iri"] not in there]
        if new and not _write(session, Batch(create, merge, new, timeout)):
            there.update(r["iri"] for r in new)
        old = [r for r in rows if r["iri"] in there]
        if old:
            _write(session, Batch(merge, merge, old, timeout))
        with lock:
            known.update(there)  # before `written`: whoever sees a node written knows whether it is new
            written.update(r["iri"] for r in rows)

    held: dict[tuple[str, int, bool], list[dict]] = defaultdict(list)  # ready relationships short of a batch

    def relationship_batches(
        rows: list[dict], merge_only: bool = False, hold: bool = False
    ) -> Iterator[tuple[int, Batch]]:
        """Batches by type, each in the lane of its start node; CREATE when an end is new.

        With `hold`, the rows of a type, lane and statement that do not fill a batch
        wait for the next call (every call without `hold` sends them): fewer, fuller
        transactions. Whether a row is CREATEd is decided here, once both its ends
        are written, when `known` holds all it ever will about them.
        """
        for row in rows:
            is_new = not merge_only and (row["s"] not in known or row["o"] not in known)
            held[(row["type"], hash(row["s"]) % writers, not is_new)].append(row)
        for key in sorted(held):
            group = held[key]
            if hold and len(group) < batch:
                continue
            del held[key]
            typ, lane, merged = key
            create, merge = cypher.relationship_statements(typ)
            for chunk in _chunks(group, batch):
                if hold and len(chunk) < batch:
                    held[key] = chunk
                    break
                yield lane, Batch(merge if merged else create, merge, chunk, timeout)

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
                yield from relationship_batches(ready, hold=True)
        for labels, rows in groups.items():
            count += 1
            yield count, (labels, rows)
        yield from relationship_batches([])  # what was held

    _write_in_lanes(store, stream(), write, writers)
    late_nodes, late_rels = graph.late_rows()  # met again in a later graph: merged, now complete
    late = ((0, (labels, rows, timeout)) for labels, rows in _label_batches(late_nodes, batch))
    _write_in_lanes(store, late, _write_merged_nodes, 1)
    jobs = [*relationship_batches(waiting), *relationship_batches(late_rels, merge_only=True)]
    _write_in_lanes(store, jobs, lambda session, job: _write(session, job), writers)

    derive(store)
    n, r = store.counts()
    return {
        "nodes": n,
        "relationships": r,
        "loaded_nodes": graph.node_count,
        "loaded_relationships": graph.relationship_count,
    }


def _write_in_lanes(store, items: Iterable[tuple[int, Any]], write: Callable[[Any, Any], Any], lanes: int) -> None:
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
            with store.session() as s:
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


def existing(session, iris: list[str]) -> set[str]:
    """The IRIs among these that already have a node (one indexed lookup)."""
    return set(session.execute_read(lambda tx: tx.run(cypher.EXISTING, iris=iris).value()))


# ------------------------------------------------------------ one writer at a time
@contextmanager
def exclusive(store, what: str):
    """Hold the database's write lock (a :NewsKGLock node) while the block runs.

    The node is unique on `name`, so two loaders cannot both create it; whoever
    holds it renews `beat` every few seconds, and a lock not renewed for
    `lock_stale` seconds (its process was killed) is taken over. A second load
    waits up to `lock_wait` seconds, then stops with a message naming the holder.
    """
    me = f"{what} pid {os.getpid()} on {socket.gethostname()} ({uuid.uuid4().hex[:8]})"
    stale_ms = int(store.settings.lock_stale * 1000)
    deadline = time.monotonic() + store.settings.lock_wait
    while True:
        got, holder, age = store.run(cypher.TAKE_LOCK, {"me": me, "stale": stale_ms}, write=True)[0].values()
        if got:
            break
        if time.monotonic() > deadline:
            raise Neo4jBusy(
                f"Neo4j at {mask(store.settings.uri)}: {holder} has been writing for {age / 1000:.0f} s; "
                f"waited {store.settings.lock_wait:g} s for it (NEO4J_LOCK_WAIT); run {what} again later"
            )
        time.sleep(0.2 + random.random() * 0.3)
    stop = threading.Event()
    lost: list[str] = []

    def renew() -> None:
        while not stop.wait(store.settings.lock_stale / 4):
            try:
                if not store.run(cypher.RENEW_LOCK, {"me": me}, write=True)[0]["mine"]:
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
            store.run(cypher.DROP_LOCK, {"me": me}, write=True)
        except Neo4jError:
            pass  # it goes stale and is taken over
    if lost:
        raise Neo4jError(
            f"{what} stopped renewing its lock for over {store.settings.lock_stale:g} s (NEO4J_LOCK_STALE) "
            "and another writer took over; run it again"
        )


def remove_document(store, graph_iri: str) -> dict[str, int]:
    """Take one article's named graph out; shared nodes stay while another graph holds them."""
    ensure_schema(store)
    with exclusive(store, "kg remove"):
        return _remove(store, graph_iri)


def _remove(store, graph_iri: str) -> dict[str, int]:
    before = store.counts()
    with store.session() as s:
        found = s.execute_read(store.timed(lambda tx: tx.run(cypher.COUNT_IN_GRAPH, g=graph_iri).single()["c"]))
    if not found:
        raise QueryError(f"no document graph {graph_iri} in the database")
    _remove_graph(store, graph_iri)
    derive(store)
    after = store.counts()
    return {"nodes_removed": before[0] - after[0], "relationships_removed": before[1] - after[1]}


def _remove_graph(store, graph_iri: str) -> None:
    """The statements that take a named graph out (the caller holds the write lock and derives afterwards)."""
    suffix = _json_tail(graph_iri)[len(',"g":') :]
    with store.session() as s:
        for st in cypher.REMOVE:
            s.execute_write(
                store.timed(
                    lambda tx, c=st: tx.run(c, g=graph_iri, suffix=suffix, entities=str(ENTITY_GRAPH)).consume()
                )
            )


_DONE = object()  # the end of a writer's queue


def _in_background(work: Callable, *args) -> Callable[[], Any]:
    """Start work(*args) in a thread; the function returned waits for its result (or raises its error)."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = work(*args)
        except BaseException as e:  # raised in the caller by the function returned
            out["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result():
        thread.join()
        if "error" in out:
            raise out["error"]
        return out["value"]

    return result


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
    merge = cypher.node_statements(labels)[1]
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
