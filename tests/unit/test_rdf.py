"""RDF: contract terms, stable IRIs, named graphs, every format round-trips."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from kg import export
from kg.errors import RdfError
from kg.pipeline import build
from kg.rdf import ID, KG, iri

from ..conftest import EXAMPLES


def as_graph(ds: Dataset):
    return export.union_graph(ds)


def test_one_named_graph_per_document(examples_build):
    ds = examples_build.dataset
    doc_graphs = {
        str(g.identifier)
        for g in ds.graphs()
        if "/graph/" in str(g.identifier) and not str(g.identifier).endswith(("/build", "/entities"))
    }
    assert len(doc_graphs) == examples_build.documents == 5
    for g in ds.graphs():
        if str(g.identifier) in doc_graphs:
            assert len(list(g.subjects(RDF.type, KG.Article))) == 1


def test_same_entity_in_two_documents_is_one_iri(examples_build):
    ds = examples_build.dataset
    graphs_with_russia = {str(g.identifier) for g in ds.graphs() if (None, None, URIRef(ID["country/RU"])) in g}
    assert len(graphs_with_russia) >= 3
    assert not [s for s in as_graph(ds).subjects(RDF.type, KG.Country) if "russia" in str(s).lower()]


def test_rebuild_gives_identical_sorted_nquads(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = build([EXAMPLES], tmp_path / "a", write_views=False)
    b = build([EXAMPLES], tmp_path / "b", write_views=False)
    lines = lambda ds: sorted(export.serialize(ds, "nq").decode().splitlines())  # noqa: E731
    assert lines(a.dataset) == lines(b.dataset)


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_every_format_round_trips(examples_build, tmp_path, fmt):
    path = export.write(examples_build.dataset, tmp_path / f"g{export.FORMATS[fmt][1]}")
    back = export.read(path)
    assert isomorphic(as_graph(back), as_graph(examples_build.dataset))
    if export.FORMATS[fmt][2]:  # formats with named graphs keep them
        names = lambda ds: {str(g.identifier) for g in ds.graphs() if len(g)}  # noqa: E731
        assert names(back) == names(examples_build.dataset)


def test_iris_are_safe_for_any_text():
    for text in ["a b", 'q"uote', "<tag>", "سوريا", "x/y", "100%", "\n"]:
        value = str(iri("person", text))
        assert not set(value) & set(' "<>{}|\\^`\n')
        assert value.startswith(str(ID))


def test_malformed_rdf_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <x> .\nkg:a kg:b ", encoding="utf-8")
    with pytest.raises(RdfError, match="not valid ttl"):
        export.read(bad)
    empty = tmp_path / "empty.trig"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(RdfError, match="empty"):
        export.read(empty)


def test_atomic_write_keeps_the_old_file_when_serialising_fails(tmp_path, monkeypatch, examples_build):
    target = tmp_path / "graph.trig"
    target.write_text("old content", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "serialize", boom)
    with pytest.raises(RuntimeError):
        export.write(examples_build.dataset, target)
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


PIECES = [*"ab \"'\\<>&\n\r\t{}@#%", "\u200f", "\u202e", "😀", "سوريا", "</script>", '"""', "'''"]
hostile = st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=3000)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile)
@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_hostile_literals_round_trip(tmp_path, fmt, value):
    ds = Dataset()
    g = ds.graph(ID["graph/test"])
    g.add((ID["event/x"], KG.evidence, Literal(value, lang="ar")))
    g.add((ID["event/x"], KG["title"], Literal(value)))
    data = export.serialize(ds, fmt)
    back = Dataset()
    back.parse(data=data, format=export.FORMATS[fmt][0])
    assert to_isomorphic(as_graph(back)) == to_isomorphic(as_graph(ds))


def test_oxigraph_store_gives_the_same_graph(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    fast = build([EXAMPLES], tmp_path / "ox", write_views=False, store="oxigraph")
    plain = build([EXAMPLES], tmp_path / "mem", write_views=False)
    assert isomorphic(as_graph(export.read(fast.graph_path)), as_graph(export.read(plain.graph_path)))
    back = export.read(fast.graph_path, store="oxigraph")
    assert isomorphic(as_graph(back), as_graph(plain.dataset))


def test_text_is_tagged_with_its_own_language_not_only_the_records(tmp_path):
    """An English record with an Arabic headline: the headline is @ar, the English evidence @en."""
    record = {
        "id": "mixed-1",
        "lang": "en",
        "title": "مصر ترسل أدوية إلى السودان",
        "text": "Egypt sent 40 tonnes of medicine to Sudan on Monday, the ministry said.",
    }
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    ds = build([src], tmp_path / "out", write_views=False).dataset
    titles = {o for _, _, o, _ in ds.quads((None, KG["title"], None, None))}
    assert titles == {Literal(record["title"], lang="ar")}
    quotes = {o for _, _, o, _ in ds.quads((None, KG.quote, None, None))}
    assert quotes and all(q.language == "en" for q in quotes)


def test_an_arabic_quote_in_an_english_record_is_tagged_ar():
    from kg.model import Document
    from kg.rdf import _in_language_of

    doc = Document(id="d", text="", source="d", lang="en")
    assert _in_language_of("أرسلت مصر 40 طنا من الأدوية إلى السودان.", doc).language == "ar"
    assert _in_language_of("Egypt sent medicine.", doc).language == "en"
    assert _in_language_of("2024-05-01", Document(id="d", text="", source="d", lang="ar")).language == "ar"
