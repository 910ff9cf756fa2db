"""The extractor's hot modules, compiled to C with mypyc when this machine could build them.

``scripts/native.py build`` (run by ``scripts/install.sh``) compiles ``MODULES`` in place: a shared
library beside each source, and ``kg/_native.json`` with the SHA-256 of every source it compiled.
Python imports a compiled module in preference to its source, so ``kg/__init__`` calls ``choose()``
before any of them is imported: the sources are used instead when ``KG_PURE_PYTHON`` is set, or when
a source changed after it was compiled (then one line on stderr says so and how to rebuild). Either
way the output is the same (``tests/unit/test_native.py`` builds the dev corpus both ways); only the
speed differs, about twice as fast compiled. Nothing here is needed for the pure-Python sources.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MODULES = ("kg.textnorm", "kg.phrases", "kg.events", "kg.extract.rules")  # the order mypyc is given them
MANIFEST = PACKAGE / "_native.json"
GROUP = "kg.native_group"  # the shared runtime library of the compiled modules: kg/native_group__mypyc.*.so

_state = {"mode": "pure Python"}


def source_of(module: str) -> Path:
    return PACKAGE.parent.joinpath(*module.split(".")).with_suffix(".py")


def digest(module: str) -> str:
    return hashlib.sha256(source_of(module).read_bytes()).hexdigest()


def compiled_files(module: str) -> list[Path]:
    """The shared libraries of one compiled module that this Python can import (its own version and platform)."""
    src = source_of(module)
    suffixes = [s for s in importlib.machinery.EXTENSION_SUFFIXES if s.count(".") > 1]  # ".cpython-311-...so"
    return [p for p in (src.with_name(src.stem + suffix) for suffix in suffixes) if p.exists()]


def mode() -> str:
    """'compiled (mypyc)' or 'pure Python': what this process runs."""
    return _state["mode"]


class _Sources(importlib.abc.MetaPathFinder):
    """Finds the .py source of the hot modules, ahead of their compiled libraries."""

    def find_spec(self, name, path=None, target=None):
        if name in MODULES:
            return importlib.util.spec_from_file_location(name, source_of(name))
        return None


def _stale() -> list[str]:
    try:
        built = json.loads(MANIFEST.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError):
        return list(MODULES)
    return [m for m in MODULES if built.get(m) != digest(m)]


def choose() -> None:
    """Use the compiled modules if they were built from today's sources, else the sources."""
    if any(m in sys.modules for m in MODULES) or any(isinstance(f, _Sources) for f in sys.meta_path):
        return  # decided already (kg imported twice, or a test reloading it)
    if not all(compiled_files(m) for m in MODULES):
        return  # nothing compiled: the sources are what Python finds anyway
    stale = [] if os.environ.get("KG_PURE_PYTHON") else _stale()
    if not os.environ.get("KG_PURE_PYTHON") and not stale:
        _state["mode"] = "compiled (mypyc)"
        return
    if stale:
        names = ", ".join(str(source_of(m).relative_to(PACKAGE.parent)) for m in stale)
        print(
            f"notice: {names} changed since compiled; running the (slower) sources. "
            "Rebuild with: .venv/bin/python scripts/native.py build",
            file=sys.stderr,
        )
    sys.meta_path.insert(0, _Sources())
