"""Building and serialising one million triples: rdflib's memory store against Oxigraph (oxrdflib).

    .venv/bin/python -m benchmarks.rdf_million [TRIPLES]

Each store runs in its own process so that peak memory (max RSS) is its own.
Prints build and N-Quads/TriG serialisation times, peak memory, and the ratios.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from rdflib import XSD, Literal

from kg.export import serialize
from kg.rdf import ID, KG, new_dataset


def quads(n: int):
    """Event-shaped quads: 10 per event, one named graph per 100 events."""
    for i in range(n // 10):
        g = ID[f"graph/doc-{i // 100}"]
        ev = ID[f"event/doc-{i // 100}/{i}"]
        yield ev, KG.agent, ID[f"country/C{i % 200}"], g
        yield ev, KG.recipient, ID[f"country/C{(i * 7) % 200}"], g
        yield ev, KG.aidCategory, KG.Food, g
        yield ev, KG.date, Literal(f"2025-{1 + i % 12:02d}", datatype=XSD.gYearMonth), g
        yield ev, KG["count"], Literal(i, datatype=XSD.integer), g
        yield ev, KG.evidence, Literal(f"أرسلت الدولة {i} مساعدات غذائية إلى الدولة {i * 7}.", lang="ar"), g
        yield ev, KG.fromDocument, ID[f"doc/doc-{i // 100}"], g
        yield ev, KG.hasEvidence, ID[f"evidence/doc-{i // 100}/{i}"], g
        yield ID[f"evidence/doc-{i // 100}/{i}"], KG.startOffset, Literal(i, datatype=XSD.integer), g
        yield ID[f"evidence/doc-{i // 100}/{i}"], KG.endOffset, Literal(i + 40, datatype=XSD.integer), g


def run_one(store: str, n: int) -> dict:
    t0 = time.perf_counter()
    ds = new_dataset(store)
    ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in quads(n))
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    nq = len(serialize(ds, "nq"))
    t_nq = time.perf_counter() - t0
    t0 = time.perf_counter()
    trig = len(serialize(ds, "trig"))
    t_trig = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"store": store, "build": built, "nq": t_nq, "trig": t_trig, "peak_mb": peak, "bytes": nq + trig}


def main(n: int = 1_000_000) -> None:
    results = {}
    for store in ("memory", "oxigraph"):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.rdf_million", "--one", store, str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[store] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{n} triples, one named graph per 100 events")
    for r in results.values():
        print(
            f"{r['store']:9s} build {r['build']:6.1f}s  N-Quads {r['nq']:6.1f}s  TriG {r['trig']:6.1f}s  "
            f"peak {r['peak_mb']:7.0f} MB"
        )
    m, o = results["memory"], results["oxigraph"]
    print(
        f"ratio memory/oxigraph: build {m['build'] / o['build']:.1f}x, N-Quads {m['nq'] / o['nq']:.1f}x, "
        f"TriG {m['trig'] / o['trig']:.1f}x, peak memory {m['peak_mb'] / o['peak_mb']:.1f}x"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run_one(sys.argv[2], int(sys.argv[3]))))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
