"""Connection settings and failures that need no Neo4j: bad URIs, silent ports, secrets (issue #13)."""

import socket
import threading
import time

import pytest

from .test_cli import assert_one_line_error, kg, kg_here


@pytest.mark.parametrize(
    "uri,problem",
    [
        ("http://127.0.0.1:7474", "the scheme must be one of"),
        ("bolt://:::", "bad Neo4j URI"),
        ("bolt://127.0.0.1:99999", "out of range"),
        ("bolt://127.0.0.1:0", "not between 1 and 65535"),
        ("bolt://", "no host name"),
    ],
)
def test_a_bad_uri_is_one_line_before_any_connection(uri, problem):
    assert_one_line_error(kg_here("query", "deployments", "--uri", uri), 2, problem)


def test_a_password_inside_the_uri_is_never_printed():
    for args in (
        ["query", "deployments", "--uri", "bolt://neo4j:Secret-In-Uri-42@127.0.0.1:9"],
        ["query", "deployments", "--uri", "http://neo4j:Secret-In-Uri-42@127.0.0.1:9"],
        ["cypher", "RETURN 1", "--uri", "bolt://neo4j:Secret-In-Uri-42@127.0.0.1:99999"],
    ):
        r = kg_here(*args)
        assert r.returncode != 0 and "Traceback" not in r.stderr
        assert "Secret-In-Uri-42" not in r.stdout + r.stderr
        assert "neo4j:***@" in r.stderr or "bolt://127.0.0.1:9 " in r.stderr  # shown masked, or without user info


@pytest.fixture
def silent_port():
    """A real TCP server that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for conn in accepted:
        conn.close()


def test_a_port_that_accepts_and_never_answers_fails_fast_saying_what_timed_out(silent_port):
    started = time.monotonic()
    r = kg("query", "deployments", "--uri", f"bolt://127.0.0.1:{silent_port}", env={"NEO4J_CONNECT_TIMEOUT": "2"})
    took = time.monotonic() - started
    assert_one_line_error(r, 4, "did not answer within 2 s (connection timeout, NEO4J_CONNECT_TIMEOUT)")
    assert took < 20  # 2 s of waiting, plus starting Python


def test_a_timeout_that_is_not_a_number_is_one_line():
    r = kg_here("query", "deployments", env={"NEO4J_QUERY_TIMEOUT": "soon"})
    assert_one_line_error(r, 2, "NEO4J_QUERY_TIMEOUT='soon'")


def test_whitespace_only_and_foreign_rdf_are_refused_by_load_and_validate(tmp_path):
    blank = tmp_path / "blank.trig"
    blank.write_text("  \n\n", encoding="utf-8")
    foreign = tmp_path / "foaf.ttl"
    foreign.write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<http://example.org/a> a foaf:Person ; foaf:name 'A' .\n",
        encoding="utf-8",
    )
    for command in ("load", "validate"):
        args = ["--uri", "bolt://127.0.0.1:9"] if command == "load" else []
        assert_one_line_error(kg_here(command, blank, *args), 2, "holds no triples")
        assert_one_line_error(kg_here(command, foreign, *args), 2, "not a NewsKG graph")


def test_a_predicate_that_cannot_be_a_relationship_type_is_refused_before_connecting(tmp_path):
    bad = tmp_path / "bad.nt"
    kg_class = "<https://w3id.org/newskg/ontology#Country>"
    bad.write_text(
        f"<https://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {kg_class} .\n"
        f"<https://example.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {kg_class} .\n"
        "<https://example.org/a> <https://example.org/has-part> <https://example.org/b> .\n",
        encoding="utf-8",
    )
    # the port is closed: the file is refused without asking any server
    assert_one_line_error(kg_here("load", bad, "--uri", "bolt://127.0.0.1:9"), 2, "has-part")
