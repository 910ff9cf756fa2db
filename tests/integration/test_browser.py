"""The HTML views in a real headless Chromium (Debian's, driven by Selenium)."""

import json
import time
from pathlib import Path

import pytest

from kg.pipeline import build

from ..conftest import DATA, ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"


def open_view(driver, path: Path, wait: float = 30.0) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    deadline = time.time() + wait
    while time.time() < deadline:
        if driver.execute_script("return document.body && document.body.getAttribute('data-settled')") == "true":
            return
        time.sleep(0.2)
    raise AssertionError(f"{path.name} did not settle in {wait}s")


def requests_made(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def test_views_load_draw_and_stay_offline(chromium, examples_build):
    ARTIFACTS.mkdir(exist_ok=True)
    for path in examples_build.views:
        open_view(chromium, path)
        errors = [e for e in chromium.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert not errors, errors
        outside = [u for u in requests_made(chromium) if not u.startswith(("file://", "data:"))]
        assert not outside, outside
        drawn = chromium.execute_script(
            "return [kgView.nodes.length, kgView.edgeView.length, document.querySelectorAll('canvas').length]"
        )
        data = json.loads(chromium.execute_script("return document.getElementById('kg-data').textContent"))
        assert drawn[:2] == [len(data["nodes"]), len(data["edges"])]
        assert drawn[0] > 0 and drawn[2] >= 1
        chromium.save_screenshot(str(ARTIFACTS / f"{path.stem}.png"))


def test_deployment_view_counts_match_the_graph(chromium, examples_build):
    from kg import views
    from kg.facts import read_facts

    expected, _ = views.build_view(read_facts(examples_build.dataset), "deployments")
    path = next(p for p in examples_build.views if p.stem == "deployments")
    open_view(chromium, path)
    nodes, edges = chromium.execute_script(
        "return [kgView.nodes.getIds(), kgView.edges.get().map(function (e) { return [e.from, e.to, e.label]; })]"
    )
    assert sorted(nodes) == sorted(expected.nodes)
    assert sorted((a, b) for a, b, _ in edges) == sorted((a, b) for a, b in expected.edges())
    assert any(a.endswith("/country/KP") and b.endswith("/country/RU") for a, b, _ in edges)


def test_category_filter_hides_edges(chromium, examples_build):
    path = next(p for p in examples_build.views if p.stem == "aid")
    open_view(chromium, path)
    total = chromium.execute_script("return kgView.edgeView.length")
    chromium.execute_script(
        "var s = document.getElementById('f-category'); s.value = 'Food'; s.dispatchEvent(new Event('input'));"
    )
    shown = chromium.execute_script("return kgView.edgeView.length")
    assert 0 < shown < total


def test_hostile_article_runs_no_script(chromium, tmp_path):
    result = build([DATA / "hostile-article.txt"], tmp_path)
    for path in result.views:
        chromium.execute_script("window.alert = function () { window.__alerted = true; };")
        open_view(chromium, path)
        # tooltips are DOM text: render every title the page holds and check nothing became an element
        hits = chromium.execute_script(
            """
            var holder = document.createElement('div');
            kgView.nodes.get().concat(kgView.edges.get()).forEach(function (x) {
              if (x.title) { holder.appendChild(x.title); }
            });
            document.body.appendChild(holder);
            return [holder.querySelectorAll('img, script, b').length, !!window.pwned, !!window.__alerted,
                    holder.textContent.indexOf('onerror') >= 0];
            """
        )
        time.sleep(0.5)
        assert hits[:3] == [0, False, False], (path.name, hits)
        assert not chromium.execute_script("return !!window.pwned || !!window.__alerted")
        if path.stem in ("deployments", "overview"):
            assert hits[3], "the hostile text is shown as text"


def test_a_view_of_5000_nodes_opens_and_settles(chromium, tmp_path):
    from benchmarks.synthetic import big_view_graph
    from kg import views

    g = big_view_graph(5000)
    path = views.write_view(g, tmp_path / "big.html", "5000 nodes")
    open_view(chromium, path, wait=120)
    assert chromium.execute_script("return [kgView.nodes.length, kgView.edges.length]") == [
        g.number_of_nodes(),
        g.number_of_edges(),
    ]
    assert not [e for e in chromium.get_log("browser") if e["level"] == "SEVERE"]


def test_png_snapshot(examples_build, tmp_path, chromium):
    from kg import views
    from kg.facts import read_facts

    g, title = views.build_view(read_facts(examples_build.dataset), "aid")
    path = views.write_view(g, tmp_path / "aid.png", title, fmt="png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def open_report(driver, path: Path, wait: float = 60.0) -> None:
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    deadline = time.time() + wait
    while time.time() < deadline:
        if driver.execute_script("return document.body && document.body.getAttribute('data-drawn')") == "true":
            return
        time.sleep(0.2)
    raise AssertionError(f"{path.name}: the charts were not drawn in {wait}s")


def test_report_draws_its_charts_offline(chromium, examples_build):
    import subprocess
    import sys

    out = examples_build.graph_path.parent / "report.html"
    r = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "report", "--graph", examples_build.graph_path, "--out", out],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    open_report(chromium, out)
    assert not [e for e in chromium.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    outside = [u for u in requests_made(chromium) if not u.startswith(("file://", "data:"))]
    assert not outside, outside
    data = json.loads(chromium.execute_script("return document.getElementById('kg-report-data').textContent"))
    drawn = chromium.execute_script(
        """return [document.querySelectorAll('.js-plotly-plot').length,
                   document.querySelectorAll('#chart-aid .sankey-link').length,
                   Array.from(document.querySelectorAll('#chart-months .bars .point path'))
                     .filter(function (p) { return p.getBBox().height > 0.5; }).length,
                   document.querySelectorAll('#chart-actors .bars .point').length,
                   document.querySelectorAll('#aid-legend .sw').length]"""
    )
    nonzero_bars = sum(1 for s in data["eventsByType"] for n in s["counts"] if n)
    categories = len(set(data["sankeyCategory"]))
    assert drawn == [3, len(data["sankeyValue"]), nonzero_bars, len(data["actors"]), categories]
    assert drawn[1] > 0 and drawn[2] > 0
    links = chromium.execute_script("return Array.from(document.querySelectorAll('nav.views a')).map(a => a.href)")
    assert len(links) == 4 and all(link.startswith("file://") and link.endswith(".html") for link in links)
    ARTIFACTS.mkdir(exist_ok=True)
    chromium.set_window_size(1280, 1500)
    chromium.save_screenshot(str(ARTIFACTS / "report.png"))
    chromium.set_window_size(1280, 900)


def test_hostile_names_in_the_report_stay_text(chromium, tmp_path):
    from kg import report

    from ..unit.test_analytics import country, event, facts_of
    from ..unit.test_report import HOSTILE

    f = facts_of([event(1, "AidTransfer", "A", "B", ["Food"], date="2024-01"), event(2, "Deployment", "B", "A")])
    f.entities[country("A")].labels["en"] = HOSTILE
    path = report.write_report(f, tmp_path / "report.html")
    chromium.execute_script("window.alert = function () { window.__alerted = true; };")
    open_report(chromium, path)
    time.sleep(0.5)
    found = chromium.execute_script(
        """return [!!window.pwned, !!window.__alerted, document.querySelectorAll('img, b').length,
                   document.querySelectorAll('a[href^="javascript"]').length,
                   document.getElementById('chart-aid').textContent.indexOf('<img src=x') >= 0,
                   document.getElementById('all-central').textContent.indexOf('<img src=x') >= 0]"""
    )
    assert found == [False, False, 0, 0, True, True], found
