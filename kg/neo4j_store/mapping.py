"""RDF to Neo4j rows: which node, labels, properties and relationships each quad becomes.

* every IRI that is a subject becomes one ``:Resource`` node, unique on ``iri``,
  with labels from its ontology classes and their ancestors in ontology/kg.ttl
  (``:Country:Actor:Entity``, ``:Deployment:Event``, ``:Claim``...);
* a triple whose object is another typed IRI becomes a relationship named after
  the predicate (``kg:agent`` -> ``AGENT``, ``kg:fromDocument`` -> ``FROM_DOCUMENT``);
* literals and untyped IRIs become readable properties (``label_en``,
  ``label_ar``, ``date``, ``evidence``, ``categories``, ``certainty``, ``wikidata``...);
* every node keeps the exact RDF it came from in ``rdf`` (one JSON string per
  quad) and every node and relationship the named graphs it appears in (``graphs``).

Nothing here talks to a server: the unit tests run it alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import OWL, SKOS
from rdflib.plugins.stores.memory import Memory

from .. import ontology
from ..errors import Neo4jError, RdfError
from ..model import ENTITY_TYPES, EVENT_TYPES
from .cypher import NAME as _NAME
from .cypher import checked as _checked

_PARENTS = ontology.parents()  # each kg: class -> its kg: superclass, from ontology/kg.ttl
_ancestors = ontology.ancestors


# The kinds of organisation, most specific first (a MilitaryUnit is an ArmedForce), for the readable type.
_ORG_KINDS = tuple(ontology.descendants("Organization"))
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

    def __init__(self, ds: Dataset, advance: Callable[[int], None] | None = None, graphs: set[str] | None = None):
        self.store = ds.store
        self.typed = _types(ds)  # from every graph, also those not handed out: what a link points at may be there
        self.graphs = graphs  # the named graphs to hand out (None: all)
        self._advance = advance  # told how many quads each named graph held, once it is read
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
        if self.graphs is not None:
            contexts = [c for c in contexts if _graph_name(c) in self.graphs]
        for ctx in contexts:
            gname = _graph_name(ctx)
            fresh: dict[str, list] = {}  # subjects first met in this graph -> their relationship keys
            for s, p, o in _triples_of(self.store, ctx):
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
            if self._advance:
                self._advance(len(ctx))

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


def quad_count(ds: Dataset, graphs: set[str] | None = None) -> int:
    """How many quads a dataset holds, over all its named graphs (or those named)."""
    return sum(len(ctx) for ctx in ds.store.contexts() if graphs is None or _graph_name(ctx) in graphs)


def graph_hashes(ds: Dataset) -> dict[str, str]:
    """Each named graph -> a hash of its content (its sorted quads): equal when the graph is the same."""
    out = {}
    for ctx in ds.store.contexts():
        lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in _triples_of(ds.store, ctx))
        if lines:
            out[_graph_name(ctx)] = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return out


def graph_names(ds: Dataset) -> set[str]:
    """The named graphs that hold any quad: the keys graph_hashes gives, without hashing."""
    return {_graph_name(ctx) for ctx in ds.store.contexts() if len(ctx)}


def _triples_of(store, ctx) -> Iterable[tuple]:
    """The triples of one named graph.

    From rdflib's Memory store (what Dataset() and every file parsed into one use)
    straight out of its per-graph index: ``store.triples`` also makes, for every
    triple, a generator of the graphs it is in, which nothing here reads, and that
    was most of the time of each pass over a big dataset. Any other store: its
    ``triples``.
    """
    if type(store) is Memory:
        index = getattr(store, "_Memory__contextTriples", None)
        to_key = getattr(store, "_Memory__ctx_to_str", None)
        if index is not None and to_key is not None:
            return index.get(to_key(ctx), ())
    return (t for t, _ in store.triples((None, None, None), ctx))


def _graph_name(ctx) -> str:
    return str(ctx.identifier if hasattr(ctx, "identifier") else ctx)


def check_loadable(ds: Dataset) -> None:
    """Refuse, before anything is written, a dataset whose links cannot all become relationships.

    Every predicate that links two typed IRIs becomes a relationship type, so each
    must give a name Neo4j can take; the first that does not is named.
    """
    typed = {s for (s, _, _), _ in ds.store.triples((None, RDF.type, None), None)}
    by_predicate = getattr(ds.store, "_Memory__pos", None) if type(ds.store) is Memory else None
    if by_predicate is not None:  # only a predicate that gives no name needs its objects looked at
        unnamed = []
        for p in by_predicate:
            if p != RDF.type:
                try:
                    rel_type(str(p))
                except Neo4jError:
                    unnamed.append(p)
        if not any(type(o) is URIRef and o in typed for p in unnamed for o in by_predicate[p]):
            return
    for (_, p, o), _ in ds.store.triples((None, None, None), None):
        if type(o) is URIRef and o in typed and p != RDF.type:
            try:
                rel_type(str(p))
            except Neo4jError:
                raise RdfError(
                    f"predicate <{p}> links two nodes but gives no Neo4j relationship type "
                    f"({local_name(str(p))!r} is not a name); nothing was written"
                ) from None
