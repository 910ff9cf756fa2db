from rdflib import RDF, Dataset, Literal

from kg.rdf import ID, KG
from kg.validate import violations


def test_built_graph_conforms(examples_build):
    assert violations(examples_build.dataset) == []


def test_broken_graph_reports_readable_violations():
    ds = Dataset()
    g = ds.graph(ID["graph/x"])
    ev = ID["event/x/1"]
    g.add((ev, RDF.type, KG.AidTransfer))  # no agent, recipient, category, evidence or document
    claim = ID["claim/x/1"]
    g.add((claim, RDF.type, KG.Claim))
    g.add((claim, KG.certainty, KG.Sure))
    g.add((ID["country/XX"], RDF.type, KG.Country))
    g.add((ID["country/XX"], KG["count"], Literal("many")))
    found = violations(ds)
    text = "\n".join(map(str, found))
    assert "needs an agent" in text and "needs a recipient" in text and "category" in text
    assert "evidence" in text and "about exactly one event" in text and "certainty" in text
    assert "rdfs:label" in text or "label" in text
