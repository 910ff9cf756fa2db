"""Analytics on small graphs whose answers are known, and `kg stats` on a build of the dev corpus."""

import csv
import io
import json
import subprocess
import sys
from collections import Counter

import pytest

from kg.analytics import Analytics, event_month, format_stats, months, stats
from kg.facts import ClaimRec, DocRec, EntityRec, EventRec, Facts

from ..conftest import DEV_CORPUS, ROOT

ID = "https://w3id.org/newskg/id/"


def country(code: str) -> str:
    return f"{ID}country/{code}"


def facts_of(events: list[EventRec], claims: list[ClaimRec] = (), docs: dict[str, str | None] | None = None) -> Facts:
    """Facts with an entity for every participant, named by its code, and the articles the events cite."""
    iris = {x for ev in events for x in (ev.agent, ev.recipient, ev.affected, ev.location) if x}
    iris |= {c.claimant for c in claims if c.claimant}
    entities = {i: EntityRec(i, "Country", {"en": i.rsplit("/", 1)[-1]}, [i.rsplit("/", 1)[-1]]) for i in iris}
    doc_ids = {d for ev in events for d in ev.documents} | {d for c in claims for d in c.documents}
    published = docs or {}
    documents = {d: DocRec(d, title=f"title of {d.rsplit('/', 1)[-1]}", published=published.get(d)) for d in doc_ids}
    return Facts(entities, {ev.iri: ev for ev in events}, {c.iri: c for c in claims}, documents)


def event(n: int, typ: str, agent: str, recipient: str, cats=(), doc="d1", date=None, count=None) -> EventRec:
    return EventRec(
        f"{ID}event/{doc}/{n}",
        typ,
        agent=country(agent),
        recipient=country(recipient),
        categories=list(cats),
        date=date,
        count=count,
        documents=[f"{ID}doc/{doc}"],
    )


def test_a_stars_centre_is_the_most_central_by_every_measure():
    leaves = ["L1", "L2", "L3", "L4", "L5"]
    evs = [event(i, "Communication", "C", leaf) for i, leaf in enumerate(leaves)]
    evs.append(event(9, "Communication", "L1", "L2"))  # one chord between two leaves, so the leaves differ
    rows = Analytics(facts_of(evs)).central(top=0)
    by = {r["actor"]: r for r in rows}
    assert rows[0]["actor"] == "C"
    for measure in ("degree", "pagerank", "betweenness"):
        assert by["C"][measure] == max(r[measure] for r in rows), measure
        assert all(by["C"][measure] > r[measure] for r in rows if r["actor"] != "C"), measure
    assert by["C"]["degree"] == 5 and by["L3"]["degree"] == 1
    assert by["L3"]["betweenness"] == 0.0
    assert abs(sum(r["pagerank"] for r in rows) - 1) < 1e-3


def test_top_limits_the_central_actors():
    evs = [event(i, "Communication", "C", f"L{i}") for i in range(8)]
    assert len(Analytics(facts_of(evs)).central(top=3)) == 3
    assert len(Analytics(facts_of(evs)).central(top=0)) == 9


def test_a_known_aid_matrix_and_its_balance():
    evs = [
        event(1, "AidTransfer", "A", "B", ["Food"], doc="d1"),
        event(2, "AidTransfer", "A", "B", ["Food"], doc="d2"),
        event(3, "AidTransfer", "A", "B", ["Weapons"], doc="d2"),
        event(4, "AidTransfer", "B", "A", ["Food"], doc="d3"),
        event(5, "AidTransfer", "C", "B", ["Energy", "Food"], doc="d3"),
        event(6, "Deployment", "A", "B", doc="d3"),  # no aid
    ]
    an = Analytics(facts_of(evs))
    matrix = {(r["giver"], r["recipient"], r["category"]): (r["events"], r["articles"]) for r in an.aid()}
    assert matrix == {
        ("A", "B", "Food"): (2, 2),
        ("A", "B", "Weapons"): (1, 1),
        ("B", "A", "Food"): (1, 1),
        ("C", "B", "Energy"): (1, 1),
        ("C", "B", "Food"): (1, 1),
    }
    assert an.aid()[0]["giver"] == "A" and an.aid()[0]["events"] == 2  # most events first
    balance = {(r["actor_a"], r["actor_b"], r["category"]): (r["a_to_b"], r["b_to_a"], r["net"]) for r in an.balance()}
    assert balance == {
        ("A", "B", "Food"): (2, 1, 1),
        ("A", "B", "Weapons"): (1, 0, 1),
        ("B", "C", "Energy"): (0, 1, -1),
        ("B", "C", "Food"): (0, 1, -1),
    }


def test_communities_are_the_two_cliques_and_the_same_every_time():
    left, right = ["A", "B", "C", "D"], ["W", "X", "Y", "Z"]
    evs, n = [], 0
    for group in (left, right):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                n += 1
                evs.append(event(n, "Communication", a, b))
    evs.append(event(99, "Communication", "D", "W"))  # one bridge
    f = facts_of(evs)
    found = Analytics(f).communities()
    assert [c["members"] for c in found] == [left, right]
    assert all(Analytics(f).communities() == found for _ in range(3))
    bridge = {r["actor"]: r["betweenness"] for r in Analytics(f).central(top=0)}
    assert max(bridge, key=bridge.get) in ("D", "W")


def test_counts_by_type():
    evs = [
        event(1, "AidTransfer", "A", "B", ["Food"], doc="d1"),
        event(2, "Deployment", "A", "B", doc="d2"),
        event(3, "Deployment", "B", "C", doc="d2"),
    ]
    claims = [
        ClaimRec(
            f"{ID}claim/1", about=evs[1].iri, certainty="Denied", claimant=country("B"), documents=evs[1].documents
        ),
        ClaimRec(f"{ID}claim/2", about=evs[2].iri, certainty="Asserted", documents=evs[2].documents),
    ]
    rows = Analytics(facts_of(evs, claims)).counts()
    got = {(r["what"], r["type"]): r["n"] for r in rows}
    assert got == {
        ("articles", ""): 2,
        ("entities", "Country"): 3,
        ("events", "AidTransfer"): 1,
        ("events", "Deployment"): 2,
        ("claims", "Asserted"): 1,
        ("claims", "Denied"): 1,
    }


def test_each_month_has_only_its_events():
    evs = [
        event(1, "AidTransfer", "A", "B", ["Food"], doc="d1", date="2024-01-05"),
        event(2, "AidTransfer", "A", "C", ["Food"], doc="d2", date="2024-02"),
        event(3, "AidTransfer", "C", "A", ["Energy"], doc="d3"),  # no date: its article's month
        event(4, "Casualty", "B", "C", doc="d4"),  # no date anywhere
    ]
    f = facts_of(evs, docs={f"{ID}doc/d3": "2024-02-20"})
    assert [event_month(f, e) for e in evs] == ["2024-01", "2024-02", "2024-02", "undated"]
    assert months(f) == ["2024-01", "2024-02", "undated"]
    result = stats(f)
    assert list(result["months"]) == ["2024-01", "2024-02", "undated"]
    feb = result["months"]["2024-02"]
    assert {(r["giver"], r["recipient"]) for r in feb["aid"]} == {("A", "C"), ("C", "A")}
    assert {r["actor"] for r in result["months"]["2024-01"]["central"]} == {"A", "B"}
    assert sum(r["n"] for r in result["all"]["counts"] if r["what"] == "events") == 4


def test_contested_when_one_asserts_and_another_denies_or_counts_differ():
    told = event(1, "Deployment", "A", "B", doc="d1", count=1000)  # stated, no claim: its article asserts it
    denied = event(2, "Deployment", "A", "B", doc="d2", count=1700)
    quiet = event(3, "Deployment", "A", "C", doc="d1")
    claims = [ClaimRec(f"{ID}claim/1", about=denied.iri, certainty="Denied", claimant=country("A"))]
    rows = Analytics(facts_of([told, denied, quiet], claims)).contested()
    assert len(rows) == 1
    row = rows[0]
    assert (row["event"], row["agent"], row["recipient"]) == ("Deployment", "A", "B")
    assert row["asserted_by"] == ["title of d1"] and row["denied_by"] == ["A"]
    assert row["counts"] == ["1000 (title of d1)", "1700 (title of d2)"]
    assert row["events"] == sorted([told.iri, denied.iri])
    # two articles that agree contest nothing
    agree = [event(1, "Deployment", "A", "B", doc="d1", count=5), event(2, "Deployment", "A", "B", doc="d2", count=5)]
    assert Analytics(facts_of(agree)).contested() == []


def test_formats():
    evs = [
        event(1, "AidTransfer", "A", "B", ["Food"], date="2024-01"),
        event(2, "Deployment", "B", "C", date="2024-02"),
    ]
    result = stats(facts_of(evs))
    assert json.loads(format_stats(result, "json")) == result
    rows = list(csv.DictReader(io.StringIO(format_stats(result, "csv"))))
    assert {r["section"] for r in rows} >= {"counts", "central", "aid", "communities"}
    assert {r["month"] for r in rows} == {"all", "2024-01", "2024-02"}
    assert [r["giver"] for r in rows if r["section"] == "aid" and r["month"] == "all"] == ["A"]
    table = format_stats(result, "table")
    assert "== central (all months) ==" in table and "== aid (2024-01) ==" in table
    assert "https://" not in table  # IRIs are for programs, not for the tables


def test_names_lose_their_bidi_controls():
    evs = [event(1, "Communication", "A", "B")]
    f = facts_of(evs)
    f.entities[country("A")].labels["en"] = "\u202eAlpha\u202c"
    assert Analytics(f).central()[0]["actor"] in ("Alpha", "B")
    assert "\u202e" not in format_stats(stats(f), "table")


def run_kg(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)], capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def dev_graph(tmp_path_factory):
    if not DEV_CORPUS.is_dir():
        pytest.skip("dev corpus (../shared/corpus/dev) not present")
    out = tmp_path_factory.mktemp("dev-build")
    r = run_kg("build", DEV_CORPUS, "--out", out, "--no-views")
    assert r.returncode == 0, r.stderr
    return out / "graph.trig"


def test_kg_stats_on_the_dev_corpus(dev_graph):
    from rdflib import RDF

    from kg.export import read, union_graph
    from kg.model import EVENT_TYPES
    from kg.rdf import KG

    r = run_kg("stats", "--graph", dev_graph, "--format", "json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    # the event counts agree with the RDF itself
    union = union_graph(read(dev_graph))
    expected = Counter()
    for t in EVENT_TYPES:
        expected[t] = len(set(union.subjects(RDF.type, KG[t])))
    got = {row["type"]: row["n"] for row in result["all"]["counts"] if row["what"] == "events"}
    assert got == {t: n for t, n in expected.items() if n}
    # month by month, the events add up to the total
    monthly = Counter()
    for section in result["months"].values():
        for row in section["counts"]:
            if row["what"] == "events":
                monthly[row["type"]] += row["n"]
    assert monthly == Counter(got)
    central = result["all"]["central"]
    assert len(central) == 10
    assert [r["pagerank"] for r in central] == sorted((r["pagerank"] for r in central), reverse=True)
    assert result["all"]["aid"] and result["all"]["communities"]
    aid_events = sum(r["events"] for r in result["all"]["aid"])
    assert aid_events >= got["AidTransfer"]  # each aid event in at least one category row
    for fmt in ("table", "csv"):
        r = run_kg("stats", "--graph", dev_graph, "--format", fmt)
        assert r.returncode == 0 and "Russia" in r.stdout, r.stderr


def test_kg_stats_on_a_missing_graph(tmp_path):
    r = run_kg("stats", "--graph", tmp_path / "none.trig")
    assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.startswith("error: ")
