"""Extraction speed: articles per second on one core, over at least 1,000 articles.

    .venv/bin/python -m benchmarks.extract_speed [N]

The peer, measured in the same run on the same articles, is the cheapest useful
pass over the text: ingest plus tokenising plus one longest-match gazetteer scan
(no rules). The ratio says what the rules cost on top of reading the text.
"""

from __future__ import annotations

import sys
import time

from kg.extract import get_extractor
from kg.ingest import document_from_text
from kg.lexicon import load_lexicon
from kg.textnorm import tokenize

from .corpus import articles


def gazetteer_only(texts: list[str]) -> int:
    lex = load_lexicon()
    found = 0
    for i, text in enumerate(texts):
        doc = document_from_text(text, f"a{i}.txt")
        for span in doc.keep:
            toks = tokenize(doc.text[span.start : span.end], span.start)
            j = 0
            while j < len(toks):
                m = lex.names.match_at(toks, j)
                found += bool(m)
                j = m.end if m else j + 1
    return found


def full_extraction(texts: list[str]) -> int:
    ex = get_extractor("rules.v1")
    events = 0
    for i, text in enumerate(texts):
        events += len(ex.extract(document_from_text(text, f"a{i}.txt")).events)
    return events


def timed(fn, texts) -> tuple[float, int]:
    start = time.perf_counter()
    result = fn(texts)
    return time.perf_counter() - start, result


def main(n: int = 1000) -> None:
    texts = articles(n)
    load_lexicon()  # built once per process; not part of either measurement
    get_extractor("rules.v1")
    peer_s, mentions = timed(gazetteer_only, texts)
    ours_s, events = timed(full_extraction, texts)
    print(f"articles: {n} ({sum(map(len, texts)) / 1e6:.1f} M characters), one core")
    print(f"peer  ingest+tokenise+gazetteer: {n / peer_s:8.1f} articles/s  ({mentions} mentions)")
    print(f"rules.v1 full extraction:        {n / ours_s:8.1f} articles/s  ({events} events)")
    print(f"ratio rules.v1 / peer speed: {peer_s / ours_s:.2f}  (target: 200 articles/s per core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
