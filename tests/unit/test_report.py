"""kg report: one self-contained page; article-derived text escaped; links to the views beside it."""

import json
import re

from kg import report
from kg.facts import read_facts

from .test_analytics import country, event, facts_of

HOSTILE = '<img src=x onerror="window.pwned=1"><b>Bold</b> & <a href="javascript:window.pwned=2">x</a>'


def data_block(page: str) -> str:
    return page.split('<script type="application/json" id="kg-report-data">', 1)[1].split("</script>", 1)[0]


def test_report_of_the_examples_links_the_views_and_loads_nothing(examples_build, tmp_path):
    out = examples_build.graph_path.parent / "report.html"
    path = report.write_report(read_facts(examples_build.dataset), out, examples_build.graph_path.parent / "views")
    page = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
        assert "src=" not in tag and "href=" not in tag, tag
    assert "Plotly.newPlot" in page and "plotly.js v" in page  # inlined, licence notice kept
    links = re.findall(r'<a href="([^"]+)">', page)
    assert sorted(links) == sorted(f"views/{p.name}" for p in examples_build.views)
    assert all((out.parent / link).exists() for link in links)
    data = json.loads(data_block(page))
    assert len(data["sankeySource"]) == len(data["sankeyTarget"]) == len(data["sankeyValue"]) > 0
    assert sum(sum(s["counts"]) for s in data["eventsByType"]) == len(read_facts(examples_build.dataset).events)
    assert '<table id="all-central">' in page and '<table id="all-contested">' in page


def test_report_escapes_names_in_tables_and_charts(tmp_path):
    f = facts_of([event(1, "AidTransfer", "A", "B", ["Food"], date="2024-01")])
    f.entities[country("A")].labels["en"] = HOSTILE + "\u202e"
    page = report.render(f, tmp_path / "r.html")
    body = page.split("<body>", 1)[1]
    before_data = body.split('<script type="application/json"', 1)[0]
    assert "<img" not in before_data and "<b>" not in before_data and '<a href="javascript' not in before_data
    assert "&lt;img src=x" in before_data  # shown as text in the tables
    data = data_block(page)
    assert "<" not in data and ">" not in data
    labels = json.loads(data)["sankeyNodes"]
    assert any("&lt;img" in label and "&lt;b&gt;" in label for label in labels)  # plotly shows entities as characters
    assert "\u202e" not in page


def test_report_without_views_says_so(tmp_path):
    f = facts_of([event(1, "AidTransfer", "A", "B", ["Food"])])
    page = report.render(f, tmp_path / "r.html", tmp_path / "no-views")
    assert "No views beside this graph" in page


def test_kg_report_command(examples_build, tmp_path):
    from ..conftest import run_kg

    out = tmp_path / "sub" / "report.html"
    r = run_kg("report", "--graph", examples_build.graph_path, "--out", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"wrote {out}"
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', page)
    assert len(links) == 4 and all((out.parent / link).resolve().exists() for link in links)  # ../views/...
    bad = run_kg("report", "--graph", tmp_path / "none.trig", "--out", out)
    assert bad.returncode != 0 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr
