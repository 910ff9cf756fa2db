"""The event table (kg/lexicons/events.json): one source for event types, their roles and typing.

The model, the evaluator, the ontology and the SHACL shapes must agree with it, and its
interpreter must give a trigger the type its rules say, for a type added as data only.
"""

import copy
import importlib.util
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Namespace

from kg.evaluate import ROLE_KEYS
from kg.events import grammar, parse
from kg.extract.rules import RulesExtractor
from kg.ingest import document_from_text
from kg.lexicon import Entry, load_json, load_lexicon
from kg.model import EVENT_TYPES

KG = Namespace("https://w3id.org/newskg/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "kg_eval.py"


def test_model_and_evaluator_take_their_event_types_and_roles_from_the_table():
    table = grammar()
    assert EVENT_TYPES == tuple(table.events)
    assert ROLE_KEYS == {name: spec.roles for name, spec in table.events.items()}
    for rule in table.typing:
        assert rule.type is None or rule.type in table.events


@pytest.mark.skipif(not SHARED_EVAL.exists(), reason="../shared/eval is not here")
def test_the_shared_evaluator_keys_events_by_the_same_roles():
    spec = importlib.util.spec_from_file_location("kg_eval", SHARED_EVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {k: tuple(v) for k, v in module.EVENT_ROLES.items()} == ROLE_KEYS


def test_every_event_type_is_an_ontology_class_under_event():
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")
    for name in EVENT_TYPES:
        assert (KG[name], RDF.type, None) in onto or (KG[name], RDFS.subClassOf, None) in onto, name
        assert (KG[name], RDFS.subClassOf, KG.Event) in onto, name


def test_shapes_require_exactly_the_roles_the_table_requires():
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    paths = {"agent": KG.agent, "recipient": KG.recipient, "affected": KG.affected, "category": KG.aidCategory}
    required_by_shapes: dict[str, set[str]] = {name: set() for name in EVENT_TYPES}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = {str(t).split("#")[-1] for t in shapes.objects(shape, SH.targetClass)}
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            min_count = shapes.value(prop, SH.minCount)
            role = next((r for r, p in paths.items() if p == path), None)
            if role and min_count is not None and int(min_count) >= 1:
                for t in targets & set(EVENT_TYPES):
                    required_by_shapes[t].add(role)
    assert required_by_shapes == {name: set(spec.required) for name, spec in grammar().events.items()}


def test_typing_rules_are_read_in_order_with_windows_and_precedence():
    g = grammar()

    def near_of(found):
        return lambda group, before, after: found.get(group, [])

    assert g.type_of(["communicate"], "called", "on", near_of({})) is None  # an appeal
    assert g.type_of(["communicate"], "called", "his", near_of({})) == "Communication"
    assert g.type_of(["send"], "sent", "", near_of({"message_nouns": [3]})) == "Communication"
    assert g.type_of(["send"], "sent", "", near_of({"message_nouns": [5], "forces_nouns": [3]})) == "Deployment"
    assert g.type_of(["send"], "sent", "", near_of({"aid": [3], "forces_nouns": [6]})) == "AidTransfer"
    assert g.type_of(["arrive"], "arrived", "", near_of({"forces_nouns": [2]})) == "Deployment"
    assert g.type_of(["test"], "tested", "", near_of({})) is None  # a test of what? no weapon named


def _with_sanctions():
    """The table and the lexicon with one more event type, added as data only."""
    data = copy.deepcopy(load_json("events.json"))
    data["events"]["Sanctions"] = {
        "roles": ["agent", "recipient"],
        "required": ["agent", "recipient"],
        "recipient_after": ["on", "against", "على", "ضد"],
    }
    data["typing"].insert(0, {"type": "Sanctions", "families": ["sanction"]})
    lex = copy.deepcopy(load_lexicon())
    for phrase in ("sanctioned", "imposed sanctions on", "عقوبات"):
        entry = Entry("sanction", "cue")
        lex.cues["triggers"].add(phrase, entry)
        for words, e in lex.cues["triggers"].phrases():
            if e == entry:
                lex.all_cues._insert(words, Entry("sanction", "cue", group="triggers"), " ".join(words))
    return parse(data), lex


def test_a_new_event_type_is_a_data_edit():
    table, lex = _with_sanctions()
    ex = RulesExtractor(lex, table)
    for text, want in (
        ("The United States imposed sanctions on Iran on Monday.", ("country/US", "country/IR")),
        ("فرضت الولايات المتحدة عقوبات على إيران يوم الاثنين.", ("country/US", "country/IR")),
    ):
        doc = document_from_text(text, "t.txt", published="2025-06-02")
        found = {(e.type, e.agent, e.recipient) for e in ex.extract(doc).events}
        assert ("Sanctions", *want) in found, (text, found)
    # the built-in table knows no such type
    doc = document_from_text("The United States imposed sanctions on Iran.", "t.txt")
    assert not [e for e in RulesExtractor().extract(doc).events if e.type == "Sanctions"]
