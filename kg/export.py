"""Reading and writing RDF in every format NewsKG supports, registered in one table.

Files are written atomically (kg/output.py: to a temporary file in the same
folder, then renamed), so a failed write never leaves a half-written graph behind.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal

from .errors import RdfError
from .output import write_atomic  # noqa: F401  (kg.views and the CLI write through it)
from .rdf import bind_prefixes, new_dataset
from .resources import read_text

# name -> (rdflib format, file suffix, keeps named graphs)
FORMATS: dict[str, tuple[str, str, bool]] = {
    "ttl": ("turtle", ".ttl", False),
    "nt": ("nt", ".nt", False),
    "nq": ("nquads", ".nq", True),
    "trig": ("trig", ".trig", True),
    "jsonld": ("json-ld", ".jsonld", True),
}
SUFFIXES = {suffix: name for name, (_, suffix, _) in FORMATS.items()} | {".json": "jsonld", ".turtle": "ttl"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise RdfError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise RdfError(f"{path}: cannot tell the RDF format from the suffix; pass --format")
    return SUFFIXES[suffix]


def jsonld_context() -> dict:
    return json.loads(read_text("ontology", "context.jsonld"))


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one graph, literals in RDF 1.1 canonical form:
    "x"^^xsd:string and "x" are the same literal, whichever store or format they came through."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        g.add((s, p, o))
    return g


def _oxigraph(ds: Dataset) -> bool:
    return type(ds.store).__name__ == "OxigraphStore"


def serialize(ds: Dataset, fmt: str) -> bytes:
    rdflib_fmt, _, keeps_graphs = FORMATS[fmt]
    if _oxigraph(ds) and fmt in ("nq", "trig"):
        return ds.serialize(format=f"ox-{rdflib_fmt}", encoding="utf-8")  # Oxigraph's own fast writers
    target: Graph | Dataset = ds if keeps_graphs else union_graph(ds)
    kwargs = {"context": jsonld_context()["@context"], "auto_compact": True} if fmt == "jsonld" else {}
    data = target.serialize(format=rdflib_fmt, encoding="utf-8", **kwargs)
    return data


def write(ds: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    path = Path(path)
    write_atomic(path, serialize(ds, format_for(path, fmt)))
    return path


def read(path: str | Path, fmt: str | None = None, store: str = "memory") -> Dataset:
    """Parse an RDF file into a Dataset; any problem is one RdfError line."""
    path = Path(path)
    if not path.is_file():
        raise RdfError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise RdfError(f"{path}: empty file")
    name = format_for(path, fmt)
    ds = new_dataset(store)
    parser = (
        f"ox-{FORMATS[name][0]}" if store == "oxigraph" and name in ("nq", "trig", "nt", "ttl") else FORMATS[name][0]
    )
    try:
        ds.parse(str(path), format=parser)
    except Exception as e:  # rdflib raises many unrelated types for bad input
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise RdfError(f"{path}: not valid {name} ({first[:200]})") from None
    bind_prefixes(ds)
    return ds


def require_newskg(ds: Dataset) -> None:
    """Refuse an empty dataset, or one with no node of a NewsKG class (RDF, but not ours)."""
    from rdflib import RDF

    from .rdf import KG

    if next(iter(ds.quads((None, None, None, None))), None) is None:
        raise RdfError("holds no triples")
    if not any(str(o).startswith(str(KG)) for _, _, o, _ in ds.quads((None, RDF.type, None, None))):
        raise RdfError(f"not a NewsKG graph: no node has a class of <{KG}>; kg build writes such graphs")
