"""Whole builds at scale: articles/s and peak memory of `kg build`, and --jobs 2 against --jobs 1.

    .venv/bin/python -m benchmarks.build_scale [--sizes 10000,100000] [--jobs-n 2000] [--validate]

The corpus is generated: benchmarks/corpus.py recombines the bundled example and fixture
articles (examples/*.txt, tests/data/fixtures/*.txt) with other countries' names and a
number, so every article differs; they are written as one JSON lines file per size.
Each build is the real command (`cli.py build FILE --out DIR --no-views`) in a fresh
process; peak memory is sampled every 0.2 s over the build's whole process tree (the main
process and its workers), and the largest single process is reported too. The goals (issue
#14): peak memory at the largest size within 1.5x of the smallest; --jobs 2 at least 1.7x
the throughput of --jobs 1. They are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import articles

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(articles(n)):
            fh.write(json.dumps({"text": text, "url": f"https://example.org/bench/{i}"}, ensure_ascii=False) + "\n")
    return path


def timed_build(corpus: Path, out: Path, jobs: int, validate: bool = True) -> dict:
    """Wall seconds, peak MB of the process tree, peak MB of the largest process, and the summary line."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, str(ROOT / "cli.py"), "--quiet", "build", str(corpus), "--out", str(out), "--no-views"]
    cmd += ["--jobs", str(jobs)] + ([] if validate else ["--no-validate"])
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    me = psutil.Process(proc.pid)
    tree_peak = single_peak = 0
    while proc.poll() is None:
        try:
            rss = [me.memory_info().rss] + [c.memory_info().rss for c in me.children(recursive=True)]
        except psutil.Error:
            rss = [0]
        tree_peak, single_peak = max(tree_peak, sum(rss)), max(single_peak, max(rss))
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {stderr.strip()[-500:]}")
    return {
        "wall": wall,
        "tree_mb": tree_peak / 2**20,
        "single_mb": single_peak / 2**20,
        "line": stdout.splitlines()[0],
    }


def main(argv: list[str] | None = None) -> list[tuple[str, str]]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="corpus sizes for throughput and peak memory")
    ap.add_argument("--jobs-n", type=int, default=2000, help="corpus size for --jobs 2 against --jobs 1")
    ap.add_argument("--jobs", type=int, default=0, help="workers for the size runs (0: all cores)")
    ap.add_argument("--no-validate", action="store_true", help="leave SHACL validation out of every build")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    jobs = args.jobs or len(os.sched_getaffinity(0))
    validate = not args.no_validate
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kg-build-scale-") as tmp:
        tmp = Path(tmp)
        runs = {}
        for n in sizes:
            corpus = write_corpus(tmp / f"corpus-{n}.jsonl", n)
            r = timed_build(corpus, tmp / "out", jobs, validate)
            runs[n] = r
            rows.append(
                (
                    f"build, {n:,} generated articles, --jobs {jobs}",
                    f"{n / r['wall']:,.1f} articles/s ({r['wall']:,.1f} s); peak {r['tree_mb']:,.0f} MB all processes, "
                    f"{r['single_mb']:,.0f} MB the largest",
                )
            )
            print(f"{n}: {r['line']} | {rows[-1][1]}", file=sys.stderr, flush=True)
            corpus.unlink()
        if len(sizes) > 1:
            small, big = runs[sizes[0]], runs[sizes[-1]]
            ratio = big["tree_mb"] / small["tree_mb"]
            rows.append(
                (
                    f"peak memory {sizes[-1]:,} / {sizes[0]:,} articles",
                    f"{ratio:.2f}x all processes, {big['single_mb'] / small['single_mb']:.2f}x the largest "
                    f"(goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})",
                )
            )
        if args.jobs_n:
            corpus = write_corpus(tmp / "corpus-jobs.jsonl", args.jobs_n)
            one = timed_build(corpus, tmp / "out", 1, validate)
            two = timed_build(corpus, tmp / "out", 2, validate)
            speedup = one["wall"] / two["wall"]
            rows.append(
                (
                    f"build, {args.jobs_n:,} articles, --jobs 2 / --jobs 1",
                    f"{args.jobs_n / two['wall']:,.1f} / {args.jobs_n / one['wall']:,.1f} articles/s = {speedup:.2f}x "
                    f"(goal >= 1.7x: {'met' if speedup >= 1.7 else 'NOT met'})",
                )
            )
    for name, value in rows:
        print(f"{name}: {value}")
    return rows


if __name__ == "__main__":
    main()
