"""Read-only means read-only: Cypher without --write, SPARQL without --allow-service (issue #13)."""

import socket
import threading

import pytest

from kg.cypher_guard import check_read_only
from kg.errors import QueryError
from kg.query import available, load_query

from ..conftest import EXAMPLES
from .test_cli import assert_one_line_error, kg_here

REFUSED = [
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load csv with headers from 'https://example.org/x.csv' as r return r",
    "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "RETURN apoc.text.join(['a'], ',') AS x",
    "CALL `apoc`.load.json('x')",
    "CALL dbms.components()",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "SHOW USERS",
    "CREATE USER mallory SET PASSWORD 'secret123'",
    "GRANT ROLE admin TO mallory",
    "STOP DATABASE neo4j",
    "USE system SHOW USERS",
    "MATCH (n) /* a comment */ DETACH DELETE n",
    "MATCH (n) RETURN n; DROP INDEX entity_name",
    "CALL { MATCH (n) SET n.x = 1 } IN TRANSACTIONS",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = x)",
    "RETURN 'an unclosed string",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_read_only_cypher_refuses_files_urls_procedures_admin_and_writes(statement):
    with pytest.raises(QueryError, match="refused in read-only mode"):
        check_read_only(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n:Country) RETURN n.name AS name LIMIT 5",
        "MATCH (n {set: 1}) RETURN n.set, n.load AS load, date.truncate('month', date()) AS d",
        "MATCH (n) WHERE n.name = 'LOAD CSV FROM x' RETURN n // DELETE everything",
        "CALL db.labels() YIELD label RETURN label",
        "CALL { MATCH (n) RETURN n } RETURN count(n) AS c",
        "MATCH (`weird name`:Actor) RETURN `weird name`.name",
        *[load_query(name).cypher for name in available()],
    ],
)
def test_read_only_cypher_lets_reading_queries_through(statement):
    check_read_only(statement)


def test_kg_cypher_refuses_load_csv_before_asking_any_server():
    r = kg_here("cypher", "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "--uri", "bolt://127.0.0.1:9")
    assert_one_line_error(r, 2, "LOAD CSV reads files and URLs")
    assert "root:" not in r.stdout


@pytest.fixture
def listener():
    """A real TCP server that counts who connects."""
    server = socket.create_server(("127.0.0.1", 0))
    seen = []

    def accept():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            seen.append(conn)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1], seen
    server.close()


def test_sparql_service_and_from_are_refused_and_nothing_connects(tmp_path, listener):
    port, seen = listener
    assert kg_here("build", EXAMPLES, "--out", tmp_path, "--no-views").returncode == 0
    graph = tmp_path / "graph.trig"
    service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    assert_one_line_error(kg_here("sparql", service, "--graph", graph), 2, "pass --allow-service")
    frm = f"SELECT * FROM <http://127.0.0.1:{port}/g.ttl> WHERE {{ ?s ?p ?o }}"
    assert_one_line_error(kg_here("sparql", frm, "--graph", graph), 2, "FROM")
    assert seen == []
    r = kg_here("sparql", service, "--graph", graph, "--allow-service")  # allowed: it does ask, and fails cleanly
    assert_one_line_error(r, 2, "SPARQL query failed")
    assert len(seen) >= 1
