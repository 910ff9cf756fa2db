"""The extraction benchmark runs and reports its fields (timings are never asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="dev corpus (../shared/corpus/dev) not present")
def test_extract_speed_reports_its_fields(capsys):
    from benchmarks.extract_speed import main

    report = main(["--corpus", str(DEV_CORPUS), "--n", "5", "--synthetic", "3"])
    assert report["n"] == 5
    assert report["langs"]["all"]["docs"] == 5
    assert all(s["articles_s"] > 0 and s["chars_s"] > 0 for s in report["langs"].values())
    assert report["lexicon"]["traced_bytes"] > 0
    assert report["lexicon"]["first_load_s"] > 0
    assert report["lexicon"]["by_script"]["ar"]["phrases"] > 0
    assert report["synthetic"]["articles_s"] > 0
    out = capsys.readouterr().out
    assert "articles/s" in out and "goal" in out


def test_extract_speed_missing_corpus_is_one_line(tmp_path):
    from benchmarks.extract_speed import main

    with pytest.raises(SystemExit) as e:
        main(["--corpus", str(tmp_path / "absent")])
    assert "not found" in str(e.value) and "\n" not in str(e.value)


def test_build_scale_reports_throughput_memory_and_the_jobs_ratio():
    """Two tiny builds and a --jobs 2 / --jobs 1 pair, each the real command; numbers are never asserted."""
    from benchmarks.build_scale import main

    rows = dict(main(["--sizes", "12,24", "--jobs-n", "12", "--jobs", "2"]))
    assert set(rows) == {
        "build, 12 generated articles, --jobs 2",
        "build, 24 generated articles, --jobs 2",
        "peak memory 24 / 12 articles",
        "build, 12 articles, --jobs 2 / --jobs 1",
    }
    assert "articles/s" in rows["build, 24 generated articles, --jobs 2"]
    assert "MB" in rows["build, 24 generated articles, --jobs 2"]
    assert "x all processes" in rows["peak memory 24 / 12 articles"]
    assert "goal >= 1.7x" in rows["build, 12 articles, --jobs 2 / --jobs 1"]


def test_run_all_says_why_a_benchmark_is_skipped_and_refuses_unknown_names(monkeypatch, capsys):
    from benchmarks.run_all import main

    monkeypatch.delenv("NEO4J_URI", raising=False)
    rows = main(["--only", "neo4j_load"])
    assert rows == [("neo4j_load", "skipped: no Neo4j: set NEO4J_URI (it WIPES that database)")]
    assert "neo4j_load" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["--only", "nope"])
    assert "unknown benchmark" in str(e.value) and "build_scale" in str(e.value)
