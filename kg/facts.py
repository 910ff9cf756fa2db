"""Read a built graph (any RDF Dataset) back into plain Python records.

Views, analytics and the Neo4j loader's convenience relationships all start
from these records, so they work the same on a graph built a minute ago or on
one exported from Neo4j.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from .export import union_graph
from .model import ENTITY_TYPES, EVENT_TYPES
from .rdf import KG


@dataclass
class EntityRec:
    iri: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # every name it has (labels and alternative labels), any language

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ar") or self.iri.rsplit("/", 1)[-1]


@dataclass
class EventRec:
    iri: str
    type: str
    agent: str | None = None
    recipient: str | None = None
    affected: str | None = None
    location: str | None = None
    categories: list[str] = field(default_factory=list)
    date: str | None = None
    count: int | None = None
    evidence: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)


@dataclass
class ClaimRec:
    iri: str
    about: str
    certainty: str
    claimant: str | None = None
    evidence: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


@dataclass
class DocRec:
    iri: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass
class Facts:
    entities: dict[str, EntityRec]
    events: dict[str, EventRec]
    claims: dict[str, ClaimRec]
    documents: dict[str, DocRec]


def _local(node) -> str:
    return str(node).rsplit("#", 1)[-1]


def _one(ds: Dataset, s, p) -> str | None:
    vals = sorted(str(o) for o in ds.objects(s, p))
    return vals[0] if vals else None


def read_facts(ds: Dataset) -> Facts:
    union = union_graph(ds)
    entities: dict[str, EntityRec] = {}
    events: dict[str, EventRec] = {}
    claims: dict[str, ClaimRec] = {}
    docs: dict[str, DocRec] = {}
    types: dict[URIRef, set[str]] = defaultdict(set)
    for s, o in union.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(o).startswith(str(KG)):
            types[s].add(_local(o))
    for s, ts in types.items():
        ent_type = next((t for t in ENTITY_TYPES if t in ts), None)
        ev_type = next((t for t in EVENT_TYPES if t in ts), None)
        if ent_type:
            labels = {}
            for p in (SKOS.prefLabel, RDFS.label):
                for o in union.objects(s, p):
                    if isinstance(o, Literal) and o.language and o.language not in labels:
                        labels[o.language] = str(o)
            names = sorted({str(o) for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel) for o in union.objects(s, p)})
            entities[str(s)] = EntityRec(str(s), ent_type, labels, names)
        elif ev_type:
            count = _one(union, s, KG["count"])
            events[str(s)] = EventRec(
                str(s),
                ev_type,
                agent=_one(union, s, KG.agent),
                recipient=_one(union, s, KG.recipient),
                affected=_one(union, s, KG.affected),
                location=_one(union, s, KG.location),
                categories=sorted(_local(o) for o in union.objects(s, KG.aidCategory)),
                date=_one(union, s, KG.date),
                count=int(count) if count and count.lstrip("-").isdigit() else None,
                evidence=sorted(str(o) for o in union.objects(s, KG.evidence)),
                documents=sorted(str(o) for o in union.objects(s, KG.fromDocument)),
                reported_by=sorted(str(o) for o in union.objects(s, KG.reportedBy)),
            )
        elif "Claim" in ts:
            cert = _one(union, s, KG.certainty)
            claims[str(s)] = ClaimRec(
                str(s),
                about=_one(union, s, KG.about) or "",
                certainty=_local(cert) if cert else "Asserted",
                claimant=_one(union, s, KG.claimant),
                evidence=sorted(str(o) for o in union.objects(s, KG.evidence)),
                documents=sorted(str(o) for o in union.objects(s, KG.fromDocument)),
            )
        elif "Article" in ts:
            docs[str(s)] = DocRec(
                str(s),
                title=_one(union, s, KG.title),
                url=_one(union, s, KG.url),
                source=_one(union, s, KG.source),
                published=_one(union, s, KG.published),
            )
    return Facts(entities, events, claims, docs)
