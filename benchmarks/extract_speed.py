"""Extraction speed on real-length articles, per core, and what the lexicon costs to load.

    .venv/bin/python -m benchmarks.extract_speed [--corpus DIR] [--n 2000] [--vs-sources]

The dev articles (default ../shared/corpus/dev: ≈1,000-2,000 characters each,
Arabic and English) are read with kg.ingest and replicated, with distinct ids,
to N documents; ``RulesExtractor().extract`` runs over them on one process.

The peer, measured in the same run over the same kept text, is the cost floor:
``kg.textnorm.tokenize`` alone. "extraction / tokenise" is how many times a plain
tokenising pass the whole extraction costs; a change to the rules or the
gazetteers that raises it made extraction dearer, whatever the machine's load.
A second peer, the same extractor on the old ≈400-character synthetic articles
(benchmarks/corpus.py), gives a characters-per-second ratio: below 1 means
long articles are read more slowly per character than short ones.

The lexicon is timed separately: its first load (babel's CLDR data read too),
then reloads after ``load_lexicon.cache_clear()``; its memory is what
tracemalloc sees retained by one load, and the process RSS before and after
the first load. Phrases are split by script (Arabic / Latin first word) to say
roughly what each language's gazetteers take. Replicated articles repeat their
words, so caches (``textnorm.variants``, the phrase indexes' memoised readings)
are warmer than on N distinct articles; the "first copies" line reads each
distinct article once with those caches emptied.

It times whatever extractor the process runs: the mypyc-compiled modules when
``scripts/native.py build`` made them from today's sources (``scripts/install.sh``
does), else the sources; the report says which. ``--vs-sources`` adds a third
peer: the same measurement in a child process on the pure-Python sources
(``KG_PURE_PYTHON=1``), printed as compiled / sources per language.

Times are CPU seconds of this process (``time.process_time``): articles per
second "per core", and far steadier than wall time when other work shares the
machine (it still slows a run a little: caches, frequency). The goal (issue:
≥ 200 articles/s per core) is printed, never asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from kg import native
from kg.extract.rules import RulesExtractor, _plain_word
from kg.ingest import document_from_text, read_sources
from kg.lexicon import Lexicon, PhraseIndex, load_lexicon
from kg.model import Document
from kg.textnorm import is_arabic, tokenize, variants

from .corpus import articles

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
GOAL = 200.0  # articles/s per core
MB = 1024 * 1024
CLOCK = time.process_time  # CPU seconds of this process: "per core", and steadier than wall time on a shared machine


def rss_bytes() -> int:
    """Resident set size now (Linux /proc), else the peak from getrusage."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def replicate(docs: list[Document], n: int) -> list[Document]:
    """N documents cycling through ``docs``, each copy with its own id."""
    return [dataclasses.replace(docs[i % len(docs)], id=f"{docs[i % len(docs)].id}-r{i}") for i in range(n)]


def _deep_size(obj, seen: set[int]) -> int:
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        size += sum(_deep_size(x, seen) for x in obj)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        size += sum(_deep_size(getattr(obj, f.name), seen) for f in dataclasses.fields(obj))
    elif hasattr(obj, "__dict__"):
        size += _deep_size(vars(obj), seen)
    return size


def lexicon_by_script(lex: Lexicon) -> dict[str, dict[str, int]]:
    """Phrases and approximate bytes of the phrase indexes (names, cues, state bodies), by first word's script.

    Objects shared between the two sides (an Entry used by an Arabic and an English
    phrase) are counted once, on the side walked first (Arabic).
    """
    indexes: list[PhraseIndex] = [lex.names, lex.state_bodies, *lex.cues.values()]
    out = {"ar": {"phrases": 0, "bytes": 0}, "en": {"phrases": 0, "bytes": 0}}
    seen: set[int] = set()
    for lang in ("ar", "en"):
        for index in indexes:
            for words, entry in index.phrases():
                if is_arabic(words[0]) == (lang == "ar"):
                    out[lang]["phrases"] += 1
                    out[lang]["bytes"] += _deep_size(words, seen) + _deep_size(entry, seen)
    return out


def measure_lexicon(reloads: int = 3) -> dict:
    """First load (timed, RSS), then reloads: timed without tracemalloc, and one traced for the memory kept."""
    load_lexicon.cache_clear()
    gc.collect()
    rss0 = rss_bytes()
    t0 = CLOCK()
    load_lexicon()
    first_s = CLOCK() - t0
    rss1 = rss_bytes()
    times = []
    for _ in range(reloads):
        load_lexicon.cache_clear()
        gc.collect()
        t0 = CLOCK()
        load_lexicon()
        times.append(CLOCK() - t0)
    load_lexicon.cache_clear()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    lex = load_lexicon()
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "first_load_s": first_s,
        "reload_s": min(times),
        "traced_bytes": kept - before,
        "traced_peak_bytes": peak - before,
        "rss_before": rss0,
        "rss_after": rss1,
        "entities": len(lex.entities),
        "by_script": lexicon_by_script(lex),
    }


def empty_word_caches(lex: Lexicon) -> None:
    """Forget what is memoised per word: variants, the phrase indexes' readings, the mention finder's plain words."""
    variants.cache_clear()
    _plain_word.cache_clear()
    for index in (lex.names, lex.all_cues, lex.state_bodies, *lex.cues.values()):
        index.cache_clear()


def kept_text(doc: Document) -> list[tuple[str, int]]:
    return [(doc.text[s.start : s.end], s.start) for s in doc.keep]


def time_documents(ex: RulesExtractor, docs: list[Document], tokenise: bool = True) -> dict:
    """CPU seconds per language for extraction and, on the same document just before it, for tokenize alone.

    Interleaving the two keeps their ratio fair when the machine's load changes during the run.
    """
    ext: dict[str, float] = {}
    tok: dict[str, float] = {}
    events = 0
    for doc in docs:
        if tokenise:
            t0 = CLOCK()
            for text, offset in kept_text(doc):
                tokenize(text, offset)
            tok[doc.lang] = tok.get(doc.lang, 0.0) + CLOCK() - t0
        t0 = CLOCK()
        result = ex.extract(doc)
        ext[doc.lang] = ext.get(doc.lang, 0.0) + CLOCK() - t0
        events += len(result.events)
    return {"extract": ext, "tokenise": tok, "events": events}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.extract_speed", description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=DEV_CORPUS, help=f"articles to replicate (default {DEV_CORPUS})")
    p.add_argument("--n", type=int, default=2000, help="documents to extract (default 2000)")
    p.add_argument(
        "--synthetic", type=int, default=1000, help="synthetic ≈400-character articles for the peer (0: skip)"
    )
    p.add_argument(
        "--vs-sources",
        action="store_true",
        help="also time the pure-Python sources (KG_PURE_PYTHON=1, a child process) and print compiled/sources",
    )
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    return p.parse_args(argv)


def time_sources(args: argparse.Namespace) -> dict:
    """The same measurement in a child process that runs the extractor's sources, not its compiled modules."""
    cmd = [sys.executable, "-m", "benchmarks.extract_speed", "--corpus", str(args.corpus), "--n", str(args.n)]
    env = {**os.environ, "KG_PURE_PYTHON": "1"}
    got = subprocess.run([*cmd, "--synthetic", "0", "--json"], env=env, capture_output=True, text=True, check=True)
    return json.loads(got.stdout)


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    wall0 = time.perf_counter()
    if not args.corpus.is_dir():
        raise SystemExit(f"extract_speed: corpus folder {args.corpus} not found (pass --corpus DIR)")
    if args.n < 1:
        raise SystemExit("extract_speed: --n must be at least 1")

    lexicon = measure_lexicon()
    base = read_sources([args.corpus])
    docs = replicate(base, args.n)
    ex = RulesExtractor()
    ex.extract(docs[0])  # first-call costs (regex compilation, lazy tables) belong to neither measurement

    empty_word_caches(ex.lex)
    t0 = CLOCK()
    for doc in base:
        ex.extract(doc)
    first_copies_s = CLOCK() - t0

    gc.collect()
    timed = time_documents(ex, docs)
    ext_s, tok_s, events = timed["extract"], timed["tokenise"], timed["events"]

    report: dict = {"n": args.n, "distinct": len(base), "events": events, "lexicon": lexicon, "langs": {}}
    for lang in sorted(ext_s) + ["all"]:
        subset = docs if lang == "all" else [d for d in docs if d.lang == lang]
        secs = sum(ext_s.values()) if lang == "all" else ext_s[lang]
        tsecs = sum(tok_s.values()) if lang == "all" else tok_s[lang]
        chars = sum(len(t) for d in subset for t, _ in kept_text(d))
        report["langs"][lang] = {
            "docs": len(subset),
            "chars_per_doc": chars / len(subset),
            "articles_s": len(subset) / secs,
            "chars_s": chars / secs,
            "tokenise_ratio": secs / tsecs,
        }
    report["first_copies_articles_s"] = len(base) / first_copies_s

    if args.synthetic > 0:
        synth = [document_from_text(t, f"synthetic-{i}.txt") for i, t in enumerate(articles(args.synthetic))]
        s_ext = time_documents(ex, synth, tokenise=False)["extract"]
        s_chars = sum(len(t) for d in synth for t, _ in kept_text(d))
        report["synthetic"] = {
            "docs": len(synth),
            "chars_per_doc": s_chars / len(synth),
            "articles_s": len(synth) / sum(s_ext.values()),
            "chars_s": s_chars / sum(s_ext.values()),
        }

    report["extractor"] = native.mode()
    if args.vs_sources:
        report["sources"] = time_sources(args)["langs"]
    report["wall_s"] = time.perf_counter() - wall0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the --vs-sources run
    report["cpu_s"] = CLOCK() + children.ru_utime + children.ru_stime
    if args.json:
        print(json.dumps(report))
    else:
        print_report(report, args.corpus)
    return report


def print_report(r: dict, corpus: Path) -> None:
    lex = r["lexicon"]
    print(f"corpus: {corpus}: {r['distinct']} distinct articles replicated to {r['n']}, one process")
    print("lexicon (all languages: load_lexicon builds one bilingual lexicon):")
    print(
        f"  first load {lex['first_load_s']:.3f} s (CLDR data read too), reload {lex['reload_s']:.3f} s; "
        f"{lex['entities']} entities"
    )
    print(
        f"  memory kept {lex['traced_bytes'] / MB:.1f} MB (tracemalloc, peak {lex['traced_peak_bytes'] / MB:.1f} MB); "
        f"RSS {lex['rss_before'] / MB:.1f} -> {lex['rss_after'] / MB:.1f} MB over the first load"
    )
    for lang, s in lex["by_script"].items():
        print(f"  {lang} phrases: {s['phrases']:6d}, ≈{s['bytes'] / MB:.1f} MB of phrase indexes")
    print(
        f"extraction ({r['extractor']} extractor, RulesExtractor().extract; per CPU second of this process; "
        "kept text counted as characters):"
    )
    for lang, s in r["langs"].items():
        print(
            f"  {lang:3s} {s['docs']:6d} docs, {s['chars_per_doc']:6.0f} chars/doc: "
            f"{s['articles_s']:7.1f} articles/s, {s['chars_s'] / 1000:6.1f} k chars/s, "
            f"{s['tokenise_ratio']:5.1f}× the time of tokenize alone"
        )
    print(f"  first copies, word caches emptied: {r['first_copies_articles_s']:.1f} articles/s")
    if "synthetic" in r:
        s, all_ = r["synthetic"], r["langs"]["all"]
        print(
            f"peer: {s['docs']} synthetic articles ({s['chars_per_doc']:.0f} chars/doc): "
            f"{s['articles_s']:.1f} articles/s, {s['chars_s'] / 1000:.1f} k chars/s; "
            f"real/synthetic chars/s ratio {all_['chars_s'] / s['chars_s']:.2f}"
        )
    if "sources" in r:
        ratios = ", ".join(
            f"{lang} {s['articles_s'] / r['sources'][lang]['articles_s']:.2f}× ({r['sources'][lang]['articles_s']:.1f})"
            for lang, s in r["langs"].items()
        )
        print(f"peer: the pure-Python sources (KG_PURE_PYTHON=1, same articles): this run's speed is {ratios}")
    speed = r["langs"]["all"]["articles_s"]
    verdict = "met" if speed >= GOAL else "NOT met"
    print(f"goal ≥ {GOAL:.0f} articles/s per core on real-length articles: {verdict} ({speed:.1f})")
    print("extraction / tokenise: how many tokenising passes one extraction costs (lower is cheaper rules)")
    print(
        f"whole run: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU "
        "(wall well above CPU: something else was running; run it alone)"
    )


if __name__ == "__main__":
    main()
