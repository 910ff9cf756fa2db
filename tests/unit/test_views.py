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


def test_one_edge_per_pair_type_and_category_with_short_labels(examples_build):
    g, _ = views.build_view(read_facts(examples_build.dataset), "overview")
    keys = [(a, b, tuple(d["types"]), d["category"]) for a, b, d in g.edges(data=True)]
    assert len(keys) == len(set(keys))
    assert all(len(d["types"]) == 1 for _, _, d in g.edges(data=True))
    kp_ru = [d for a, b, d in g.edges(data=True) if {a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]} == {"KP", "RU"}]
    assert len(kp_ru) >= 4
    assert all(len(d["label"]) <= 20 for d in kp_ru)
    for d in kp_ru:  # the width says how many articles support it
        assert d["width"] == 1 + 2 * d["articles"]


def test_every_edge_names_the_events_behind_it_with_their_verbatim_quotes(examples_build):
    facts = read_facts(examples_build.dataset)
    for view in ("overview", "claims"):
        g, _ = views.build_view(facts, view)
        panel = g.graph["events"]
        for _, _, d in g.edges(data=True):
            assert d["events"]
            for iri in d["events"]:
                rec = panel[iri]
                ev = facts.events[iri]
                assert rec["iri"] == iri and rec["type"] == ev.type
                assert [q["text"] for q in rec["evidence"]] == ev.evidence  # verbatim (no bidi controls here)
                assert {s["title"] for s in rec["sources"]} == {facts.documents[x].title for x in ev.documents}
                claims = [c for c in facts.claims.values() if c.about == iri]
                assert sorted(c["certainty"] for c in rec["claims"]) == sorted(c.certainty for c in claims)
        for n, d in g.nodes(data=True):
            incident = {e for _, _, a in g.in_edges(n, data=True) for e in a["events"]}
            incident |= {e for _, _, a in g.out_edges(n, data=True) for e in a["events"]}
            assert set(d["events"]) == incident


def test_quotes_mark_the_trigger_and_the_actors(examples_build):
    facts = read_facts(examples_build.dataset)
    g, _ = views.build_view(facts, "overview")
    kinds = set()
    for rec in g.graph["events"].values():
        for q in rec["evidence"]:
            for start, end, kind in q["marks"]:
                kinds.add(kind)
                assert 0 <= start < end <= len(q["text"])
    assert kinds == {"actor", "trigger"}


def test_highlight_in_arabic_and_english():
    text = "وأرسلت روسيا مساعدات غذائية لسوريا"
    marks = views.highlight(text, ["روسيا", "سوريا"], "AidTransfer")
    shown = {(text[a:b], kind) for a, b, kind in marks}
    assert ("وأرسلت", "trigger") in shown and ("روسيا", "actor") in shown and ("لسوريا", "actor") in shown
    text = "🙂 North Korea deployed troops to Russia."
    marks = views.highlight(text, ["North Korea", "Russia"], "Deployment")
    utf16 = text.encode("utf-16-le")
    got = {(utf16[2 * a : 2 * b].decode("utf-16-le"), kind) for a, b, kind in marks}  # offsets count UTF-16 units
    assert got == {("North Korea", "actor"), ("deployed", "trigger"), ("Russia", "actor")}


def test_parallel_edges_bend_apart_and_the_other_way_round_for_the_other_direction():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", label="x")
    g.add_edge("a", "b", label="y")
    g.add_edge("b", "a", label="z")
    g.add_edge("a", "c", label="alone")
    bends = views._parallel_curves(g)
    assert ("a", "c", 0) not in bends
    # in one frame (a to b) the three take three places; b->a is stored in its own direction, so flipped
    absolute = {k: (v if k[0] == "a" else -v) for k, v in bends.items()}
    assert sorted(absolute.values()) == [-1.0, 0.0, 1.0]
    assert bends[("b", "a", 0)] == -absolute[("b", "a", 0)]
    page = views.to_html(g, "t")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    smooth = {e["label"]: e.get("smooth") for e in data["edges"]}
    assert smooth["alone"] is None and smooth["z"]["type"] == "curvedCCW" and smooth["y"]["type"] == "curvedCW"


def test_contested_events_are_marked_on_edges_and_in_the_panel(examples_build):
    g, _ = views.build_view(read_facts(examples_build.dataset), "overview")
    marked = [d for _, _, d in g.edges(data=True) if d["contested"]]
    assert marked and all(d["label"].startswith("⚠") for d in marked)
    for d in marked:
        reasons = ["".join(text for _, text in r) for iri in d["events"] for r in g.graph["events"][iri]["contested"]]
        assert any("denied by" in r or "counts differ" in r for r in reasons)
    # names in the reasons are segments of their own, for the page to isolate their direction
    kp_ru = next(d for a, b, d in g.edges(data=True) if a.endswith("/KP") and b.endswith("/RU") and d["contested"])
    segments = [s for iri in kp_ru["events"] for r in g.graph["events"][iri]["contested"] for s in r]
    names = [text for kind, text in segments if kind == "n"]
    assert "بيونغ يانغ ترسل ذخائر جديدة إلى موسكو" in names
    page = views.to_html(g, "overview")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert any(e["contested"] and e.get("dashes") for e in data["edges"])


def test_bidi_controls_are_taken_out_of_names_labels_and_quotes(tmp_path):
    from .test_analytics import country, event, facts_of

    ev = event(1, "Deployment", "A", "B")
    ev.evidence = ["A \u202edeployed\u202c troops to B"]
    f = facts_of([ev])
    f.entities[country("A")].labels["en"] = "\u202eAlpha\u2066"
    f.entities[country("A")].names.append("\u200fAlef")
    g, title = views.build_view(f, "overview")
    page = views.to_html(g, title)
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f":
        assert ch not in page
    assert "Alpha" in page and "A deployed troops to B" in page


def test_search_keys_are_every_name_normalised(examples_build):
    g, _ = views.build_view(read_facts(examples_build.dataset), "overview")
    putin = next(n for n in g if n.endswith("/vladimir_putin"))
    keys = g.nodes[putin]["names"]
    assert "بوتن" in keys and "putin" in keys and "فلاديمير بوتين" in keys
