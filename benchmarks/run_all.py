"""Every benchmark in one run, one table at the end.

    .venv/bin/python -m benchmarks [--quick] [--only NAME,...] [--markdown]

Each benchmark runs as its own process (`python -m benchmarks.NAME ...`), one after
the other, so that one failing or missing a server does not stop the others: the table
says "skipped" and why (no Neo4j answering at $NEO4J_URI, no Chromium). `--quick` runs
small sizes only, to check that everything runs; the numbers then mean little.
The benchmarks and what they print are described in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def _neo4j_answers() -> str | None:
    """None if a Neo4j port answers at $NEO4J_URI, else why not."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return "no Neo4j: set NEO4J_URI (it WIPES that database)"
    u = urlparse(uri)
    try:
        socket.create_connection((u.hostname or "127.0.0.1", u.port or 7687), timeout=3).close()
    except OSError as e:
        return f"no Neo4j answering at {uri} ({e.strerror or e})"
    return None


def _chromium() -> str | None:
    return None if shutil.which("chromedriver") or Path("/usr/bin/chromedriver").exists() else "no chromedriver"


@dataclass
class Bench:
    name: str
    args: list[str]
    quick: list[str]
    picks: list[str]  # regexes: the lines of its output that go into the table
    needs: object = None  # a function returning None, or why it cannot run


BENCHES = [
    Bench("extract_speed", ["--n", "2000"], ["--n", "50", "--synthetic", "20"],
          [r"^\s+all ", r"^goal", r"^whole run"]),
    Bench("build_scale", ["--sizes", "10000,100000", "--jobs-n", "2000"], ["--sizes", "100,300", "--jobs-n", "100"],
          [r"^build", r"^peak memory"]),
    Bench("neo4j_load", ["1000000"], ["20000"], [r"^kg Store.load", r"^rdflib-neo4j", r"^ratio", r"bulk"],
          _neo4j_answers),
    Bench("rdf_million", ["1000000"], ["20000"], [r"^(memory|oxigraph) ", r"^ratio"]),
    Bench("views_big", ["5000"], ["300"], [r"^render", r"^load"], _chromium),
]  # fmt: skip


def run(bench: Bench, quick: bool) -> list[tuple[str, str]]:
    why = bench.needs() if callable(bench.needs) else None
    if why:
        return [(bench.name, f"skipped: {why}")]
    cmd = [sys.executable, "-m", f"benchmarks.{bench.name}", *(bench.quick if quick else bench.args)]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    took = time.monotonic() - started
    if proc.returncode != 0:
        last = (proc.stderr.strip() or proc.stdout.strip() or "no output").splitlines()[-1]
        return [(bench.name, f"failed ({proc.returncode}): {last[:200]}")]
    rows = []
    for line in proc.stdout.splitlines():
        if any(re.search(p, line) for p in bench.picks):
            rows.append((bench.name, line.strip()))
    return rows or [(bench.name, f"ran in {took:.0f} s; nothing to report")]


def main(argv: list[str] | None = None) -> list[tuple[str, str]]:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: check that every benchmark runs")
    ap.add_argument("--only", default="", help="comma-separated benchmark names")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    args = ap.parse_args(argv)
    only = {n for n in args.only.split(",") if n}
    unknown = only - {b.name for b in BENCHES}
    if unknown:
        raise SystemExit(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(b.name for b in BENCHES)}"
        )
    rows: list[tuple[str, str]] = []
    load = os.getloadavg()[0]
    for bench in BENCHES:
        if only and bench.name not in only:
            continue
        print(f"running {bench.name} ...", file=sys.stderr, flush=True)
        rows += run(bench, args.quick)
    cores = len(os.sched_getaffinity(0))
    header = f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {cores} cores, load average {load:.1f} at the start"
    if args.markdown:
        print(f"Run of {header}\n\n| benchmark | result |\n|---|---|")
        for name, value in rows:
            print(f"| {name} | {value.replace('|', '/')} |")
    else:
        print(header)
        width = max(len(n) for n, _ in rows) if rows else 10
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
    return rows


if __name__ == "__main__":
    main()
