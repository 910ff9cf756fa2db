"""Views: the HTML is self-contained and article text never becomes markup."""

import json
import re

import networkx as nx

from kg import views
from kg.facts import read_facts
from kg.pipeline import build

from ..conftest import DATA


def test_build_writes_the_main_views(examples_build):
    names = sorted(p.name for p in examples_build.views)
    assert names == ["aid.html", "claims.html", "deployments.html", "overview.html"]


def test_html_loads_nothing_from_the_network(examples_build):
    for path in examples_build.views:
        page = path.read_text(encoding="utf-8")
        assert "vis.Network" in page  # vis-network is inlined
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
            assert "src=" not in tag and "href=" not in tag, tag
        assert "cdn" not in page.lower().split("</style>")[-1]  # no CDN outside the inlined CSS


def test_hostile_article_text_is_escaped(tmp_path):
    result = build([DATA / "hostile-article.txt"], tmp_path)
    for path in result.views:
        page = path.read_text(encoding="utf-8")
        data = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
        assert "<" not in data and ">" not in data  # cannot close the data block or open a tag
        json.loads(data)
        assert "onerror=alert" not in page.split("<body>")[1].replace(data, "")


def test_deployment_view_edges_carry_labels_widths_and_tooltips(examples_build):
    facts = read_facts(examples_build.dataset)
    g, _ = views.build_view(facts, "deployments")
    edges = list(g.edges(data=True))
    assert edges
    for _, _, attrs in edges:
        assert attrs["width"] >= 1 and attrs["title"] and "supporting article" in attrs["title"]
    assert any("Korea" in g.nodes[n]["label"] for n in g)


def test_arabic_labels_and_rtl(examples_build, tmp_path):
    facts = read_facts(examples_build.dataset)
    g, title = views.build_view(facts, "aid", lang="ar")
    labels = {g.nodes[n]["label"] for n in g}
    assert "روسيا" in labels
    page = views.to_html(g, title, lang="ar")
    assert 'dir="rtl"' in page and 'lang="ar"' in page


def test_actor_view_finds_actors_by_any_name(examples_build):
    facts = read_facts(examples_build.dataset)
    g_en, _ = views.build_view(facts, "actor", name="Russia")
    g_ar, _ = views.build_view(facts, "actor", name="روسيا")
    assert g_en.number_of_edges() == g_ar.number_of_edges() > 0


def test_graphml_and_gexf(examples_build, tmp_path):
    facts = read_facts(examples_build.dataset)
    g, title = views.build_view(facts, "overview")
    for fmt in ("graphml", "gexf"):
        path = views.write_view(g, tmp_path / f"o.{fmt}", title, fmt=fmt)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
