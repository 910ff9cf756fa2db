"""Named queries answered from a built graph with their SPARQL twins (queries/*.rq), no server.

That the rows equal those of the Cypher on a real Neo4j is tested in
tests/integration/test_named_queries_both_ways.py; here the SPARQL path alone.
"""

from __future__ import annotations

import json
import re

import pytest

from kg.errors import QueryError
from kg.query import NamedQuery, available, load_query, parse_params
from kg.sparql import query_graph, run_named

from ..conftest import run_kg


def return_columns(cypher: str) -> list[str]:
    """The column names of a Cypher query's final RETURN, in order."""
    clause = cypher[cypher.rindex("RETURN") + len("RETURN") :]
    clause = re.split(r"\bORDER BY\b", clause)[0]
    items, depth, item = [], 0, ""
    for ch in clause:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(item)
            item = ""
        else:
            item += ch
    items.append(item)
    return [re.split(r"\s+AS\s+", i.strip())[-1].strip() for i in items]


@pytest.fixture(scope="module")
def graph(examples_build):
    return query_graph(examples_build.dataset)


def ask(graph, query: str, **params) -> list[dict]:
    q = load_query(query)
    return run_named(graph, q, {**q.params, **params})


def test_every_named_query_has_both_backends_with_the_same_parameters():
    for name in available():
        q = load_query(name)  # raises when the .cypher and .rq declare different parameters
        assert q.backends == ["cypher", "sparql"], name


@pytest.mark.parametrize("name", available())
def test_each_sparql_twin_gives_the_columns_of_its_cypher_in_order(graph, name):
    rows = ask(graph, name)
    assert rows, f"{name} finds nothing in the examples"
    assert list(rows[0]) == return_columns(load_query(name).cypher)


def test_deployments_by_english_or_arabic_name_and_lists_as_lists(graph):
    rows = ask(graph, "deployments", provider="North Korea")
    assert rows and {r["provider"] for r in rows} == {"North Korea"}
    assert ask(graph, "deployments", provider="كوريا الشمالية") == rows
    russia = next(r for r in rows if r["recipient"] == "Russia")
    assert "Kursk" in russia["locations"] and russia["articles"] >= 1
    assert all(isinstance(r["locations"], list) for r in rows)
    assert ask(graph, "deployments", provider="Atlantis") == []


def test_aid_flow_filters(graph):
    food = ask(graph, "aid_flows", category="Food")
    assert food and {r["category"] for r in food} == {"Food"}
    every = ask(graph, "aid_flows")
    assert len(every) > len(food)
    assert [(r["provider"], r["recipient"], r["category"]) for r in every] == sorted(
        (r["provider"], r["recipient"], r["category"]) for r in every
    )
    dated = [r for r in every if r["date"]]
    month = dated[0]["date"][:7]
    in_month = ask(graph, "aid_flows", since=month, until=month)
    assert in_month and all(r["date"] and r["date"].startswith(month) for r in in_month)


def test_timeline_is_in_date_order_and_categories_are_null_when_absent(graph):
    rows = ask(graph, "timeline")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and all(dates)
    assert any(r["categories"] is None for r in rows) and any(r["categories"] for r in rows)
    later = ask(graph, "timeline", since=dates[len(dates) // 2])
    assert 0 < len(later) < len(rows)


def test_claims_filter_by_certainty_and_give_the_first_evidence(graph):
    denied = ask(graph, "claims", certainty="Denied")
    assert denied and {r["certainty"] for r in denied} == {"Denied"}
    assert all(isinstance(r["evidence"], str) and r["evidence"] for r in denied)


def test_neighbourhood_and_profile_of_an_actor(graph):
    links = ask(graph, "neighbourhood", name="Russia")
    assert links and {r["actor"] for r in links} == {"Russia"}
    assert {r["relation"] for r in links} <= {"DEPLOYED_TO", "SENT_AID"}
    assert {r["direction"] for r in links} == {"in", "out"}
    profile = ask(graph, "actor_profile", name="روسيا")
    assert profile and profile[0]["name_en"] == "Russia" and profile[0]["wikidata"] == "Q159"


def test_shortest_path_links_the_two_actors(graph):
    (row,) = ask(graph, "shortest_path")
    assert row["path"][0] == "North Korea" and row["path"][-1] == "Russia"
    assert row["hops"] == len(row["path"]) - 1 >= 1
    assert ask(graph, "shortest_path", to="Atlantis") == []


def test_contested_finds_what_the_views_mark(graph, examples_build):
    from kg.analytics import Analytics
    from kg.facts import read_facts

    rows = ask(graph, "contested")
    expected = Analytics(read_facts(examples_build.dataset)).contested()
    assert expected
    key = ("event", "agent", "recipient", "asserted_by", "denied_by")

    def cells(row):
        return tuple(str(sorted(row[k]) if isinstance(row[k], list) else row[k] or "") for k in key)

    assert sorted(map(cells, rows)) == sorted(map(cells, expected))


def test_a_parameter_is_a_value_never_query_text(graph):
    # a name that would close the string and add a pattern if it were pasted into the query
    assert ask(graph, "deployments", provider='x") } UNION { ?a ?b ?c') == []


def test_a_query_without_a_sparql_twin_says_so():
    q = NamedQuery("only_cypher", "MATCH (n) RETURN n", "", {})
    with pytest.raises(QueryError, match="no SPARQL version"):
        run_named(None, q, {})


def test_kg_query_graph_needs_no_server(examples_build, tmp_path):
    env = {"NEO4J_URI": "bolt://127.0.0.1:9"}  # nothing listens there
    r = run_kg("query", "deployments", "--graph", examples_build.graph_path, "--format", "json", env=env)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    q = load_query("deployments")
    assert rows == json.loads(json.dumps(run_named(examples_build.dataset, q, parse_params([], q.params))))
    r = run_kg("query", "claims", "-g", examples_build.graph_path, "-p", "colour=red", env=env)
    assert r.returncode == 2 and "takes no parameter" in r.stderr and "Traceback" not in r.stderr
    r = run_kg("query", "claims", "-g", tmp_path / "missing.trig", env=env)
    assert r.returncode != 0 and "missing.trig" in r.stderr and "Traceback" not in r.stderr


def test_kg_queries_lists_the_backends_of_each_query():
    r = run_kg("queries")
    assert r.returncode == 0, r.stderr
    lines = {line.split()[0]: line for line in r.stdout.splitlines()}
    assert set(lines) == set(available())
    assert all("neo4j+file" in line for line in lines.values())
