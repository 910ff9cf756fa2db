"""Against a real Neo4j: concurrent loads, killed loads, held locks, timeouts, bad input (issue #13)."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from ..conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.neo4j


def kg_process(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def kg(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    proc = kg_process(*args, env=env)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()  # a hang: fail, and leave no process behind
        proc.communicate()
        raise
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def one_line_error(r, contains):
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ") and contains in lines[0], r.stderr


def everything(store) -> tuple:
    """Nodes, and relationships with their type, ends and graphs: equal only when nothing is doubled or lost."""
    nodes = store.run("MATCH (n) RETURN labels(n) AS l, n.iri AS iri, n.graphs AS g ORDER BY iri")
    rels = store.run(
        "MATCH (a)-[r]->(b) RETURN a.iri AS a, type(r) AS t, r.category AS c, b.iri AS b, r.graphs AS g "
        "ORDER BY a, t, c, b"
    )
    return [tuple(r.values()) for r in nodes], [tuple(r.values()) for r in rels]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("faults")
    return build([EXAMPLES], out / "b", write_views=False).graph_path


@pytest.fixture
def uri(neo4j_settings):
    return neo4j_settings.uri


def test_concurrent_loads_into_one_database_duplicate_nothing(store, graph_file, uri):
    """Three `kg load` processes at once, four times over: always what one load alone writes."""
    assert kg("load", graph_file, "--uri", uri).returncode == 0
    alone = everything(store)
    for _ in range(4):
        store.run("MATCH (n) DETACH DELETE n", write=True)
        procs = [kg_process("load", graph_file, "--uri", uri) for _ in range(3)]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        assert [code for code, _ in results] == [0, 0, 0], results
        assert everything(store) == alone


def test_a_load_killed_half_way_is_completed_by_the_next_one_after_its_lock_goes_stale(store, graph_file, uri):
    """SIGKILL once the load holds the lock, and once its first nodes are in: the rerun takes the lock over."""
    assert kg("load", graph_file, "--uri", uri).returncode == 0
    alone = everything(store)
    env = {"NEO4J_LOCK_STALE": "3"}
    triggers = {
        "holding the lock": "MATCH (l:NewsKGLock) RETURN count(l) > 0 AS yes",
        "writing nodes": "MATCH (n:Resource) RETURN count(n) > 0 AS yes",
    }
    for moment, query in triggers.items():
        store.run("MATCH (n) DETACH DELETE n", write=True)
        proc = kg_process("load", graph_file, "--uri", uri, env=env)
        while proc.poll() is None and not store.run(query)[0]["yes"]:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL, f"the load ended before it could be killed {moment}"
        assert store.run("MATCH (l:NewsKGLock) RETURN count(l) AS n")[0]["n"] == 1  # left behind by the kill
        r = kg("load", graph_file, "--uri", uri, env=env)
        assert r.returncode == 0, r.stderr
        assert everything(store) == alone, moment


def test_a_lock_held_by_another_writer_makes_load_wait_then_say_who(store, graph_file, uri):
    store.run(
        "CREATE (:NewsKGLock {name: 'writer', owner: 'kg load pid 1 on elsewhere', beat: timestamp()})", write=True
    )
    started = time.monotonic()
    r = kg("load", graph_file, "--uri", uri, env={"NEO4J_LOCK_WAIT": "2", "NEO4J_LOCK_STALE": "600"})
    assert time.monotonic() - started < 60
    one_line_error(r, "kg load pid 1 on elsewhere has been writing")
    assert store.counts() == (0, 0)  # it waited; it wrote nothing


def test_an_abandoned_lock_is_taken_over(store, graph_file, uri):
    store.run("CREATE (:NewsKGLock {name: 'writer', owner: 'a killed load', beat: timestamp() - 3600000})", write=True)
    r = kg("load", graph_file, "--uri", uri, env={"NEO4J_LOCK_STALE": "60"})
    assert r.returncode == 0, r.stderr
    assert store.run("MATCH (l:NewsKGLock) RETURN count(l) AS n")[0]["n"] == 0  # released at the end


def test_a_transaction_over_the_time_limit_is_stopped_with_a_message_saying_so(store, uri):
    started = time.monotonic()
    r = kg(
        "cypher",
        "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n",
        "--uri",
        uri,
        env={"NEO4J_QUERY_TIMEOUT": "1"},
    )
    assert time.monotonic() - started < 60
    one_line_error(r, "ran longer than 1 s and the server stopped it (transaction timeout, NEO4J_QUERY_TIMEOUT)")


def test_an_unmappable_predicate_writes_nothing(store, tmp_path):
    from rdflib import RDF, Dataset, URIRef

    from kg.errors import RdfError
    from kg.rdf import ID, KG

    ds = Dataset()
    g = ds.graph(ID["graph/x"])
    for i in range(50):
        g.add((ID[f"thing/{i}"], RDF.type, KG.Country))
    g.add((ID["thing/0"], URIRef("https://example.org/has-part"), ID["thing/1"]))
    with pytest.raises(RdfError, match="has-part"):
        store.load(ds)
    assert store.counts() == (0, 0)


def test_read_only_cypher_cannot_read_files_even_with_write_on_the_bundled_server(store, uri):
    r = kg("cypher", "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "--uri", uri)
    one_line_error(r, "refused in read-only mode")
    r = kg("cypher", "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "--uri", uri, "--write")
    one_line_error(r, "allow_csv_import_from_file_urls")  # scripts/neo4j.sh turns file URLs off
    assert "root:" not in r.stdout
    for admin in (
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW USERS",
        "CREATE USER m SET PASSWORD 'p1234567'",
    ):
        one_line_error(kg("cypher", admin, "--uri", uri), "refused in read-only mode")


def test_a_write_that_got_past_the_check_is_still_refused_by_the_servers_read_mode(store, monkeypatch):
    from kg.errors import QueryError
    from kg.neo4j_store import connection as neo4j_store

    monkeypatch.setattr(neo4j_store, "check_read_only", lambda statement: None)
    with pytest.raises(QueryError, match="pass --write"):
        store.run("CREATE (:Scratch {x: 1})")
    assert store.run("MATCH (s:Scratch) RETURN count(s) AS n", write=True)[0]["n"] == 0


def test_server_notices_do_not_reach_stderr(store, uri):
    for statement in ("MATCH (a:NoSuchLabel) RETURN count(a) AS n", "MATCH (a) WHERE id(a) = -1 RETURN a"):
        r = kg("cypher", statement, "--uri", uri)
        assert r.returncode == 0 and r.stderr == "", r.stderr


class FreezingProxy:
    """A real TCP relay to the test server that can stop passing bytes on: a frozen server, as a client sees it."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.frozen = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
                upstream = socket.create_connection(self.target)
            except OSError:
                return
            self.sockets += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src, dst):
        try:
            while data := src.recv(65536):
                while self.frozen.is_set():  # hold what came in; pass nothing on
                    time.sleep(0.05)
                dst.sendall(data)
        except OSError:
            pass

    def close(self):
        self.server.close()
        for s in self.sockets:
            s.close()


def test_a_server_that_stops_answering_mid_load_ends_it_with_a_message_and_a_rerun_completes(
    store, graph_file, neo4j_settings
):
    from urllib.parse import urlsplit

    assert kg("load", graph_file, "--uri", neo4j_settings.uri).returncode == 0
    alone = everything(store)
    store.run("MATCH (n) DETACH DELETE n", write=True)
    target = urlsplit(neo4j_settings.uri)
    proxy = FreezingProxy(target.hostname, target.port or 7687)
    env = {"NEO4J_QUERY_TIMEOUT": "2", "NEO4J_CONNECT_TIMEOUT": "2", "NEO4J_LOCK_STALE": "3"}
    try:
        proc = kg_process("load", graph_file, "--uri", f"bolt://127.0.0.1:{proxy.port}", env=env)
        while proc.poll() is None and not store.run("MATCH (n:Resource) RETURN count(n) > 0 AS yes")[0]["yes"]:
            time.sleep(0.01)
        assert proc.poll() is None, "the load ended before the server could be frozen"
        proxy.frozen.set()
        frozen_at = time.monotonic()
        out, err = proc.communicate(timeout=120)
        waited = time.monotonic() - frozen_at
    finally:
        proxy.close()
    result = subprocess.CompletedProcess([], proc.returncode, out, err)
    assert result.returncode == 4
    one_line_error(result, "Neo4j at bolt://127.0.0.1:")
    assert "stopped answering" in err or "did not answer within 2 s" in err
    assert waited < 2 + 3 * 2 + 10  # the limits, plus time to notice
    r = kg("load", graph_file, "--uri", neo4j_settings.uri, env=env)
    assert r.returncode == 0, r.stderr
    assert everything(store) == alone


from hypothesis import HealthCheck, given, settings  # noqa: E402

from ..unit.test_cli import kg_here  # noqa: E402
from ..unit.test_properties import assert_clean, rdf_files  # noqa: E402


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=rdf_files)
def test_random_rdf_loads_or_is_refused_in_one_line_and_loads_twice_the_same(store, tmp_path_factory, uri, body):
    path = tmp_path_factory.mktemp("rdf") / "graph.nq"
    path.write_text(body, encoding="utf-8", errors="surrogatepass")
    store.run("MATCH (n) DETACH DELETE n", write=True)
    first = kg_here("load", path, "--uri", uri)
    assert_clean(first, allowed=(0, 2))
    if first.returncode == 0:
        counts = store.counts()
        assert_clean(kg_here("load", path, "--uri", uri), allowed=(0,))
        assert store.counts() == counts
    else:
        assert store.counts() == (0, 0)  # refused before anything was written
