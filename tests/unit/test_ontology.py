from rdflib import OWL, RDF, RDFS

from kg.model import AID_CATEGORIES, CERTAINTIES, ENTITY_TYPES, EVENT_TYPES
from kg.ontology_doc import ontology, render
from kg.rdf import KG

from ..conftest import ROOT


def test_every_term_has_english_and_arabic_labels_and_a_comment():
    g = ontology()
    terms = [
        s
        for k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, k)
        if str(s).startswith(str(KG))
    ]
    assert len(terms) > 40
    for t in terms:
        langs = {o.language for o in g.objects(t, RDFS.label)}
        assert {"en", "ar"} <= langs, t
        assert g.value(t, RDFS.comment) is not None, t


def test_contract_terms_are_defined():
    g = ontology()
    for name in (*ENTITY_TYPES, *EVENT_TYPES, "Claim"):
        assert (KG[name], RDF.type, OWL.Class) in g, name
    for name in (*AID_CATEGORIES, *CERTAINTIES):
        assert g.value(KG[name], RDF.type) is not None, name
    for prop in (
        "agent",
        "recipient",
        "affected",
        "aidCategory",
        "location",
        "date",
        "count",
        "reportedBy",
        "about",
        "claimant",
        "certainty",
        "evidence",
    ):
        assert g.value(KG[prop], RDF.type) in (OWL.ObjectProperty, OWL.DatatypeProperty), prop


def test_the_documentation_page_is_up_to_date():
    assert (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8") == render(), "run: kg ontology-doc"
