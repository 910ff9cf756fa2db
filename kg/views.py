"""Interactive views of the graph: networkx graphs drawn with pyvis, saved as
self-contained HTML (vis-network inlined from the copy inside pyvis, no CDN).

Every piece of article text reaches the page as JSON data in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
and is turned into tooltips with ``textContent`` — never as markup.
"""

from __future__ import annotations

import html
import io
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .errors import KgError
from .export import write_atomic
from .facts import EventRec, Facts

STYLE = {
    "Country": ("#2b6cb0", "dot"),
    "Person": ("#dd6b20", "diamond"),
    "Organization": ("#2f855a", "square"),
    "Location": ("#805ad5", "triangle"),
    "Event": ("#718096", "box"),
    "Unattributed": ("#a0aec0", "ellipse"),
    "Result": ("#4a5568", "dot"),  # a value from a query row
}
CERTAINTY_COLOURS = {
    "Confirmed": "#2f855a",
    "Asserted": "#2b6cb0",
    "Believed": "#b7791f",
    "Speculated": "#c05621",
    "Denied": "#c53030",
}
BIG = 1500  # above this many nodes, physics is off and positions come from _big_layout
MAX_QUOTES = 3


def _pyvis_lib() -> Path:
    import pyvis

    return Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


def safe_json(value: object) -> str:
    """JSON that cannot end a <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class ViewBuilder:
    """Turns Facts into networkx graphs, one method per view."""

    def __init__(self, facts: Facts, lang: str = "en"):
        self.f = facts
        self.lang = lang

    def label(self, iri: str | None) -> str:
        if iri is None:
            return "?"
        ent = self.f.entities.get(iri)
        return ent.label(self.lang) if ent else iri.rsplit("/", 1)[-1]

    def _node(self, g: nx.MultiDiGraph, iri: str) -> None:
        if iri in g:
            return
        ent = self.f.entities.get(iri)
        typ = ent.type if ent else "Event"
        others = [v for k, v in (ent.labels.items() if ent else []) if k != self.lang]
        tooltip = "\n".join([self.label(iri), typ, *others, iri])
        g.add_node(iri, label=self.label(iri), group=typ, title=tooltip)

    def _sources(self, docs: list[str]) -> list[str]:
        out = []
        for d in docs:
            rec = self.f.documents.get(d)
            if rec:
                out.append(" — ".join(x for x in (rec.title, rec.published, rec.url or rec.source) if x))
        return out

    def _claims_about(self, ev_iris: list[str]) -> list[str]:
        lines = []
        for c in self.f.claims.values():
            if c.about in ev_iris:
                who = self.label(c.claimant) if c.claimant else "unattributed"
                lines.append(f"{c.certainty}: {who}")
        return sorted(set(lines))

    def _edge_tooltip(self, header: str, evs: list[EventRec]) -> str:
        docs = sorted({d for e in evs for d in e.documents})
        quotes = sorted({q for e in evs for q in e.evidence})[:MAX_QUOTES]
        dates = sorted({e.date for e in evs if e.date})
        counts = sorted({e.count for e in evs if e.count is not None})
        places = sorted({self.label(e.location) for e in evs if e.location})
        parts = [header]
        if dates:
            parts.append("date: " + ", ".join(dates))
        if counts:
            parts.append("count: " + ", ".join(map(str, counts)))
        if places:
            parts.append("location: " + ", ".join(places))
        claims = self._claims_about([e.iri for e in evs])
        if claims:
            parts.append("claims: " + "; ".join(claims))
        parts += [f"“{q}”" for q in quotes]
        parts += ["source: " + s for s in self._sources(docs)]
        parts.append(f"{len(docs)} supporting article(s)")
        return "\n".join(parts)

    def _flow(self, types: tuple[str, ...], by_category: bool, keep=None) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        groups: dict[tuple, list[EventRec]] = defaultdict(list)
        for ev in self.f.events.values():
            if ev.type not in types or (keep and not keep(ev)):
                continue
            src = ev.agent or ev.affected
            dst = ev.recipient or ev.location or ev.affected
            if not src or not dst:
                continue
            cats = ev.categories if by_category and ev.categories else [ev.type]
            for cat in cats:
                groups[(src, dst, cat)].append(ev)
        for (src, dst, cat), evs in sorted(groups.items()):
            self._node(g, src)
            self._node(g, dst)
            dates = sorted({e.date for e in evs if e.date})
            docs = {d for e in evs for d in e.documents}
            label = cat + (f" {dates[0]}" if dates else "")
            g.add_edge(
                src,
                dst,
                label=label,
                category=cat,
                date=dates[0] if dates else "",
                width=1 + 2 * len(docs),
                articles=len(docs),
                title=self._edge_tooltip(f"{self.label(src)} → {self.label(dst)}: {cat}", evs),
            )
        return g

    def deployments(self) -> nx.MultiDiGraph:
        return self._flow(("Deployment",), by_category=False)

    def aid(self) -> nx.MultiDiGraph:
        return self._flow(("AidTransfer",), by_category=True)

    def overview(self) -> nx.MultiDiGraph:
        return self._flow(tuple({e.type for e in self.f.events.values()}), by_category=True)

    def actor(self, name: str) -> nx.MultiDiGraph:
        target = self.find_entity(name)
        return self._flow(
            tuple({e.type for e in self.f.events.values()}),
            by_category=True,
            keep=lambda e: target in (e.agent, e.recipient, e.affected, e.location),
        )

    def find_entity(self, name: str) -> str:
        from .textnorm import normalize

        want = normalize(name.strip())
        for iri, ent in self.f.entities.items():
            if want in {normalize(v) for v in ent.labels.values()} or iri.endswith("/" + name):
                return iri
        from .lexicon import load_lexicon
        from .rdf import entity_iri

        lex = load_lexicon()
        for key, ent in lex.entities.items():
            names = {normalize(n) for ns in ent.labels.values() for n in ns}
            if want in names and str(entity_iri(key)) in self.f.entities:
                return str(entity_iri(key))
        raise KgError(f"no actor called {name!r} in this graph")

    def claims(self) -> nx.MultiDiGraph:
        """Claimants -> the events they speak about; the same event told by several articles is one node,
        and one claimant's claims about it with one certainty are one edge."""
        g = nx.MultiDiGraph()
        events: dict[str, list[EventRec]] = defaultdict(list)  # event key -> the event records of all articles
        key_of: dict[str, str] = {}
        for ev in self.f.events.values():
            key = "|".join([ev.type, ev.agent or ev.affected or "", ev.recipient or "", ",".join(ev.categories)])
            events[key].append(ev)
            key_of[ev.iri] = key
        edges: dict[tuple[str, str, str], list] = defaultdict(list)
        for c in self.f.claims.values():
            if c.about in key_of:
                edges[(c.claimant or "unattributed", key_of[c.about], c.certainty)].append(c)
        for (who, key, certainty), claims in sorted(edges.items()):
            if who == "unattributed":
                g.add_node(who, label="(unattributed)", group="Unattributed", title="claims with no named source")
            else:
                self._node(g, who)
            evs = events[key]
            if key not in g:
                ev = evs[0]
                roles = " → ".join(self.label(x) for x in (ev.agent or ev.affected, ev.recipient) if x)
                label = f"{ev.type}: {roles}" + (f" ({', '.join(ev.categories)})" if ev.categories else "")
                g.add_node(key, label=label, group="Event", title=self._edge_tooltip(label, evs))
            docs = sorted({d for c in claims for d in c.documents})
            quotes = sorted({q for c in claims for q in c.evidence})[:MAX_QUOTES]
            g.add_edge(
                who,
                key,
                label=certainty,
                category=certainty,
                date=min((e.date for e in evs if e.date), default=""),
                color=CERTAINTY_COLOURS.get(certainty),
                width=1 + 2 * len(docs),
                articles=len(docs),
                title="\n".join(
                    [f"{certainty} by {self.label(who) if who != 'unattributed' else 'unattributed'}"]
                    + [f"“{q}”" for q in quotes]
                    + ["source: " + s for s in self._sources(docs)]
                ),
            )
        return g


def records_graph(rows: list[dict]) -> nx.MultiDiGraph:
    """A graph from query rows: each row's first two columns are the ends of an edge."""
    g = nx.MultiDiGraph()
    for row in rows:
        keys = list(row)
        if len(keys) < 2:
            raise KgError("a query view needs at least two columns (from, to)")
        src, dst = str(row[keys[0]]), str(row[keys[1]])
        rest = {k: row[k] for k in keys[2:]}
        for n in (src, dst):
            if n not in g:
                g.add_node(n, label=n, group="Result", title=n)
        label = " ".join(str(v) for v in rest.values() if v is not None and not isinstance(v, list | dict))[:60]
        g.add_edge(
            src,
            dst,
            label=label,
            category="",
            date="",
            width=2,
            articles=1,
            title="\n".join(f"{k}: {v}" for k, v in row.items()),
        )
    return g


def _big_layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for graphs too big for in-browser physics: connected components side by side,
    each a spiral with its best-connected nodes in the middle (no numpy needed)."""
    positions: dict[str, tuple[float, float]] = {}
    components = sorted(nx.weakly_connected_components(g), key=len, reverse=True)
    cursor_x, row_y, row_h = 0.0, 0.0, 0.0
    width = 60.0 * math.sqrt(g.number_of_nodes())
    for comp in components:
        nodes = sorted(comp, key=lambda n: (-g.degree(n), str(n)))
        radius = 0.0
        for i, node in enumerate(nodes):
            r = 22.0 * math.sqrt(i)
            angle = i * 2.39996  # the golden angle spreads the spiral evenly
            positions[node] = (r * math.cos(angle), r * math.sin(angle))
            radius = max(radius, r)
        size = 2 * radius + 60
        if cursor_x + size > width:
            cursor_x, row_y, row_h = 0.0, row_y + row_h, 0.0
        for node in nodes:
            x, y = positions[node]
            positions[node] = (cursor_x + size / 2 + x, row_y + size / 2 + y)
        cursor_x += size
        row_h = max(row_h, size)
    return positions


def to_html(g: nx.MultiDiGraph, title: str, lang: str = "en") -> str:
    net = Network(directed=True, height="100%", width="100%")
    big = g.number_of_nodes() > BIG
    positions = _big_layout(g) if big else {}
    for node, attrs in g.nodes(data=True):
        colour, shape = STYLE.get(attrs.get("group", "Event"), STYLE["Event"])
        extra = {}
        if big:
            x, y = positions[node]
            extra = {"x": x, "y": y, "physics": False}
        net.add_node(
            str(node),
            label=str(attrs.get("label", node)),
            title=attrs.get("title", ""),
            color=colour,
            shape=shape,
            kind=attrs.get("group"),
            **extra,
        )
    for src, dst, attrs in g.edges(data=True):
        net.add_edge(
            str(src),
            str(dst),
            label=attrs.get("label", ""),
            title=attrs.get("title", ""),
            width=attrs.get("width", 1),
            category=attrs.get("category", ""),
            date=attrs.get("date", ""),
            color=attrs.get("color") or "#4a5568",
            arrows="to",
        )
    options = {
        "physics": {
            "enabled": not big,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -2500,
                "centralGravity": 0.8,
                "springLength": 150,
                "springConstant": 0.05,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        },
        "edges": {
            "smooth": {"type": "dynamic"} if not big else False,
            "font": {"size": 12, "align": "middle", "strokeWidth": 3},
        },
        "nodes": {"font": {"size": 15}, "size": 18},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "layout": {"improvedLayout": not big, "randomSeed": 7},
    }
    nodes, edges, _, _, _, _ = net.get_network_data()
    categories = sorted({e.get("category") for e in edges if e.get("category")})
    data = {"nodes": nodes, "edges": edges, "options": options, "categories": categories}
    legend = "".join(
        f'<span><span class="sw" style="background:{colour}"></span>{html.escape(name)}</span>'
        for name, (colour, _) in STYLE.items()
        if any(a.get("group") == name for _, a in g.nodes(data=True))
    )
    lib = _pyvis_lib()
    values = {
        "TITLE": html.escape(title),
        "LANG": "ar" if lang == "ar" else "en",
        "DIR": "rtl" if lang == "ar" else "ltr",
        "LEGEND": legend,
        "DATA": safe_json(data),
        "VIS_JS": (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        "VIS_CSS": (lib / "vis-network.css").read_text(encoding="utf-8"),
    }
    template = resources.files("kg.templates").joinpath("view.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def write_view(g: nx.MultiDiGraph, path: str | Path, title: str, lang: str = "en", fmt: str = "html") -> Path:
    path = Path(path)
    if fmt == "html":
        write_atomic(path, to_html(g, title, lang).encode("utf-8"))
    elif fmt in ("graphml", "gexf"):
        flat = nx.MultiDiGraph()
        for n, a in g.nodes(data=True):
            flat.add_node(n, **{k: str(v) for k, v in a.items() if v is not None})
        for s, d, a in g.edges(data=True):
            flat.add_edge(s, d, **{k: str(v) for k, v in a.items() if v is not None})
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, buf)
        write_atomic(path, buf.getvalue())
    elif fmt == "png":
        write_png(to_html(g, title, lang), path)
    else:
        raise KgError(f"unknown view format {fmt!r}; use html, png, graphml or gexf")
    return path


def chromium_binary() -> str:
    for name in (os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise KgError("PNG snapshots need a Chromium browser (apt-get install chromium, or set KG_CHROMIUM)")


def write_png(page: str, path: Path, size: tuple[int, int] = (1400, 1000)) -> None:
    """Render the page in headless Chromium, with no network, and save a screenshot."""
    binary = chromium_binary()
    with tempfile.TemporaryDirectory(prefix="kg-png-") as tmp:
        html_file = Path(tmp) / "view.html"
        html_file.write_text(page, encoding="utf-8")
        shot = Path(tmp) / "view.png"
        cmd = [
            binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp}/profile",
            f"--window-size={size[0]},{size[1]}",
            "--virtual-time-budget=10000",
            f"--screenshot={shot}",
            html_file.as_uri(),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        except subprocess.TimeoutExpired:
            raise KgError("Chromium took more than 120 s to draw the view") from None
        if not shot.exists() or shot.stat().st_size == 0:
            raise KgError("Chromium did not write a screenshot")
        write_atomic(path, shot.read_bytes())


def build_view(facts: Facts, view: str, lang: str = "en", name: str | None = None) -> tuple[nx.MultiDiGraph, str]:
    if lang not in ("en", "ar"):
        raise KgError(f"labels come in en or ar, not {lang!r}")
    vb = ViewBuilder(facts, lang)
    if view == "deployments":
        return vb.deployments(), "Deployments"
    if view == "aid":
        return vb.aid(), "Aid and arms transfers"
    if view == "claims":
        return vb.claims(), "Claims and their sources"
    if view == "overview":
        return vb.overview(), "All relationships"
    if view == "actor":
        if not name:
            raise KgError("the actor view needs a name, e.g. kg viz actor Russia")
        return vb.actor(name), f"{name}: relationships"
    raise KgError(f"unknown view {view!r}; use one of deployments, aid, claims, overview, actor, query")


DEFAULT_VIEWS = ("deployments", "aid", "claims", "overview")
