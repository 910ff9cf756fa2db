"""A build a few articles at a time: bounded memory, worker processes or Dask, and a cache.

Articles are read one unit at a time (:func:`kg.ingest.units`) and sent in batches to
workers, which parse, extract, turn each document into its named graph, validate that
graph and serialise it (:func:`work`). The main process keeps only what comes back, in
input order, in a SQLite file in the build folder (``build-cache.sqlite``): per document
its content hash, the code version, its TriG block, its pattern entities and the
document itself. The graph is written from there at the end, document graphs sorted by IRI,
then the entity descriptions merged from a compact registry (kg.resolve.EntityTable), then
the build's provenance. Everything is sorted, so the bytes are the same however many
workers ran, in which order results came, or which documents were taken from the cache.

The cache makes builds incremental: a document whose content hash and code version are
in the previous build's cache is not extracted again. Documents the sources no longer
hold stay in the graph unless ``prune`` is set.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sqlite3
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.serializers.trig import TrigSerializer

from . import __version__
from .errors import InputError, KgError, ValidationError
from .ingest import Unit, document_of
from .model import Document, Extraction

CACHE = "build-cache.sqlite"  # in the build folder
BATCH = 16  # articles per task sent to a worker
SCHEMA_VERSION = "2"
_ID = "https://w3id.org/newskg/id/"  # kg.rdf.ID


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and data a document's graph depends on: any change means extracting again."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"newskg-{__version__}/{SCHEMA_VERSION}".encode())
    files = [*root.glob("*.py"), *root.glob("extract/*.py"), *root.glob("lexicons/*.json")]
    files += [root.parent / "ontology" / "shapes.ttl"] if (root.parent / "ontology").is_dir() else []
    for f in sorted(files):
        if f.name in ("cli.py", "views.py", "query.py", "report.py", "analytics.py"):
            continue  # nothing of a document's graph comes from these
        h.update(f.relative_to(root.parent).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:20]


def content_hash(doc: Document) -> str:
    """What a document's graph is made from: its text and metadata (not where it was read)."""
    fields = [doc.id, doc.text, doc.source, doc.lang, doc.title, doc.published, doc.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ one document's graph


class _TrigWriter(TrigSerializer):
    """rdflib's TriG writer, byte for byte, made faster for NewsKG graphs: no IRI under ID ever gets a
    prefixed name (their local parts hold "/"), so it is not looked for; other names are remembered."""

    _names: dict[str, tuple[str, str, str] | None] = {}

    def get_pname(self, uri, gen_prefix: bool = True):
        if not isinstance(uri, URIRef) or uri.startswith(_ID):
            return super().get_pname(uri, gen_prefix) if not isinstance(uri, URIRef) else None
        key = (uri, gen_prefix)
        if key not in self._names:
            pname = super().get_pname(uri, gen_prefix)
            self._names[key] = None if pname is None else (pname, *self._namespace_of(pname))
        found = self._names[key]
        if found is None:
            return None
        pname, prefix, namespace = found
        self.addNamespace(prefix, namespace)
        return pname

    def _namespace_of(self, pname: str) -> tuple[str, str]:
        prefix = pname.split(":", 1)[0]
        return prefix, self.namespaces[prefix]


def _serialised(ds: Dataset) -> tuple[str, list[str]]:
    """The TriG of a dataset holding one named graph: its block ("<g> {...}\n") and the prefix lines used."""
    buf = io.BytesIO()
    _TrigWriter(ds).serialize(buf, encoding="utf-8")
    text = buf.getvalue().decode("utf-8")
    lines = text.split("\n")
    prefixes = [line for line in lines if line.startswith("@prefix ")]
    body = "\n".join(lines[len(prefixes) :])
    return body.strip("\n") + "\n", prefixes


def render(ex: Extraction) -> tuple[Dataset, str, list[str]]:
    """One extraction as a dataset, its TriG block and prefixes."""
    from .rdf import add_extraction, bind_prefixes

    ds = Dataset()
    bind_prefixes(ds)
    add_extraction(ds, ex)
    block, prefixes = _serialised(ds)
    return ds, block, prefixes


def check_graphs(datasets: list[Dataset], what: str) -> None:
    """SHACL validation of some document graphs together (every shape concerns one document's nodes)."""
    from rdflib import XSD, Literal

    from .validate import violations

    union = Graph()
    for ds in datasets:
        for s, p, o, _ in ds.quads((None, None, None, None)):
            if isinstance(o, Literal) and o.datatype == XSD.string:  # as export.union_graph, for the same check
                o = Literal(str(o))
            union.add((s, p, o))
    found = violations(union)
    if found:
        raise ValidationError(f"{what}: graph breaks {len(found)} SHACL constraint(s); first: {found[0]}")


@dataclass
class Piece:
    """What a worker sends back for one document."""

    doc_id: str
    graph: str  # the named graph's IRI
    digest: str  # content_hash
    block: bytes  # zlib of the TriG block
    prefixes: str  # the prefix lines it uses, joined by newlines
    entities: bytes  # pickle of the pattern entities (key -> Entity)
    used: str  # JSON list of the entity keys it refers to
    document: bytes  # zlib of the pickled Document, to extract again when a key is renamed or the code changed
    events: int
    claims: int


@dataclass
class Cached:
    """A document the previous build made from the same content with the same code."""

    doc_id: str


Result = Piece | Cached | InputError


def piece(ex: Extraction, digest: str) -> tuple[Piece, Dataset]:
    from .rdf import graph_iri
    from .resolve import used_keys

    ds, block, prefixes = render(ex)
    p = Piece(
        doc_id=ex.document.id,
        graph=str(graph_iri(ex.document.id)),
        digest=digest,
        block=zlib.compress(block.encode("utf-8"), 3),
        prefixes="\n".join(prefixes),
        entities=pickle.dumps(ex.entities, protocol=pickle.HIGHEST_PROTOCOL),
        used=json.dumps(sorted(used_keys(ex)), ensure_ascii=False),
        document=zlib.compress(pickle.dumps(ex.document, protocol=pickle.HIGHEST_PROTOCOL), 1),
        events=len(ex.events),
        claims=len(ex.claims),
    )
    return p, ds


def work(items: list[Unit | InputError], extractor: str, validate: bool, known: dict[str, str]) -> list[Result]:
    """A batch of articles -> one result each (in order; a blank JSON line gives none).

    `known` maps document ids to the content hash the cache holds for them with this code.
    A failed SHACL check raises ValidationError: the build stops, as a whole-graph check would.
    """
    from .extract import get_extractor

    ex_ = get_extractor(extractor)
    out: list[Result] = []
    made: list[tuple[str, Dataset]] = []
    for item in items:
        if isinstance(item, InputError):
            out.append(item)
            continue
        try:
            doc = document_of(item)
        except InputError as e:
            out.append(e)
            continue
        if doc is None:
            continue
        digest = content_hash(doc)
        if known.get(doc.id) == digest:
            out.append(Cached(doc.id))
            continue
        try:
            ex = ex_.extract(doc)
        except Exception as e:  # a bug in the extractor: leave this document out, say which, go on
            out.append(
                InputError(f"{doc.source}: the extractor failed ({type(e).__name__}: {e}); please report this bug")
            )
            continue
        p, ds = piece(ex, digest)
        out.append(p)
        made.append((doc.source, ds))
    if validate and made:
        check_graphs([ds for _, ds in made], made[0][0] if len(made) == 1 else f"{made[0][0]} .. {made[-1][0]}")
    return out


_known: dict[str, str] = {}


def _init_worker(known: dict[str, str]) -> None:
    global _known
    _known = known


def _work_in_pool(items: list[Unit | InputError], extractor: str, validate: bool) -> list[Result]:
    return work(items, extractor, validate, _known)


def build_block(doc_ids: Iterable[str], by_graph: Iterable[str], extractors: list[str]) -> tuple[str, list[str]]:
    """The TriG block of the build graph, as rdf.to_dataset makes it and rdflib writes it, written a line
    at a time: `doc_ids` sorted (for the build's IRI), `by_graph` the same ids in the order of their IRIs."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    from .rdf import BUILD_GRAPH, build_run_iri, build_time, doc_iri, iri

    when = build_time().isoformat()
    run = build_run_iri(when, doc_ids)
    used = ",\n            ".join(doc_iri(d).n3() for d in by_graph)
    software = iri("software", f"newskg-{__version__}")
    ended = Literal(when, datatype=XSD.dateTime).n3().replace(f"<{XSD}dateTime>", "xsd:dateTime")
    lines = [
        f"{BUILD_GRAPH.n3()} {{",
        f"    {run.n3()} a prov:Activity ;",
        f"        prov:endedAtTime {ended} ;",
        f"        prov:used {used} ;",
        f"        prov:wasAssociatedWith {software.n3()} ;",
        f"        kg:extractor {', '.join(Literal(e).n3() for e in extractors)} .",
        "}",
    ]
    prefixes = [
        "@prefix kg: <https://w3id.org/newskg/ontology#> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    return "\n".join(lines) + "\n", prefixes


# ------------------------------------------------------------------ running the batches


def batches(items: Iterable[Unit | InputError], size: int = BATCH) -> Iterator[list[Unit | InputError]]:
    batch: list[Unit | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    items: Iterable[Unit | InputError],
    extractor: str,
    validate: bool,
    known: dict[str, str],
    jobs: int = 1,
    dask: str | None = None,
) -> Iterator[tuple[int, list[Result]]]:
    """(articles in the batch, their results) for each batch, in input order, on the chosen engine."""
    if dask:
        yield from _run_dask(items, extractor, validate, known, jobs, dask)
        return
    if jobs <= 1:
        for batch in batches(items):
            yield _articles(batch), work(batch, extractor, validate, known)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .lexicon import load_lexicon

    load_lexicon()  # once here: forked workers share it instead of each building its own
    if validate:
        import pyshacl  # noqa: F401  (likewise: imported once, not in every worker)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(known,)) as pool:
        yield from _windowed(items, lambda b: pool.submit(_work_in_pool, b, extractor, validate), jobs)


def _articles(batch: list[Unit | InputError]) -> int:
    return sum(1 for item in batch if isinstance(item, Unit))


def _windowed(items, submit: Callable, jobs: int) -> Iterator[tuple[int, list[Result]]]:
    """Keep a few batches per worker in flight, and hand results back in the order submitted."""
    pending: deque = deque()
    try:
        for batch in batches(items):
            pending.append((_articles(batch), submit(batch)))
            if len(pending) >= 3 * jobs:
                n, fut = pending.popleft()
                yield n, fut.result()
        while pending:
            n, fut = pending.popleft()
            yield n, fut.result()
    finally:
        for _, fut in pending:
            fut.cancel()


def _run_dask(items, extractor, validate, known, jobs, address) -> Iterator[tuple[int, list[Result]]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgError("--dask needs dask.distributed: pip install 'newskg[dask]'") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=max(jobs, 1), threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except (OSError, ValueError) as e:  # no answer in time, refused, or not an address
        raise KgError(f"cannot reach the Dask scheduler {address}: {e}") from None
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        shared = client.scatter([known], broadcast=True)[0]  # a list: a dict would be scattered key by key
        yield from _windowed(items, lambda b: client.submit(work, b, extractor, validate, shared, pure=False), workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------ the cache


COLUMNS = "graph, doc_id, digest, version, block, prefixes, entities, used, document, events, claims"


class Cache:
    """The build folder's SQLite file: one row per document of the graph."""

    def __init__(self, path: Path, extractor: str) -> None:
        self.path = path
        self.version = f"{code_version()}:{extractor}"  # the code and the extractor a row was made with
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS docs (graph TEXT PRIMARY KEY, seq INTEGER NOT NULL, doc_id TEXT NOT NULL,"
            " digest TEXT NOT NULL,"
            " version TEXT NOT NULL, block BLOB NOT NULL, prefixes TEXT NOT NULL, entities BLOB NOT NULL,"
            " used TEXT NOT NULL, document BLOB NOT NULL, events INTEGER NOT NULL, claims INTEGER NOT NULL)"
        )
        self.db.execute("BEGIN")
        self.old = False
        self.seq = 0  # the order documents were read in: the entity registry merges names in this order

    def attach_previous(self, previous: Path) -> dict[str, str]:
        """The previous build's cache, read-only: doc id -> content hash of the rows made by today's code."""
        if not previous.is_file():
            return {}
        try:
            self.db.execute("ATTACH DATABASE ? AS old", (f"file:{previous}?mode=ro",))
        except sqlite3.Error:
            try:
                self.db.execute("ATTACH DATABASE ? AS old", (previous.as_uri() + "?mode=ro",))
            except sqlite3.Error:
                return {}
        try:
            self.db.execute(f"SELECT seq, {COLUMNS} FROM old.docs LIMIT 0")  # the same layout, or start afresh
            rows = self.db.execute("SELECT doc_id, digest FROM old.docs WHERE version = ?", (self.version,))
            known = dict(rows.fetchall())
        except sqlite3.Error:  # an older or damaged file: build from scratch
            self.db.execute("DETACH DATABASE old")
            return {}
        self.old = True
        return known

    def add(self, p: Piece) -> bool:
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO docs (seq, {COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (self._next(), p.graph, p.doc_id, p.digest, self.version, p.block, p.prefixes, p.entities, p.used,
             p.document, p.events, p.claims),
        )  # fmt: skip
        return cur.rowcount == 1

    def take_previous(self, doc_id: str) -> bool:
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO docs (seq, {COLUMNS}) SELECT ?, {COLUMNS} FROM old.docs WHERE doc_id = ?",
            (self._next(), doc_id),
        )
        return cur.rowcount == 1

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def keep_the_rest(self) -> int:
        """Every document of the previous build that this one did not read (no --prune)."""
        if not self.old:
            return 0
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO docs (seq, {COLUMNS}) SELECT seq + ?, {COLUMNS} FROM old.docs ORDER BY seq",
            (self.seq,),
        )
        return cur.rowcount

    def stale(self) -> list[str]:
        """Graphs kept from the previous build but made by other code: to extract again from their stored text."""
        return [g for (g,) in self.db.execute("SELECT graph FROM docs WHERE version != ?", (self.version,))]

    def document(self, graph: str) -> Document:
        (blob,) = self.db.execute("SELECT document FROM docs WHERE graph = ?", (graph,)).fetchone()
        return pickle.loads(zlib.decompress(blob))

    def replace(self, p: Piece) -> None:
        """A row made again (same document, today's code), in the place of the old one."""
        self.db.execute(
            "UPDATE docs SET digest=?, version=?, block=?, prefixes=?, entities=?, used=?, document=?, events=?,"
            " claims=? WHERE graph = ?",
            (p.digest, self.version, p.block, p.prefixes, p.entities, p.used, p.document, p.events, p.claims,
             p.graph),
        )  # fmt: skip

    def count(self) -> tuple[int, int, int]:
        n, events, claims = self.db.execute("SELECT COUNT(*), SUM(events), SUM(claims) FROM docs").fetchone()
        return n, events or 0, claims or 0

    def registry_rows(self) -> Iterator[tuple[str, dict, list[str]]]:
        """(graph, pattern entities, used keys) of every document, in the order they were read."""
        for graph, entities, used in self.db.execute("SELECT graph, entities, used FROM docs ORDER BY seq"):
            yield graph, pickle.loads(entities), json.loads(used)

    def prefixes(self) -> set[str]:
        out: set[str] = set()
        for (p,) in self.db.execute("SELECT DISTINCT prefixes FROM docs"):
            out |= set(filter(None, p.split("\n")))
        return out

    def blocks(self) -> Iterator[tuple[str, str]]:
        for graph, block in self.db.execute("SELECT graph, block FROM docs ORDER BY graph"):
            yield graph, zlib.decompress(block).decode("utf-8")

    def doc_ids(self, by_graph: bool = False) -> Iterator[str]:
        order = "graph" if by_graph else "doc_id"
        for (d,) in self.db.execute(f"SELECT doc_id FROM docs ORDER BY {order}"):
            yield d

    def close(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        if self.old:
            self.db.execute("DETACH DATABASE old")
        self.db.close()


def cache_path(folder: Path) -> Path:
    return folder / CACHE


def remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
