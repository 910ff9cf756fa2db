"""RDF -> Neo4j rows, without a server."""

from kg.neo4j_store import _split_ready, to_property_graph


class FillingUp(set):
    """A `written` set that writer threads keep adding to while it is being read."""

    def __init__(self, to_come):
        super().__init__()
        self.to_come = list(to_come)

    def __contains__(self, item):
        if self.to_come:
            self.add(self.to_come.pop(0))
        return super().__contains__(item)


def test_no_relationship_is_lost_while_nodes_are_written_meanwhile():
    rows = [{"s": f"e{i}", "o": "russia"} for i in range(50)]
    written = FillingUp(f"e{i}" for i in reversed(range(50)))  # committed while the rows are looked at
    written.add("russia")
    ready, still = _split_ready(rows, written)
    assert sorted(r["s"] for r in ready + still) == sorted(r["s"] for r in rows)
    assert ready and still  # some became ready during the pass, some did not
    assert all(r["s"] in set(written) and "russia" in set(written) for r in ready)


def test_rows_keep_every_quad_for_the_round_trip(tmp_path):
    from rdflib import RDF, Dataset, Literal, URIRef

    from kg.rdf import KG

    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/newskg/id/graph/a"))
    e = URIRef("https://w3id.org/newskg/id/event/a/1")
    ru = URIRef("https://w3id.org/newskg/id/country/RU")
    g.add((e, RDF.type, KG.Deployment))
    g.add((ru, RDF.type, KG.Country))
    g.add((e, KG.agent, ru))
    g.add((e, KG.date, Literal("2024-10-01")))
    g.add((ru, KG.label, Literal('روسيا "<b>"', lang="ar")))
    nodes, rels = to_property_graph(ds)
    assert set(nodes) == {str(e), str(ru)}
    assert nodes[str(e)]["labels"] == ["Deployment", "Event"]
    assert [(r["s"], r["type"], r["o"]) for r in rels] == [(str(e), "AGENT", str(ru))]
    # literals and types stay as JSON quads on their node; the relationship is not duplicated there
    assert len(nodes[str(e)]["rdf"]) == 2 and len(nodes[str(ru)]["rdf"]) == 2
    assert any('"<b>"' in q or '\\"<b>\\"' in q for q in nodes[str(ru)]["rdf"])


def test_neo4j_labels_are_the_ontologys_hierarchy():
    """The labels a node gets in Neo4j come from ontology/kg.ttl: every kg: ancestor of its class."""
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from kg.neo4j_store import _ORG_KINDS, SUPER_LABELS, TYPE_ORDER
    from kg.rdf import KG
    from kg.resources import read_text

    g = Graph().parse(data=read_text("ontology", "kg.ttl"), format="turtle")
    for cls, parent in g.subject_objects(RDFS.subClassOf):
        if str(cls).startswith(str(KG)) and str(parent).startswith(str(KG)):
            assert str(parent)[len(str(KG)) :] in SUPER_LABELS[str(cls)[len(str(KG)) :]]
    assert SUPER_LABELS["MilitaryUnit"] == ["ArmedForce", "Organization", "Actor", "Entity"]
    assert "MilitaryUnit" in _ORG_KINDS and TYPE_ORDER.index("MilitaryUnit") < TYPE_ORDER.index("ArmedForce")


def test_the_load_progress_counts_every_quad_once(examples_build):
    """kg load's bar moves by the quads of each named graph as it is read, and ends at the whole dataset."""
    from kg.neo4j_store.mapping import PropertyGraph, quad_count

    moved: list[int] = []
    graph = PropertyGraph(examples_build.dataset, moved.append)
    rows = list(graph.rows())
    assert rows and len(moved) == len(list(examples_build.dataset.store.contexts()))
    assert sum(moved) == quad_count(examples_build.dataset) == len(set(examples_build.dataset.quads()))


def test_bulk_csv_files_hold_every_row_with_typed_headers(examples_build, tmp_path):
    import csv

    from kg.neo4j_store.bulk import ARRAY, write_csv

    nodes, rels = to_property_graph(examples_build.dataset)
    written = write_csv(examples_build.dataset, tmp_path)
    assert written == {"nodes": len(nodes), "relationships": len(rels)}
    seen = {}
    for path in sorted(tmp_path.glob("nodes-*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            assert header[:4] == ["iri:ID", ":LABEL", "graphs:string[]", "rdf:string[]"]
            for row in reader:
                seen[row[0]] = dict(zip(header, row, strict=True))
    assert set(seen) == set(nodes)
    some = next(iri for iri, n in nodes.items() if "count" in n["props"])
    assert seen[some]["count:long"] == str(nodes[some]["props"]["count"])
    assert seen[some][":LABEL"].split(ARRAY) == ["Resource", *nodes[some]["labels"]]
    lines = sum(1 for p in tmp_path.glob("relationships-*.csv") for _ in open(p, encoding="utf-8")) - len(
        list(tmp_path.glob("relationships-*.csv"))
    )
    assert lines >= len(rels)  # one line each (more where a quoted value spans lines)


def test_bulk_refuses_a_server_on_another_machine_before_connecting(examples_build):
    import pytest

    from kg.config import Neo4jSettings
    from kg.errors import Neo4jError
    from kg.neo4j_store.bulk import bulk_load

    def never():
        raise AssertionError("connected")

    with pytest.raises(Neo4jError, match="not on this machine"):
        bulk_load(Neo4jSettings.from_env(uri="neo4j+s://db.example.com"), examples_build.dataset, never)
