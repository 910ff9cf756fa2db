"""The kg command as a user runs it: exit codes and one clear error line, never a traceback."""

import contextlib
import io
import os
import subprocess
import sys

import pytest

from ..conftest import EXAMPLES, ROOT
from ..conftest import run_kg as kg


def kg_here(*args, cwd=None, env=None):
    """The kg command run in this process (lexicons load once, so it is quicker); same result as kg()."""
    from kg.cli import main

    out, err, code = io.StringIO(), io.StringIO(), 0
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main([str(a) for a in args])
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def assert_one_line_error(result, code=None, contains=""):
    assert result.returncode != 0
    if code is not None:
        assert result.returncode == code
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and contains in lines[0]


def test_help_lists_every_command():
    r = kg("--help")
    assert r.returncode == 0
    for cmd in ("build", "load", "query", "export", "viz", "validate", "sparql", "cypher", "remove"):
        assert cmd in r.stdout


def test_build_writes_graph_and_views(tmp_path):
    r = kg("build", EXAMPLES, "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 1000
    assert len(list((tmp_path / "out" / "views").glob("*.html"))) == 4


def test_build_twice_gives_the_same_graph(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for name in ("a", "b"):
        kg("build", EXAMPLES, "--out", tmp_path / name, "--no-views", env=env)
        assert kg("export", tmp_path / name / "graph.trig", "--format", "nq").returncode == 0
    sorted_lines = [sorted((tmp_path / n / "graph.nq").read_text(encoding="utf-8").splitlines()) for n in "ab"]
    assert sorted_lines[0] == sorted_lines[1]


def test_missing_file(tmp_path):
    assert_one_line_error(kg("build", tmp_path / "nope.txt", "--out", tmp_path / "o"), 2, "no such file")


def test_empty_input_leaves_the_previous_graph_alone(tmp_path):
    out = tmp_path / "out"
    assert kg("build", EXAMPLES, "--out", out, "--no-views").returncode == 0
    before = (out / "graph.trig").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert_one_line_error(kg("build", empty, "--out", out), 2, "no article text")
    assert (out / "graph.trig").read_bytes() == before


def test_binary_and_wrong_encoding(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PNG")
    assert_one_line_error(kg("build", binary, "--out", tmp_path / "o"), 2, "binary")
    latin = tmp_path / "y.txt"
    latin.write_bytes("روسيا".encode("cp1256"))
    assert_one_line_error(kg("build", latin, "--out", tmp_path / "o"), 2, "UTF-8")


def test_malformed_rdf(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not trig {", encoding="utf-8")
    assert_one_line_error(kg("export", bad, "--format", "nt"), 2, "not valid trig")
    assert_one_line_error(kg("validate", bad), 2, "not valid trig")


def test_neo4j_down_is_one_line(tmp_path):
    r = kg("query", "deployments", "--uri", "bolt://127.0.0.1:9")
    assert_one_line_error(r, 4, "cannot reach Neo4j")


def test_unknown_query_name():
    assert_one_line_error(kg("query", "no_such_query", "--uri", "bolt://127.0.0.1:9"), 2, "no named query")


def test_password_is_never_printed():
    r = kg("query", "deployments", "--uri", "bolt://127.0.0.1:9", "--password", "s3cret-Passw0rd")
    assert "s3cret-Passw0rd" not in r.stdout + r.stderr


@pytest.mark.parametrize("fmt,suffix", [("ttl", ".ttl"), ("nt", ".nt"), ("nq", ".nq"), ("jsonld", ".jsonld")])
def test_export_formats(tmp_path, fmt, suffix):
    kg("build", EXAMPLES, "--out", tmp_path, "--no-views")
    r = kg("export", tmp_path / "graph.trig", "--format", fmt)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / f"graph{suffix}").stat().st_size > 1000


def test_sparql_on_a_built_graph(tmp_path):
    kg("build", EXAMPLES, "--out", tmp_path, "--no-views")
    r = kg(
        "sparql",
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Deployment }",
        "--graph",
        tmp_path / "graph.trig",
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    assert '"n": 2' in r.stdout
    assert_one_line_error(kg("sparql", "SELEKT nonsense", "--graph", tmp_path / "graph.trig"), 2, "bad SPARQL")


def test_installed_command_works_outside_the_checkout(tmp_path):
    exe = os.path.join(os.path.dirname(sys.executable), "kg")
    r = subprocess.run(
        [exe, "build", str(EXAMPLES), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "o" / "graph.trig").exists()


def test_the_wheel_carries_ontology_queries_and_lexicons(tmp_path):
    """pip install . into a fresh venv: kg runs from another folder with only what the wheel holds."""
    import sysconfig

    wheel_dir = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    wheel = next(wheel_dir.glob("newskg-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    # dependencies come from the test environment; kg itself only from the wheel
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    code = "import kg, sys; print(kg.__file__); sys.argv = ['kg', *sys.argv[1:]]; from kg.cli import main; main()"
    where = subprocess.run(
        [str(py), "-c", "import kg; print(kg.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert str(venv) in where.stdout
    r = subprocess.run(
        [str(py), "-c", code, "build", str(EXAMPLES), "--out", "out"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    r = subprocess.run(
        [str(py), "-c", code, "validate", "out/graph.trig"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert r.returncode == 0 and "conforms" in r.stdout, r.stderr
    r = subprocess.run(
        [str(py), "-c", code, "queries"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert "deployments" in r.stdout


def test_export_from_neo4j_refuses_a_graph_file_instead_of_ignoring_it(tmp_path):
    r = kg("export", tmp_path / "back.trig", "--from-neo4j", cwd=tmp_path)
    assert r.returncode != 0
    assert "use --out" in r.stderr and "Traceback" not in r.stderr
    assert not list(tmp_path.iterdir())  # nothing written, nothing asked of a server


def test_the_connection_options_are_defined_once_and_every_neo4j_command_has_them():
    import typer

    from kg import cli

    source = (ROOT / "kg" / "cli.py").read_text(encoding="utf-8")
    assert source.count('"--uri"') == source.count('"--password"') == 1
    commands = typer.main.get_command(cli.app).commands
    talk_to_neo4j = {"load", "query", "cypher", "remove", "export", "viz", "stats", "report"}
    for name, command in commands.items():
        options = {opt for p in command.params for opt in p.opts}
        has = {"--uri", "--user", "--password", "--database"} <= options
        assert has == (name in talk_to_neo4j), name


def test_connection_flags_reach_the_settings_and_the_password_is_scrubbed(tmp_path):
    r = kg("query", "deployments", "--uri", "bolt://127.0.0.1:9", "--password", "s3cret-pw-123", cwd=tmp_path)
    assert r.returncode != 0 and "127.0.0.1:9" in r.stderr  # the flag, not the environment, was used
    assert "s3cret-pw-123" not in r.stdout + r.stderr and "Traceback" not in r.stderr
