"""Against a real Neo4j over Bolt (scripts/neo4j.sh, instance "test")."""

import os
import subprocess
import sys
from dataclasses import replace

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg import export
from kg.errors import Neo4jAuthError, Neo4jDatabaseError, Neo4jUnavailable, QueryError
from kg.neo4j_store import Store
from kg.pipeline import build
from kg.query import load_query

from ..conftest import DEV_CORPUS, EXAMPLES, ROOT, run_kg

pytestmark = pytest.mark.neo4j


def union(ds: Dataset):
    return export.union_graph(ds)


def test_load_twice_changes_nothing(store, examples_build):
    first = store.load(examples_build.dataset)
    second = store.load(examples_build.dataset)
    assert first["nodes"] == second["nodes"] > 0
    assert first["relationships"] == second["relationships"] > 0
    assert store.counts() == (second["nodes"], second["relationships"])


def test_labels_roles_and_convenience_relationships(store, examples_build):
    store.load(examples_build.dataset)
    rows = store.run(
        "MATCH (a:Country:Actor)-[r:DEPLOYED_TO]->(b:Country) RETURN a.label_en AS a, b.label_ar AS b, r.documents AS n"
    )
    assert {"a": "North Korea", "b": "روسيا", "n": 2} in rows
    rows = store.run(
        "MATCH (:Actor {label_en: 'Russia'})-[r:SENT_AID]->(:Actor {label_en: 'North Korea'}) "
        "RETURN collect(r.category) AS cats"
    )
    assert set(rows[0]["cats"]) >= {"Food", "Energy"}
    rows = store.run(
        "MATCH (c:Claim)-[:CLAIMANT]->(x), (c)-[:ABOUT]->(e:Event)-[:FROM_DOCUMENT]->(d:Article) RETURN count(*) AS n"
    )
    assert rows[0]["n"] > 0


def test_named_queries_all_run(store, examples_build):
    store.load(examples_build.dataset)
    from kg.query import available

    for name in available():
        q = load_query(name)
        store.run(q.cypher, q.params)  # no syntax error, no missing parameter


def test_aid_flow_filters(store, examples_build):
    store.load(examples_build.dataset)
    q = load_query("aid_flows")
    rows = store.run(q.cypher, {**q.params, "recipient": "Ukraine"})
    assert rows and all(r["recipient"] == "Ukraine" for r in rows)
    rows = store.run(q.cypher, {**q.params, "category": "Food"})
    assert rows and all(r["category"] == "Food" for r in rows)
    rows = store.run(q.cypher, {**q.params, "since": "2024-08", "until": "2024-08"})
    assert [r["provider"] for r in rows] == ["United States"]


def test_loading_a_new_document_adds_only_what_is_new(store, tmp_path):
    one = build([EXAMPLES / "en-korea-russia.txt"], tmp_path / "one", write_views=False).dataset
    two = build(
        [EXAMPLES / "en-korea-russia.txt", EXAMPLES / "ar-pyongyang-moscow.txt"], tmp_path / "two", write_views=False
    ).dataset
    store.load(one)
    n1 = store.run("MATCH (c:Country) RETURN count(c) AS n")[0]["n"]
    store.load(two)
    assert store.run("MATCH (c:Country {label_en: 'Russia'}) RETURN count(c) AS n")[0]["n"] == 1
    rows = store.run(
        "MATCH (:Country {label_en: 'Russia'})<-[r]-(:Event) UNWIND r.graphs AS g RETURN collect(DISTINCT g) AS gs"
    )
    assert len(rows[0]["gs"]) == 2  # facts from both articles point at the one Russia
    assert store.run("MATCH (c:Country) RETURN count(c) AS n")[0]["n"] >= n1


def test_people_found_by_pattern_carry_their_office_and_the_body_they_serve(store, tmp_path):
    article = tmp_path / "office.txt"
    article.write_text(
        "قال المتحدث باسم وزارة الخارجية الأردنية سامي الخطيب إن المساعدات وصلت إلى غزة.\n"
        "وأضاف الخطيب أن الأردن أرسل 40 شاحنة.\n",
        encoding="utf-8",
    )
    store.load(build([article], tmp_path / "out", write_views=False).dataset)
    rows = store.run(
        "MATCH (p:Person)-[:IN_COUNTRY]->(b:Organization)-[:IN_COUNTRY]->(c:Country) "
        "RETURN p.office AS office, b.label_en AS body, c.label_en AS country"
    )
    assert rows == [{"office": ["المتحدث باسم"], "body": rows[0]["body"], "country": "Jordan"}]
    assert "Foreign Affairs" in rows[0]["body"] or "Foreign Ministry" in rows[0]["body"]


def test_a_military_unit_is_an_armed_force_an_organisation_and_an_actor(store, tmp_path):
    article = tmp_path / "unit.txt"
    article.write_text("Russia's 47th Mechanised Brigade was deployed to Kursk, the defence ministry said.\n")
    store.load(build([article], tmp_path / "out", write_views=False).dataset)
    rows = store.run("MATCH (u:MilitaryUnit) RETURN labels(u) AS labels, u.type AS type")
    assert len(rows) == 1 and rows[0]["type"] == "MilitaryUnit"
    assert {"MilitaryUnit", "ArmedForce", "Organization", "Actor", "Entity"} <= set(rows[0]["labels"])
    assert store.run("MATCH (a:Actor) WHERE a.type = 'MilitaryUnit' RETURN count(a) AS n")[0]["n"] == 1


def test_remove_document_keeps_shared_entities(store, tmp_path):
    ds = build(
        [EXAMPLES / "en-korea-russia.txt", EXAMPLES / "ar-pyongyang-moscow.txt"], tmp_path, write_views=False
    ).dataset
    store.load(ds)
    graphs = sorted({g for row in store.run("MATCH (d:Article) RETURN d.graphs AS g") for g in row["g"]})
    store.remove_document(graphs[0])
    assert store.run("MATCH (c:Country {label_en: 'Russia'}) RETURN count(c) AS n")[0]["n"] == 1
    left = store.run("MATCH (n:Resource) UNWIND n.graphs AS g RETURN collect(DISTINCT g) AS gs")[0]["gs"]
    assert sorted(g for g in left if not g.endswith(("/graph/build", "/graph/entities"))) == [graphs[1]]
    # an entity only the removed article named is gone; one the other article names stays
    assert (
        store.run("MATCH (o:Organization {label_en: 'TASS'}) RETURN count(o) AS n")[0]["n"] == 0
    )  # only the Arabic one
    assert store.run("MATCH (o:Organization {label_en: 'Reuters'}) RETURN count(o) AS n")[0]["n"] == 1
    assert store.run("MATCH (d:Article) RETURN count(d) AS n")[0]["n"] == 1
    with pytest.raises(QueryError, match="no document graph"):
        store.remove_document(graphs[0])


def test_round_trip_rdf_neo4j_rdf_is_isomorphic(store, examples_build):
    store.load(examples_build.dataset)
    back = store.export_rdf()
    assert isomorphic(union(back), union(examples_build.dataset))
    names = lambda ds: {str(g.identifier) for g in ds.graphs() if len(g)}  # noqa: E731
    assert names(back) == names(examples_build.dataset)


def _snapshot(store) -> tuple:
    """Everything a load writes, in a comparable form: node counts, relationship counts, derived edges."""
    nodes, rels = store.counts()
    derived = store.run(
        "MATCH (a)-[r:DEPLOYED_TO|SENT_AID]->(b) "
        "RETURN a.iri AS a, type(r) AS t, r.category AS c, b.iri AS b, r.documents AS n ORDER BY a, t, c, b"
    )
    return nodes, rels, [tuple(r.values()) for r in derived]


@pytest.mark.parametrize("cut_in", ["nodes", "relationships"])
def test_a_load_cut_off_half_way_completes_on_rerun(store, examples_build, monkeypatch, cut_in):
    from kg.neo4j_store import loading as neo4j_store

    real = neo4j_store._write
    seen = {"n": 0}

    def cut_off(session, job):
        if ("]->(b)" in job.fast) == (cut_in == "relationships"):
            seen["n"] += 1
            if seen["n"] == 2:
                raise ConnectionError("connection lost")
        return real(session, job)

    monkeypatch.setattr(neo4j_store, "_write", cut_off)
    with pytest.raises(ConnectionError):
        store.load(examples_build.dataset, batch=20, writers=1)
    partial = store.counts()
    monkeypatch.setattr(neo4j_store, "_write", real)
    store.load(examples_build.dataset, batch=20)
    rerun = _snapshot(store)
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.load(examples_build.dataset)
    clean = _snapshot(store)
    assert 0 < partial[0] + partial[1] < clean[0] + clean[1]  # it really stopped half-way
    assert rerun == clean


@pytest.mark.parametrize("retried", ["nodes", "relationships"])
def test_a_retried_batch_whose_first_try_was_committed_writes_nothing_twice(
    store, examples_build, monkeypatch, retried
):
    """The driver retries after a lost connection, and the lost try may have been committed.

    A real server cannot be made to drop exactly that acknowledgement, so here every
    batch of one kind runs twice: once committed, then as the driver's retry would.
    """
    from kg.neo4j_store import loading as neo4j_store

    real = neo4j_store._write

    class CommittedThenRetried:
        def __init__(self, session):
            self.session = session

        def execute_write(self, work):
            self.session.execute_write(work)
            return self.session.execute_write(work)

    def write(session, job):
        is_relationship = "]->(b)" in job.fast
        if is_relationship == (retried == "relationships"):
            session = CommittedThenRetried(session)
        return real(session, job)

    monkeypatch.setattr(neo4j_store, "_write", write)
    store.load(examples_build.dataset, batch=20)
    twice = _snapshot(store)
    monkeypatch.setattr(neo4j_store, "_write", real)
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.load(examples_build.dataset)
    assert twice == _snapshot(store)


def test_nodes_another_writer_made_after_we_looked_are_merged_not_doubled(store, examples_build, monkeypatch):
    from kg.neo4j_store import Store

    store.load(examples_build.dataset)
    before = _snapshot(store)
    # Another loader wrote everything between our existence check and our writes.
    monkeypatch.setattr(Store, "_existing", staticmethod(lambda session, iris: set()))
    store.load(examples_build.dataset, batch=20)
    assert _snapshot(store) == before


def test_a_node_described_in_two_named_graphs_gets_everything_from_both(store):
    from rdflib import RDF, Literal, URIRef

    from kg.rdf import KG

    ds = Dataset()
    putin = URIRef("https://w3id.org/newskg/id/person/test-putin")
    event = URIRef("https://w3id.org/newskg/id/event/test/1")
    first, second = (URIRef(f"https://w3id.org/newskg/id/graph/test-{i}") for i in (1, 2))
    ds.graph(first).add((putin, RDF.type, KG.Person))
    ds.graph(first).add((putin, KG.evidence, Literal("said on Monday")))
    ds.graph(second).add((putin, KG.evidence, Literal("said on Friday")))
    ds.graph(second).add((event, RDF.type, KG.Communication))
    ds.graph(second).add((event, KG.agent, putin))
    russia = URIRef("https://w3id.org/newskg/id/country/test-RU")
    ds.graph(first).add((russia, RDF.type, KG.Country))
    for g in (first, second):
        ds.graph(g).add((putin, KG.country, russia))
    store.load(ds, batch=1)
    [rel] = store.run("MATCH (:Person)-[r:IN_COUNTRY]->(:Country) RETURN r.graphs AS graphs")
    assert sorted(rel["graphs"]) == sorted([str(first), str(second)])
    [row] = store.run(
        "MATCH (p:Person {iri: $iri}) RETURN p.evidence AS evidence, p.graphs AS graphs", {"iri": str(putin)}
    )
    assert row["evidence"] == ["said on Friday", "said on Monday"]
    assert sorted(row["graphs"]) == sorted([str(first), str(second)])
    assert store.run("MATCH (:Communication)-[r:AGENT]->(:Person) RETURN count(r) AS n")[0]["n"] == 1
    assert isomorphic(union(store.export_rdf()), union(ds))


def _many_graphs(articles: int) -> Dataset:
    """Articles whose events point at shared entities in one registry graph, as our builds do."""
    from rdflib import RDF, Literal, URIRef

    from kg.rdf import KG

    ds = Dataset()
    base = "https://w3id.org/newskg/id/"
    registry = ds.graph(URIRef(base + "graph/entities"))
    countries = [URIRef(f"{base}country/C{i}") for i in range(40)]
    for c in countries:
        registry.add((c, RDF.type, KG.Country))
    for a in range(articles):
        g = ds.graph(URIRef(f"{base}graph/a{a}"))
        doc = URIRef(f"{base}doc/a{a}")
        g.add((doc, RDF.type, KG.NewsArticle))
        for e in range(6):
            event, evidence = URIRef(f"{base}event/a{a}/{e}"), URIRef(f"{base}evidence/a{a}/{e}")
            g.add((event, RDF.type, KG.Deployment))
            g.add((event, KG.agent, countries[(a + e) % 40]))
            g.add((event, KG.recipient, countries[(a * 7 + e + 1) % 40]))
            g.add((event, KG.fromDocument, doc))
            g.add((event, KG.evidence, evidence))
            g.add((evidence, RDF.type, KG.EvidenceSpan))
            g.add((evidence, KG.text, Literal(f"sentence {e} of article {a}")))
    return ds


def test_streamed_load_of_many_graphs_writes_every_node_and_relationship(store):
    from kg.neo4j_store import to_property_graph

    ds = _many_graphs(300)
    nodes, rels = to_property_graph(ds)
    store.load(ds, batch=50, writers=2)  # small batches: relationships go out while nodes are still coming
    assert store.run("MATCH (n:Resource) RETURN count(n) AS c")[0]["c"] == len(nodes)
    assert store.run("MATCH (:Resource)-[r]->() WHERE r.predicate IS NOT NULL RETURN count(r) AS c")[0]["c"] == len(
        rels
    )
    assert isomorphic(union(store.export_rdf()), union(ds))


def test_parallel_writers_write_what_one_writer_writes(store, examples_build):
    store.load(examples_build.dataset, batch=7, writers=1)
    one = _snapshot(store)
    rdf_one = store.export_rdf()
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.load(examples_build.dataset, batch=7, writers=3)
    assert _snapshot(store) == one
    assert isomorphic(union(store.export_rdf()), union(rdf_one))


def test_read_only_by_default(store):
    with pytest.raises(QueryError, match="--write"):
        store.run("CREATE (:Resource {iri: 'x'})")
    store.run("CREATE (:Scratch {v: $v})", {"v": "<script>"}, write=True)
    assert store.run("MATCH (s:Scratch) RETURN s.v AS v") == [{"v": "<script>"}]


def test_wrong_password(neo4j_settings, store):
    with pytest.raises(Neo4jAuthError, match="refused user"):
        Store(replace(neo4j_settings, password="definitely-wrong"))


def test_server_down(neo4j_settings):
    with pytest.raises(Neo4jUnavailable, match="cannot reach"):
        Store(replace(neo4j_settings, uri="bolt://127.0.0.1:9"))


def test_wrong_database_name(neo4j_settings, store):
    with pytest.raises(Neo4jDatabaseError, match="no database"):
        Store(replace(neo4j_settings, database="nosuchdb"))


def test_neo4j_routing_uri_works(neo4j_settings, store):
    routed = neo4j_settings.uri.replace("bolt://", "neo4j://")
    with Store(replace(neo4j_settings, uri=routed)) as s:
        assert s.run("RETURN 1 AS one") == [{"one": 1}]


def kg(*args):
    return run_kg(*args, env={"NEO4J_URI": os.environ.get("NEO4J_TEST_URI", "bolt://127.0.0.1:7688")})


SEED = DEV_CORPUS / "ar-kim-putin-new-year-2025-12-27.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/dev is not here")
def test_dev_article_end_to_end_through_the_cli(store, tmp_path):
    out = tmp_path / "out"
    assert kg("build", SEED, "--out", out).returncode == 0
    first = kg("load", out / "graph.trig")
    assert first.returncode == 0, first.stderr
    second = kg("load", out / "graph.trig")
    assert first.stdout.split(":", 1)[1] == second.stdout.split(":", 1)[1]  # same node and relationship counts
    r = kg("query", "deployments")
    assert r.returncode == 0, r.stderr
    line = next(line for line in r.stdout.splitlines() if line.startswith("North Korea"))
    assert "Russia" in line and "Kursk" in line
    r = kg("cypher", "MATCH (n) DETACH DELETE n")
    assert r.returncode != 0 and "--write" in r.stderr and "Traceback" not in r.stderr
    r = kg("export", "--from-neo4j", "--format", "nq", "--out", tmp_path / "back.nq")
    assert r.returncode == 0, r.stderr
    assert isomorphic(union(export.read(tmp_path / "back.nq")), union(export.read(out / "graph.trig")))


def test_cli_wrong_password_is_one_line(store):
    env_pw = {"NEO4J_PASSWORD": "wrong-password-123"}
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "query",
            "deployments",
            "--uri",
            os.environ.get("NEO4J_TEST_URI", "bolt://127.0.0.1:7688"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **env_pw},
        timeout=120,
    )
    assert r.returncode == 4 and "Traceback" not in r.stderr
    assert r.stderr.strip().startswith("error: ") and "wrong-password-123" not in r.stderr


def quad_set(ds: Dataset) -> set:
    from rdflib import XSD, Literal

    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o, str(g.identifier if hasattr(g, "identifier") else g)))
    return out


def generated_datasets():
    from hypothesis import strategies as st
    from rdflib import RDF, XSD, Literal, URIRef

    from kg.rdf import ID, KG

    nodes = [ID[f"thing/{i}"] for i in range(6)]
    classes = [KG.Country, KG.Person, KG.Deployment, KG.Claim]
    preds = [KG.agent, KG.recipient, KG.about, URIRef("http://example.org/vocab#related")]
    graphs = [ID[f"graph/g{i}"] for i in range(3)]
    literal = st.one_of(
        st.text(max_size=40).map(lambda t: Literal(t, lang="ar")),
        st.text(max_size=40).map(Literal),
        st.integers(-(2**40), 2**40).map(lambda i: Literal(i, datatype=XSD.integer)),
        st.sampled_from(["2025-08", "2024-12"]).map(lambda d: Literal(d, datatype=XSD.gYearMonth)),
    )
    typing = st.tuples(st.sampled_from(nodes), st.just(RDF.type), st.sampled_from(classes), st.sampled_from(graphs))
    links = st.tuples(st.sampled_from(nodes), st.sampled_from(preds), st.sampled_from(nodes), st.sampled_from(graphs))
    values = st.tuples(
        st.sampled_from(nodes), st.sampled_from([KG.evidence, KG.date, KG["title"]]), literal, st.sampled_from(graphs)
    )
    return st.lists(st.one_of(typing, links, values), min_size=1, max_size=30)


from hypothesis import HealthCheck, given, settings  # noqa: E402


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quads=generated_datasets())
def test_round_trip_of_generated_graphs(store, quads):
    ds = Dataset()
    for s, p, o, g in quads:
        ds.graph(g).add((s, p, o))
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.load(ds)
    counts = store.counts()
    store.load(ds)  # twice: nothing changes
    assert store.counts() == counts
    assert quad_set(store.export_rdf()) == quad_set(ds)


def test_views_from_neo4j_and_from_a_named_query(store, examples_build, tmp_path):
    r = kg("load", examples_build.graph_path)
    assert r.returncode == 0, r.stderr
    r = kg("viz", "query", "deployments", "--out", tmp_path / "q.html")
    assert r.returncode == 0, r.stderr
    assert "North Korea" in (tmp_path / "q.html").read_text(encoding="utf-8")
    r = kg("viz", "aid", "--neo4j", "--out", tmp_path / "aid.html", "--lang", "ar")
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "aid.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "روسيا" in page


def test_contested_query_finds_what_the_views_mark(store, examples_build):
    from kg.analytics import Analytics
    from kg.facts import read_facts

    store.load(examples_build.dataset)
    q = load_query("contested")
    rows = store.run(q.cypher, q.params)
    expected = Analytics(read_facts(examples_build.dataset)).contested()
    assert expected, "the examples hold contested facts"
    key = ("event", "agent", "recipient", "asserted_by", "denied_by")

    def cells(row):  # lists as sets, no recipient as ""
        return tuple(str(sorted(row[k]) if isinstance(row[k], list) else row[k] or "") for k in key)

    assert sorted(map(cells, rows)) == sorted(map(cells, expected))
    assert sorted(sorted(r["counts"]) for r in rows) == sorted(sorted(r["counts"]) for r in expected)


def test_stats_from_neo4j_equal_stats_from_the_file(store, examples_build):
    import json

    store.load(examples_build.dataset)
    from_db = kg("stats", "--neo4j", "--format", "json")
    from_file = kg("stats", "--graph", examples_build.graph_path, "--format", "json")
    assert from_db.returncode == 0 and from_file.returncode == 0, from_db.stderr + from_file.stderr
    assert json.loads(from_db.stdout) == json.loads(from_file.stdout)
