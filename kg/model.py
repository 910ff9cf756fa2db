"""Typed hand-offs between the pipeline stages.

ingest -> Document; extract -> Extraction (mentions, events, claims with local
entity keys); resolve -> Entity (one per real-world thing); rdf -> rdflib Dataset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

ENTITY_TYPES = ("Person", "Country", "Organization", "Location")


def _event_types() -> tuple[str, ...]:
    """The event types of the event table (kg/lexicons/events.json, read in full by kg.events)."""
    table = json.loads(resources.files("kg.lexicons").joinpath("events.json").read_text(encoding="utf-8"))
    return tuple(table["events"])


EVENT_TYPES = _event_types()
AID_CATEGORIES = (
    "Troops",
    "Ammunition",
    "Missiles",
    "Weapons",
    "MilitaryEquipment",
    "MilitaryTechnology",
    "FinancialAid",
    "Food",
    "Energy",
    "HumanitarianAid",
)
CERTAINTIES = ("Confirmed", "Asserted", "Believed", "Speculated", "Denied")


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of ``Document.text``."""

    start: int
    end: int


@dataclass
class Document:
    id: str  # stable: derived from the source path or URL, see ingest.document_id
    text: str  # the text offsets refer to (the file itself, or the main text of a page)
    source: str  # path or URL it came from
    lang: str  # "ar" or "en"
    title: str | None = None
    published: str | None = None  # ISO date
    url: str | None = None
    keep: list[Span] = field(default_factory=list)  # non-boilerplate stretches of text
    dropped: list[Span] = field(default_factory=list)  # boilerplate lines


@dataclass
class Entity:
    """A canonical entity: one per real-world thing across all documents."""

    key: str  # e.g. "country/KP", "person/vladimir_putin", "org/kcna"
    type: str  # one of ENTITY_TYPES
    labels: dict[str, list[str]]  # lang -> names, first is preferred
    qid: str | None = None
    kind: str | None = None  # finer class: NewsAgency, IntelligenceService, ArmedGroup...
    country: str | None = None  # entity key of the country it belongs to
    office: dict[str, list[str]] = field(default_factory=dict)  # lang -> titles a story gave it ("Foreign Minister")


@dataclass
class Mention:
    entity: str  # entity key
    span: Span
    surface: str
    role: str = "name"  # name | adj | metonym | title | context


@dataclass
class Evidence:
    text: str  # verbatim from Document.text[span.start:span.end]
    span: Span


@dataclass
class Event:
    type: str
    agent: str | None = None
    recipient: str | None = None
    affected: str | None = None
    category: str | None = None
    location: str | None = None
    date: str | None = None
    count: int | None = None
    reported_by: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    def key(self) -> tuple:
        return (self.type, self.agent, self.recipient, self.affected, self.category)


@dataclass
class Claim:
    about: tuple  # Event.key() of the event it is about
    certainty: str
    claimant: str | None = None
    reported_by: set[str] = field(default_factory=set)
    date: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def key(self) -> tuple:
        return (self.about, self.claimant, self.certainty)


@dataclass
class Extraction:
    document: Document
    extractor: str  # registry name with version, e.g. "rules.v1"
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # found by pattern, not in the lexicon
