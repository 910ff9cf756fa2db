"""Extractions -> an rdflib Dataset: one named graph per document, ontology terms.

IRIs are minted in one place (:func:`iri`) from normalised keys, so the same
entity gets the same IRI in every run and every document, and the same input
always gives the same graph.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from . import __version__, ontology
from .errors import KgError
from .ingest import detect_language
from .model import Claim, Document, Entity, Event, Evidence, Extraction

KG = Namespace("https://w3id.org/newskg/ontology#")
ID = Namespace("https://w3id.org/newskg/id/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
BUILD_GRAPH = ID["graph/build"]
# Entity descriptions (types, labels, Wikidata links) live once in their own graph;
# document graphs refer to the entities by IRI.
ENTITY_GRAPH = ID["graph/entities"]

# Finer organisation kinds of the lexicon -> ontology classes: every subclass of kg:Organization in
# ontology/kg.ttl under its own name, and the lexicon's one other name for one of them.
KIND_CLASSES = {
    **{kind: KG[kind] for kind in ontology.descendants("Organization")},
    "Alliance": KG.InternationalOrganization,
}

__all__ = ["KG", "ID", "iri", "to_dataset", "bind_prefixes"]


def iri(kind: str, *parts: str) -> URIRef:
    """The one place IRIs are made. Parts are percent-encoded, so any text is safe."""
    safe = "/".join(quote(p, safe="-_.~") for p in parts)
    return ID[f"{kind}/{safe}"]


def entity_iri(key: str) -> URIRef:
    kind, _, rest = key.partition("/")
    return iri(kind, *rest.split("/"))


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def build_run_iri(when: str, doc_ids: Iterable[str]) -> URIRef:
    """The IRI of one build: its time and the sorted ids of the documents it used, hashed as they stream by
    (the same as _digest(when, *doc_ids)). A rebuild is a new activity, never a second time on the old one."""
    h = hashlib.sha256(when.encode("utf-8"))
    for d in doc_ids:
        h.update(b"\x1f" + d.encode("utf-8"))
    return iri("build", h.hexdigest()[:16])


def event_iri(doc_id: str, ev: Event) -> URIRef:
    return iri("event", doc_id, _digest(*ev.key()))


def claim_iri(doc_id: str, c: Claim) -> URIRef:
    return iri("claim", doc_id, _digest(*c.about, c.claimant, c.certainty))


def evidence_iri(doc_id: str, e: Evidence) -> URIRef:
    return iri("evidence", doc_id, f"{e.span.start}-{e.span.end}")


def doc_iri(doc_id: str) -> URIRef:
    return iri("doc", doc_id)


def graph_iri(doc_id: str) -> URIRef:
    return iri("graph", doc_id)


def bind_prefixes(g: Graph | Dataset) -> None:
    for prefix, ns in (("kg", KG), ("id", ID), ("schema", SCHEMA), ("wd", WD), ("prov", PROV), ("skos", SKOS)):
        g.bind(prefix, ns, replace=True)


def _text(value: str) -> Literal:
    """A plain string literal (RDF 1.1: the same as xsd:string; see export.union_graph)."""
    return Literal(value)


def _date_literal(value: str) -> Literal:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return _text(value)


def _add_entity(g: Graph, ent: Entity) -> URIRef:
    node = entity_iri(ent.key)
    g.add((node, RDF.type, KG[ent.type]))
    if ent.kind in KIND_CLASSES:
        g.add((node, RDF.type, KIND_CLASSES[ent.kind]))
    for lang in ("en", "ar"):
        names = ent.labels.get(lang) or []
        if not names:
            continue
        g.add((node, RDFS.label, Literal(names[0], lang=lang)))
        g.add((node, SKOS.prefLabel, Literal(names[0], lang=lang)))
        for alt in names[1:]:
            g.add((node, SKOS.altLabel, Literal(alt, lang=lang)))
    if ent.qid:
        g.add((node, OWL.sameAs, WD[ent.qid]))
    if ent.country:
        g.add((node, KG.country, entity_iri(ent.country)))
    for lang, titles in sorted(ent.office.items()):
        for title in titles:
            g.add((node, KG.office, Literal(title, lang=lang)))
    return node


def _in_language_of(text: str, doc: Document) -> Literal:
    """The text tagged with its own language: an Arabic sentence quoted in an English record is @ar."""
    lang = detect_language(text) if any(c.isalpha() for c in text) else doc.lang
    return Literal(text, lang=lang)


def _add_evidence(g: Graph, doc: Document, subject: URIRef, evidence: list[Evidence]) -> None:
    for e in evidence:
        g.add((subject, KG.evidence, _in_language_of(e.text, doc)))
        span = evidence_iri(doc.id, e)
        g.add((subject, KG.hasEvidence, span))
        g.add((span, RDF.type, KG.EvidenceSpan))
        g.add((span, KG.quote, _in_language_of(e.text, doc)))
        g.add((span, KG.startOffset, Literal(e.span.start, datatype=XSD.integer)))
        g.add((span, KG.endOffset, Literal(e.span.end, datatype=XSD.integer)))
        g.add((span, KG.inDocument, doc_iri(doc.id)))


def _add_document(g: Graph, doc: Document, extractor: str) -> URIRef:
    node = doc_iri(doc.id)
    g.add((node, RDF.type, KG.Article))
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, KG.source, _text(doc.source)))
    g.add((node, KG.language, _text(doc.lang)))
    g.add((node, KG.sha256, _text(hashlib.sha256(doc.text.encode("utf-8")).hexdigest())))
    if doc.title:
        g.add((node, KG["title"], _in_language_of(doc.title, doc)))
    if doc.url:
        g.add((node, KG.url, Literal(doc.url, datatype=XSD.anyURI)))
    if doc.published:
        g.add((node, KG.published, _date_literal(doc.published[:10])))
    activity = iri("activity", doc.id, extractor)
    g.add((node, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, KG.extractor, _text(extractor)))
    g.add((activity, PROV.wasAssociatedWith, iri("software", f"newskg-{__version__}")))
    return node


def add_extraction(ds: Dataset, ex: Extraction) -> Graph:
    """Write one document's facts into its own named graph (entities are described in ENTITY_GRAPH)."""
    doc = ex.document
    g = ds.graph(graph_iri(doc.id))
    dnode = _add_document(g, doc, ex.extractor)
    for key in sorted({m.entity for m in ex.mentions}):
        g.add((dnode, KG.mentions, entity_iri(key)))
    for ev in ex.events:
        node = event_iri(doc.id, ev)
        g.add((node, RDF.type, KG[ev.type]))
        for prop, value in (
            ("agent", ev.agent),
            ("recipient", ev.recipient),
            ("affected", ev.affected),
            ("location", ev.location),
        ):
            if value:
                g.add((node, KG[prop], entity_iri(value)))
        if ev.category:
            g.add((node, KG.aidCategory, KG[ev.category]))
        if ev.date:
            g.add((node, KG.date, _date_literal(ev.date)))
        if ev.count is not None:
            g.add((node, KG["count"], Literal(ev.count, datatype=XSD.integer)))
        for outlet in sorted(ev.reported_by):
            g.add((node, KG.reportedBy, entity_iri(outlet)))
        g.add((node, KG.fromDocument, dnode))
        g.add((node, PROV.wasDerivedFrom, dnode))
        _add_evidence(g, doc, node, ev.evidence)
    events = {ev.key(): ev for ev in ex.events}
    for c in ex.claims:
        node = claim_iri(doc.id, c)
        g.add((node, RDF.type, KG.Claim))
        g.add((node, RDF.type, SCHEMA.Claim))
        g.add((node, KG.about, event_iri(doc.id, events[c.about])))
        g.add((node, KG.certainty, KG[c.certainty]))
        if c.claimant:
            g.add((node, KG.claimant, entity_iri(c.claimant)))
        for outlet in sorted(c.reported_by):
            g.add((node, KG.reportedBy, entity_iri(outlet)))
        if c.date:
            g.add((node, KG.date, _date_literal(c.date)))
        g.add((node, KG.fromDocument, dnode))
        g.add((node, PROV.wasDerivedFrom, dnode))
        _add_evidence(g, doc, node, c.evidence)
    return g


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


STORES = ("memory", "oxigraph")


def new_dataset(store: str = "memory") -> Dataset:
    """An empty Dataset: rdflib's in-memory store, or Oxigraph (oxrdflib) for big graphs."""
    if store == "memory":
        return Dataset()
    if store == "oxigraph":
        try:
            import oxrdflib  # noqa: F401  (registers the "Oxigraph" store)
        except ImportError:
            raise KgError("the oxigraph store needs oxrdflib: pip install 'newskg[fast]'") from None
        return Dataset(store="Oxigraph")
    raise KgError(f"unknown store {store!r}; use one of {', '.join(STORES)}")


def add_entity_graph(g: Graph, entities: dict[str, Entity]) -> None:
    """The descriptions of all entities, in the graph ENTITY_GRAPH."""
    for key in sorted(entities):
        _add_entity(g, entities[key])


def to_dataset(extractions: list[Extraction], entities: dict[str, Entity], store: str = "memory") -> Dataset:
    ds = new_dataset(store)
    bind_prefixes(ds)
    for ex in extractions:
        add_extraction(ds, ex)
    add_entity_graph(ds.graph(ENTITY_GRAPH), entities)
    build = ds.graph(BUILD_GRAPH)
    when = build_time().isoformat()
    run = build_run_iri(when, sorted(ex.document.id for ex in extractions))
    build.add((run, RDF.type, PROV.Activity))
    build.add((run, PROV.endedAtTime, Literal(when, datatype=XSD.dateTime)))
    build.add((run, PROV.wasAssociatedWith, iri("software", f"newskg-{__version__}")))
    for ex in extractions:
        build.add((run, PROV.used, doc_iri(ex.document.id)))
        build.add((run, KG.extractor, _text(ex.extractor)))
    return ds
