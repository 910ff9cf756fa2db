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


# ---------------------------------------------------------------- one source: every Python table agrees with kg.ttl
def _shapes():
    from rdflib import Graph

    return Graph().parse(ROOT / "ontology" / "shapes.ttl")


def test_entity_types_are_the_ontologys_kinds_of_entity():
    from kg import ontology as onto

    kinds = {c for c, p in onto.parents().items() if p in ("Entity", "Actor") and c != "Actor"}
    assert set(ENTITY_TYPES) == kinds
    for cls in onto.descendants("Entity"):  # every entity class has one readable entity type (facts, views)
        if cls != "Actor":
            assert len({cls, *onto.ancestors(cls)} & set(ENTITY_TYPES)) == 1, cls
    assert set(EVENT_TYPES) == set(onto.descendants("Event"))


def test_vocabularies_are_the_ontologys_concept_schemes_and_the_shapes_lists():
    from rdflib import Namespace
    from rdflib.collection import Collection

    from kg import ontology as onto

    assert set(AID_CATEGORIES) == onto.concepts("AidCategories")
    assert set(CERTAINTIES) == onto.concepts("CertaintyLevels")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = _shapes()
    lists = {
        str(shapes.value(prop, sh.path)): [str(t).split("#")[-1] for t in Collection(shapes, head)]
        for prop, head in shapes.subject_objects(sh["in"])
    }
    assert lists[str(KG.aidCategory)] == list(AID_CATEGORIES)
    assert lists[str(KG.certainty)] == list(CERTAINTIES)


def test_every_class_the_shapes_name_is_in_the_ontology_and_entities_are_all_checked():
    from rdflib import Namespace

    from kg import ontology as onto

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = _shapes()
    classes = {str(c) for c in onto.graph().subjects(RDF.type, OWL.Class)}
    named = [o for p in (sh.targetClass, sh["class"]) for o in shapes.objects(None, p) if str(o).startswith(str(KG))]
    assert named and all(str(c) in classes for c in named), [c for c in named if str(c) not in classes]
    targets = {str(t).split("#")[-1] for t in shapes.objects(None, sh.targetClass)}
    assert set(ENTITY_TYPES) <= targets and set(EVENT_TYPES) <= targets


def test_rdf_class_map_neo4j_labels_and_readable_types_come_from_the_hierarchy():
    from kg import ontology as onto
    from kg.neo4j_store import _ORG_KINDS, SUPER_LABELS, TYPE_ORDER
    from kg.rdf import KIND_CLASSES

    organisations = set(onto.descendants("Organization"))
    assert {str(c).split("#")[-1] for c in KIND_CLASSES.values()} == organisations
    assert set(_ORG_KINDS) == organisations
    for cls in onto.parents():
        assert SUPER_LABELS[cls][: len(onto.ancestors(cls))] == onto.ancestors(cls), cls
    abstract = {"Entity", "Actor", "Event", "Mention"}  # never the type of a node kg writes
    concrete = {str(c).split("#")[-1] for c in onto.graph().subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG))}
    assert concrete - abstract <= set(TYPE_ORDER), (concrete - abstract) - set(TYPE_ORDER)
    for cls in organisations:  # the most specific class comes first
        assert all(TYPE_ORDER.index(cls) < TYPE_ORDER.index(a) for a in onto.ancestors(cls) if a in TYPE_ORDER)


def test_views_have_a_style_for_every_entity_type_and_a_label_for_every_event_and_certainty():
    from kg import views

    assert set(ENTITY_TYPES) <= set(views.STYLE)
    assert set(EVENT_TYPES) - {"AidTransfer"} == set(views.SHORT)  # aid edges are labelled by category
    assert set(views.CERTAINTY_COLOURS) == set(CERTAINTIES)
