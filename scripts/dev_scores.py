#!/usr/bin/env python3
"""Build the dev corpus per language and score it with the shared evaluator.

    .venv/bin/python scripts/dev_scores.py [--corpus DIR] [--gold DIR] [--verbose]

Splits ``world-news.jsonl`` (and the seed .txt) by language into a temporary
folder, runs ``kg build`` on all, on Arabic alone and on English alone, and prints
``kg_eval.py``'s summary for each. Development tool: not part of the package.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "dev"))
    ap.add_argument("--gold", default=str(SHARED / "eval" / "gold"))
    ap.add_argument("--eval", default=str(SHARED / "eval" / "kg_eval.py"))
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--only", choices=["all", "ar", "en"], default=None)
    args = ap.parse_args()
    corpus, gold = Path(args.corpus), Path(args.gold)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for lang in ("ar", "en"):
            (tmp / lang).mkdir()
        for txt in corpus.glob("*.txt"):
            lang = "ar" if txt.name.startswith("ar") else "en"
            (tmp / lang / txt.name).write_text(txt.read_text(encoding="utf-8"), encoding="utf-8")
        for jl in corpus.glob("*.jsonl"):
            by_lang: dict[str, list[str]] = {"ar": [], "en": []}
            for line in jl.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    by_lang[json.loads(line).get("lang", "en")].append(line)
            for lang, lines in by_lang.items():
                (tmp / lang / jl.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        golds = {"ar": [], "en": []}
        for g in sorted(gold.glob("*.json")):
            golds[json.loads(g.read_text(encoding="utf-8")).get("lang", "ar" if "_ar_" in g.name else "en")].append(g)
        runs = {"all": ([tmp / "ar", tmp / "en"], golds["ar"] + golds["en"]), "ar": ([tmp / "ar"], golds["ar"]),
                "en": ([tmp / "en"], golds["en"])}
        for name, (srcs, gs) in runs.items():
            if args.only and name != args.only:
                continue
            out = tmp / f"out-{name}"
            # gold docs point at ../../corpus/dev/...: score against the real files
            subprocess.run([str(ROOT / ".venv/bin/kg"), "build", *map(str, srcs), "--out", str(out), "--no-views"],
                           check=True, capture_output=not args.verbose)
            res = subprocess.run([sys.executable, args.eval, str(out / "graph.trig"), *map(str, gs)],
                                 capture_output=True, text=True)
            lines = res.stdout.strip().splitlines()
            print(f"== {name}")
            print("\n".join(lines if args.verbose else lines[-12:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
