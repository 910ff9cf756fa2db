"""Every named query asked both ways of the same build: Cypher on a real Neo4j, SPARQL on the file.

Both must give the same rows in the same order. Where a query leaves order open
(ties in its ORDER BY, the items of a `collect`), the test leaves it open too:
the ORDER BY columns must come in the same sequence, the rows as a whole must be
the same multiset, and list cells are compared sorted.
"""

from __future__ import annotations

import json
import re

import pytest

from kg.pipeline import build
from kg.query import available, load_query
from kg.sparql import query_graph, run_named

from ..conftest import DEV_CORPUS, EXAMPLES

pytestmark = pytest.mark.skipif(not DEV_CORPUS.exists(), reason="../shared/corpus/dev is not here")

# Parameters besides each query's defaults, chosen to hit rows in the dev corpus (and some to hit none).
ASKED = {
    "actor_profile": [{"name": "North Korea"}, {"name": "روسيا"}, {"name": "Atlantis"}],
    "aid_flows": [{"provider": "Russia"}, {"category": "Food"}, {"since": "2025-01", "until": "2025-06"}],
    "claims": [{"certainty": "Denied"}, {"claimant": "Ukraine"}],
    "deployments": [{"provider": "North Korea"}, {"recipient": "روسيا"}],
    "neighbourhood": [{"name": "North Korea"}, {"name": "Türkiye"}],
    "shortest_path": [{"from": "Russia", "to": "Ukraine"}, {"from": "Egypt", "to": "Sudan"}],
    "timeline": [{"since": "2025"}],
}


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory):
    return build([DEV_CORPUS, EXAMPLES], tmp_path_factory.mktemp("dev-build"), write_views=False)


def cells(row: dict) -> dict:
    return {k: sorted(v, key=json.dumps) if isinstance(v, list) else v for k, v in row.items()}


def order_keys(cypher: str) -> list[str]:
    m = re.search(r"ORDER BY (.*)$", cypher.strip())
    return [k.strip() for k in m.group(1).split(",")] if m else []


@pytest.mark.parametrize("name", available())
def test_cypher_on_neo4j_and_sparql_on_the_file_give_the_same_rows(store, dev_build, name):
    store.load(dev_build.dataset)
    graph = query_graph(dev_build.dataset)
    q = load_query(name)
    found = 0
    for asked in [{}, *ASKED.get(name, [])]:
        params = {**q.params, **asked}
        neo4j = [cells(r) for r in store.run(q.cypher, params)]
        sparql = [cells(r) for r in run_named(graph, q, params)]
        found += len(neo4j)
        if name == "shortest_path":  # among equally short paths each may pick another: compare ends and length

            def ends(rows):
                return [(r["path"][0], r["path"][-1], len(r["path"]), r["hops"]) for r in rows]

            assert ends(sparql) == ends(neo4j), params
            continue
        assert [list(r) for r in sparql] == [list(r) for r in neo4j], params  # the same columns in order
        assert sorted(map(json.dumps, sparql)) == sorted(map(json.dumps, neo4j)), params
        keys = order_keys(q.cypher)
        assert [[r[k] for k in keys] for r in sparql] == [[r[k] for k in keys] for r in neo4j], params
    assert found, f"{name} found nothing on Neo4j: the comparison would prove nothing"
