"""Big views: render and load times of a view with N nodes (default 5,000).

    .venv/bin/python -m benchmarks.views_big [N]

Render time is kg's HTML generation (network built with pyvis, page with vis-network
inlined); the peer is plain pyvis building the same network and its own page, measured
in the same run. Load time is how long Debian's
headless Chromium takes until the page says it has settled.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from kg import views

from .synthetic import big_view_graph


def main(n: int = 5000) -> None:
    g = big_view_graph(n)
    t0 = time.perf_counter()
    page = views.to_html(g, f"{n} nodes")
    ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    net = Network(directed=True)  # the peer: plain pyvis, network built and page generated (CDN, not inlined)
    for node, attrs in g.nodes(data=True):
        net.add_node(node, label=attrs["label"], title=attrs["title"])
    for a, b, attrs in g.edges(data=True):
        net.add_edge(a, b, title=attrs["title"])
    net.generate_html()
    peer = time.perf_counter() - t0
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; page {len(page) / 1e6:.1f} MB")
    print(f"render  kg to_html: {ours:.2f}s   pyvis generate_html: {peer:.2f}s   ratio kg/pyvis: {ours / peer:.2f}")

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1400,1000",
    ):
        opts.add_argument(flag)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.html"
        path.write_text(page, encoding="utf-8")
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        try:
            t0 = time.perf_counter()
            driver.get(path.as_uri())
            while driver.execute_script("return document.body.getAttribute('data-settled')") != "true":
                if time.perf_counter() - t0 > 300:
                    raise SystemExit("did not settle in 300 s")
                time.sleep(0.1)
            print(f"load    Chromium until settled: {time.perf_counter() - t0:.2f}s")
        finally:
            driver.quit()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
