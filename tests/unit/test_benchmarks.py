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
