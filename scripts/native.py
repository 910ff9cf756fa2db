"""Compile the extractor's hot modules with mypyc, in place, or remove the compiled libraries.

    .venv/bin/python scripts/native.py build    # needs the `native` extra (mypy) and a C compiler
    .venv/bin/python scripts/native.py clean
    .venv/bin/python scripts/native.py status

The modules (kg.native.MODULES) stay plain typed Python; mypyc type-checks them with the
[tool.mypy] settings of pyproject.toml and turns each into a C extension beside its source.
kg/_native.json records the SHA-256 of every source compiled, so that kg uses the sources again,
with a notice, as soon as one of them is edited (kg/native.py). A failed build leaves nothing
behind, and kg runs on the sources: slower, same output.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import native  # noqa: E402


def clean() -> None:
    for module in native.MODULES:
        for f in native.compiled_files(module):
            f.unlink()
    for f in native.PACKAGE.glob(native.GROUP.rsplit(".", 1)[1] + "__mypyc.*"):
        f.unlink()
    native.MANIFEST.unlink(missing_ok=True)


def build() -> int:
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as e:
        print(f"native: cannot compile ({e.name} missing: pip install -e '.[native]'); kg runs on the sources")
        return 1
    clean()
    digests = {m: native.digest(m) for m in native.MODULES}
    sources = [str(native.source_of(m).relative_to(ROOT)) for m in native.MODULES]
    here = os.getcwd()
    # setuptools reads the pyproject.toml of the folder it runs in, and this one is hatchling's: build
    # in a scratch folder whose "kg" is ours, so the libraries land beside the sources
    with tempfile.TemporaryDirectory(prefix="kg-mypyc-") as tmp:
        os.symlink(ROOT / "kg", Path(tmp) / "kg")
        os.chdir(tmp)
        try:
            setup(
                name="newskg-native",
                ext_modules=mypycify(
                    ["--config-file", str(ROOT / "pyproject.toml"), *sources],
                    opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"),
                    group_name=native.GROUP,
                ),
                script_args=["-q", "build_ext", "--inplace"],
            )
        except (SystemExit, Exception) as e:  # mypy's type errors end in SystemExit, a compiler's in an Exception
            clean()
            print(f"native: compiling failed ({e}); kg runs on the sources", file=sys.stderr)
            return 1
        finally:
            os.chdir(here)
    native.MANIFEST.write_text(json.dumps({"sha256": digests}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"native: compiled {', '.join(native.MODULES)}")
    return 0


def status() -> int:
    stale = native._stale()
    built = all(native.compiled_files(m) for m in native.MODULES)
    if not built:
        print("not compiled")
    else:
        print("compiled, stale: " + ", ".join(stale) if stale else "compiled, up to date")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "build"
    if command not in ("build", "clean", "status"):
        sys.exit(__doc__)
    sys.exit({"build": build, "clean": lambda: clean() or 0, "status": status}[command]())
