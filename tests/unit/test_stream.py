"""Streamed, parallel, incremental and Dask builds (issue #14): the same bytes whichever way a corpus is built.

Every build here is the real command in a fresh process (tests/conftest.run_kg), so worker
processes, the cache file and the Dask cluster are the real ones.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import XSD

from ..conftest import DATA, EXAMPLES, ROOT, run_kg

REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}
FIXTURES = DATA / "fixtures"


def build(*args, env=None):
    r = run_kg("build", *args, "--no-views", env={**REPRODUCIBLE, **(env or {})}, timeout=600)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def graph(out: Path) -> bytes:
    return (out / "graph.trig").read_bytes()


def graphs_of(out: Path) -> set[str]:
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    names = {str(g.identifier).rsplit("/graph/", 1)[-1] for g in ds.graphs() if "/graph/" in str(g.identifier)}
    return names - {"entities", "build"}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    """Fixtures and examples built on one process: the reference the other ways must equal byte for byte."""
    out = tmp_path_factory.mktemp("serial") / "out"
    r = build(FIXTURES, EXAMPLES, "--out", out, "--jobs", "1")
    assert r.returncode == 0, r.stderr
    return out


def test_two_worker_processes_write_the_same_bytes_as_one(serial, tmp_path):
    r = build(FIXTURES, EXAMPLES, "--out", tmp_path / "out", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert graph(tmp_path / "out") == graph(serial)


def test_the_stream_holds_the_same_quads_and_document_blocks_as_the_whole_graph_in_memory(serial):
    """The old build (every extraction held, one rdflib Dataset, one TriG write), run here for comparison."""
    from kg.export import serialize
    from kg.extract import get_extractor
    from kg.ingest import read_sources
    from kg.rdf import to_dataset
    from kg.resolve import resolve

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    ex = get_extractor()
    extractions = [ex.extract(d) for d in read_sources([FIXTURES, EXAMPLES])]
    whole = to_dataset(extractions, resolve(extractions))

    def quads(ds):
        return {(s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o, g)
                for s, p, o, g in ds.quads((None, None, None, None))}  # fmt: skip

    streamed = Dataset()
    streamed.parse(serial / "graph.trig", format="trig")
    assert quads(streamed) == quads(whole)

    def blocks(text: str) -> dict[str, str]:  # each named graph's text, by graph IRI
        parts = text.rstrip("\n").split("\n\n<https://w3id.org/newskg/id/graph/")
        return {p.split(">", 1)[0]: p for p in parts[1:]}

    old, new = blocks(serialize(whole, "trig").decode()), blocks(graph(serial).decode())
    assert old.keys() == new.keys()
    # Document graphs and the build graph come out exactly as rdflib writes them in one go; the entity graph's
    # subjects are in another order (rdflib orders them by references from all graphs), the same triples.
    assert [k for k in old if old[k] != new[k]] == ["entities"]
    assert list(new) == sorted(k for k in new if k not in ("entities", "build")) + ["entities", "build"]


def _corpus(folder: Path, texts: dict[str, str], records: list[dict]) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "wire.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return folder


def _article(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _extracted(r) -> tuple[int, int]:
    """(extracted, from the cache) as the summary line says."""
    line = next(line for line in r.stdout.splitlines() if "extracted" in line)
    words = line.replace(",", "").split()
    return int(words[words.index("extracted") - 1]), int(words[words.index("cache") - 3])


def test_an_incremental_rebuild_after_adding_changing_and_deleting_equals_a_clean_build(tmp_path):
    old = {"a.txt": _article("en-korea-missile.txt"), "b.txt": _article("ar-turkey-syria.txt"),
           "c.txt": _article("en-us-ukraine-aid.txt")}  # fmt: skip
    wire = [{"text": _article("en-pyongyang-shells.txt"), "url": "https://example.org/1"},
            {"text": _article("ar-iran-houthis.txt"), "url": "https://example.org/2"}]  # fmt: skip
    src, out = tmp_path / "src", tmp_path / "out"
    r = build(_corpus(src, old, wire), "--out", out)
    assert r.returncode == 0, r.stderr
    assert _extracted(r) == (5, 0)

    new = dict(old, **{"d.txt": _article("ar-iran-missiles-denial.txt")})  # added
    del new["c.txt"]  # deleted
    wire[1]["text"] = wire[1]["text"].replace("\n", "\n\n", 1)  # changed, same URL so the same document id
    r = build(_corpus(src, new, wire), "--out", out, "--prune")
    assert r.returncode == 0, r.stderr
    assert _extracted(r) == (2, 3)  # only the new and the changed one were extracted
    clean = tmp_path / "clean"
    assert build(src, "--out", clean).returncode == 0
    assert graph(out) == graph(clean)

    again = build(src, "--out", out, "--prune")  # nothing changed: nothing extracted, the same bytes
    assert _extracted(again) == (0, 5) and graph(out) == graph(clean)


def test_without_prune_documents_the_sources_no_longer_hold_stay_and_with_it_they_go(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    both = {"a.txt": _article("en-korea-missile.txt"), "b.txt": _article("ar-turkey-syria.txt")}
    assert build(_corpus(src, both, [{"text": _article("en-us-ukraine-aid.txt")}]), "--out", out).returncode == 0
    ids = graphs_of(out)
    assert len(ids) == 3
    (src / "b.txt").unlink()
    kept = build(src, "--out", out)
    assert kept.returncode == 0 and graphs_of(out) == ids
    assert _extracted(kept) == (0, 3)  # a and the JSON line read again, b kept from before
    assert build(src, "--out", out, "--prune").returncode == 0
    pruned = graphs_of(out)
    assert len(pruned) == 2 and pruned < ids and not any(i.startswith("b-") for i in pruned)
    clean = tmp_path / "clean"
    assert build(src, "--out", clean).returncode == 0
    assert graph(out) == graph(clean)


def test_a_failed_rebuild_leaves_the_previous_graph_and_cache_as_they_were(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    assert build(_corpus(src, {"a.txt": _article("en-korea-missile.txt")}, []), "--out", out).returncode == 1
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"graph.trig", "build-cache.sqlite"}
    r = build(src, "--out", out, "--extractor", "nope")
    assert r.returncode != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_oversized_or_bad_record_is_named_with_file_and_line_and_the_rest_built(tmp_path):
    from kg.ingest import MAX_LINE_BYTES

    lines = [
        json.dumps({"text": _article("en-korea-missile.txt")}),
        json.dumps({"text": "x " * (MAX_LINE_BYTES // 2 + 10)}),
        "{not json",
        json.dumps({"text": _article("en-us-ukraine-aid.txt")}),
    ]
    wire = tmp_path / "wire.jsonl"
    wire.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = build(wire, "--out", tmp_path / "out")
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert errors[0].startswith(f"error: {wire}:2: ") and "limit for one record" in errors[0]
    assert errors[1].startswith(f"error: {wire}:3: not valid JSON")
    assert len(errors) == 3 and "2 input(s) failed" in errors[2]
    assert r.stdout.startswith("2 document(s)")


def test_a_json_lines_file_above_20_mb_builds(tmp_path):
    """The 20 MB limit is one article's (a .txt or .html file), never a JSON lines file's."""
    from kg.ingest import MAX_BYTES

    text = _article("en-korea-missile.txt")
    pad = "p" * 400_000  # a field kg does not read, so the file is big without hours of extraction
    records = [json.dumps({"text": f"{text}\nNo. {i}.\n", "notes": pad}) for i in range(55)]
    wire = tmp_path / "big.jsonl"
    wire.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert wire.stat().st_size > MAX_BYTES
    r = build(wire, "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("55 document(s)")


def test_the_build_shows_progress_on_a_terminal_and_nothing_when_quiet(tmp_path):
    def on_terminal(*args: str) -> str:
        leader, follower = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k != "CI"} | REPRODUCIBLE
        cmd = [sys.executable, str(ROOT / "cli.py"), *args, "build", EXAMPLES, "--out", tmp_path / "out", "--no-views"]
        proc = subprocess.run(cmd, stderr=follower, stdout=subprocess.PIPE, env=env, timeout=300)
        os.close(follower)
        shown = b""
        try:
            while chunk := os.read(leader, 65536):
                shown += chunk
        except OSError:
            pass
        os.close(leader)
        assert proc.returncode == 0 and proc.stdout.startswith(b"5 document(s)")
        return shown.decode("utf-8", "replace")

    shown = on_terminal()
    assert "extracting" in shown and "articles" in shown and "/5" in shown
    assert "extracting" not in on_terminal("--quiet")


def test_jobs_below_one_is_one_line(tmp_path):
    r = build(EXAMPLES, "--out", tmp_path / "out", "--jobs", "-1")
    assert r.returncode != 0 and r.stderr.strip().startswith("error:") and len(r.stderr.strip().splitlines()) == 1


def test_a_dask_local_cluster_writes_the_same_bytes_as_one_process(serial, tmp_path):
    pytest.importorskip("distributed")
    r = build(FIXTURES, EXAMPLES, "--out", tmp_path / "out", "--dask", "local", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert graph(tmp_path / "out") == graph(serial)


def test_a_dask_scheduler_started_by_a_test_writes_the_same_bytes(serial, tmp_path):
    """The scheduler address form (--dask tcp://...) against a LocalCluster this test starts."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as lc:
        r = build(FIXTURES, EXAMPLES, "--out", tmp_path / "out", "--dask", lc.scheduler_address)
    assert r.returncode == 0, r.stderr
    assert graph(tmp_path / "out") == graph(serial)


def test_an_unreachable_dask_scheduler_is_one_line_and_the_output_is_untouched(serial, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    shutil.copytree(serial, out)
    r = build(EXAMPLES, "--out", out, "--dask", "tcp://127.0.0.1:9")
    lines = r.stderr.strip().splitlines()
    assert r.returncode != 0 and len(lines) == 1 and lines[0].startswith("error:") and "Dask" in lines[0]
    assert graph(out) == graph(serial)


def test_build_block_is_what_rdflib_writes_for_the_build_graph():
    from rdflib import PROV, RDF

    from kg.rdf import BUILD_GRAPH, bind_prefixes, build_time, doc_iri, iri
    from kg.stream import _serialised, build_block

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    ids = ["b-2", "a-1", "ع-3"]
    ds = Dataset()
    bind_prefixes(ds)
    g = ds.graph(BUILD_GRAPH)
    from kg import __version__
    from kg.rdf import KG, _digest

    when = build_time().isoformat()
    run = iri("build", _digest(when, *sorted(ids)))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, PROV.endedAtTime, Literal(when, datatype=XSD.dateTime)))
    g.add((run, PROV.wasAssociatedWith, iri("software", f"newskg-{__version__}")))
    for d in ids:
        g.add((run, PROV.used, doc_iri(d)))
    g.add((run, KG.extractor, Literal("rules.v1")))
    expected, prefixes = _serialised(ds)
    by_graph = sorted(ids, key=lambda d: str(doc_iri(d)))
    block, mine = build_block(sorted(ids), by_graph, ["rules.v1"])
    assert block == expected and set(prefixes) <= set(mine)
