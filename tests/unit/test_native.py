"""The mypyc-compiled extractor (kg/native.py, scripts/native.py): the same output as the sources, and
never a stale library shadowing an edited source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import native

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
COMPILED = all(native.compiled_files(m) for m in native.MODULES) and not native._stale()

# scripts/install.sh compiles them; on CI (a fresh machine with a C compiler) they must be there
needs_compiled = pytest.mark.skipif(
    not COMPILED and not os.environ.get("CI"), reason="extractor not compiled (scripts/native.py build)"
)


def _run(code: str, env: dict | None = None, path: Path = ROOT) -> subprocess.CompletedProcess:
    """Python code in a fresh process that imports kg from ``path``, compiled unless KG_PURE_PYTHON is given."""
    parent = {k: v for k, v in os.environ.items() if k != "KG_PURE_PYTHON"}
    full = {**parent, "PYTHONPATH": str(path), **(env or {})}
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, cwd=path)


WHICH = "import kg.native as n, kg.extract.rules as r, kg.textnorm as t; print(n.mode()); print(r.__file__, t.__file__)"


@needs_compiled
def test_the_compiled_modules_are_used_when_built_from_todays_sources():
    assert COMPILED, "scripts/install.sh should have compiled the extractor (scripts/native.py build)"
    got = _run(WHICH)
    assert got.returncode == 0, got.stderr
    mode, files = got.stdout.splitlines()
    assert mode == "compiled (mypyc)" and all(f.endswith(".so") for f in files.split())
    assert got.stderr == ""


@needs_compiled
def test_kg_pure_python_runs_the_sources():
    got = _run(WHICH, {"KG_PURE_PYTHON": "1"})
    mode, files = got.stdout.splitlines()
    assert mode == "pure Python" and all(f.endswith(".py") for f in files.split())


@needs_compiled
def test_an_edited_source_is_run_instead_of_its_stale_library(tmp_path):
    copy = tmp_path / "tree"
    shutil.copytree(ROOT / "kg", copy / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    rules = copy / "kg" / "extract" / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    got = _run(WHICH + "; print(r.EDITED)", path=copy)
    assert got.returncode == 0, got.stderr
    mode, files, edited = got.stdout.splitlines()
    assert mode == "pure Python" and edited == "True" and all(f.endswith(".py") for f in files.split())
    assert "kg/extract/rules.py changed since compiled" in got.stderr and len(got.stderr.splitlines()) == 1


@needs_compiled
@pytest.mark.skipif(not DEV.is_dir(), reason="dev corpus not here")
def test_compiled_and_source_extractors_write_the_same_graph(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}
    graphs = []
    for name, extra in (("compiled", {}), ("sources", {"KG_PURE_PYTHON": "1"})):
        out = tmp_path / name
        argv = ["kg", "build", str(DEV), str(ROOT / "examples"), "--out", str(out), "--no-views"]
        got = _run(f"import sys; from kg.cli import main; sys.argv = {argv!r}; main()", {**env, **extra})
        assert got.returncode == 0, got.stderr
        graphs.append((out / "graph.trig").read_bytes())
    assert graphs[0] == graphs[1] and len(graphs[0]) > 100_000


def test_the_compiled_modules_type_check():
    """mypyc compiles only code that type-checks: an edit that breaks it would silently leave kg on the sources."""
    pytest.importorskip("mypy")
    got = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert got.returncode == 0, got.stdout[-2000:]
