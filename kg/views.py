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
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
from pyvis.network import Network

from .analytics import Analytics, event_key
from .display import shown
from .errors import KgError
from .export import write_atomic
from .facts import ClaimRec, EventRec, Facts
from .textnorm import is_arabic, normalize, tokenize, variants

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


SHORT = {  # short edge labels by event type; aid transfers are labelled with their category
    "Deployment": "deployed",
    "Communication": "message",
    "Casualty": "casualties",
    "WeaponsTest": "test",
    "WeaponsProduction": "production",
}


SHORT_CATEGORY = {  # the long category names, shortened for edge labels (the panel says them in full)
    "HumanitarianAid": "Humanitarian",
    "FinancialAid": "Financial",
    "MilitaryEquipment": "Equipment",
    "MilitaryTechnology": "Mil. technology",
}


def _utf16(text: str, index: int) -> int:
    """A Python string index as a JavaScript one (JavaScript counts UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Event type -> the normalised trigger phrases of its families (kg/lexicons: cues and the event table)."""
    from .events import grammar
    from .lexicon import load_json

    triggers = load_json("cues.json")["triggers"]
    families: dict[str, set[str]] = defaultdict(set)
    for rule in grammar().typing:
        if rule.type:
            families[rule.type] |= set(rule.families)
    out = {}
    for typ, fams in families.items():
        phrases = {
            tuple(t.norm for t in tokenize(word))
            for fam in fams
            for words in triggers.get(fam, {}).values()
            if isinstance(words, list)
            for word in words
        }
        out[typ] = tuple(sorted(p for p in phrases if p))
    return out


def _find(tokens, phrases, kind: str) -> list[tuple[int, int, str]]:
    """Where the phrases (tuples of normalised words) occur among the tokens; a word may carry proclitics."""
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for ph in phrases:
        by_first[ph[0]].append(ph)
    found = []
    for i, tok in enumerate(tokens):
        for _, stem in variants(tok.norm):
            for ph in by_first.get(stem, ()):
                if len(ph) <= len(tokens) - i and all(tokens[i + j].norm == w for j, w in enumerate(ph[1:], 1)):
                    found.append((tok.start, tokens[i + len(ph) - 1].end, kind))
    return found


def highlight(text: str, actor_names: list[str], event_type: str | None) -> list[list]:
    """Marks ``[start, end, "actor"|"trigger"]`` (JavaScript string offsets) on a quote: its actors' names
    and its event type's trigger words, found as the extractor finds them (normalised, proclitics off)."""
    tokens = tokenize(text)
    actors = {tuple(t.norm for t in tokenize(n)) for n in actor_names}
    marks = _find(tokens, [a for a in actors if a], "actor")
    if event_type:
        marks += _find(tokens, _trigger_words().get(event_type, ()), "trigger")
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2]))
    out, end = [], -1
    for start, stop, kind in marks:
        if start >= end:  # no overlaps: the first and longest wins
            out.append([_utf16(text, start), _utf16(text, stop), kind])
            end = stop
    return out


def _listed(names: list[str]) -> list[list[str]]:
    """Names as segments, comma-separated."""
    out = []
    for i, name in enumerate(names):
        if i:
            out.append(["t", ", "])
        out.append(["n", name])
    return out


class ViewBuilder:
    """Turns Facts into networkx graphs, one method per view.

    Every graph carries, in ``g.graph["events"]``, what the evidence panel shows of each event behind
    it (see :meth:`panel_record`); nodes and edges name their events in an ``events`` attribute.
    """

    def __init__(self, facts: Facts, lang: str = "en"):
        self.f = facts
        self.lang = lang
        # why an event is contested, as segments: ["t", text] or ["n", a name or title], so that the page can
        # isolate each name's direction (an Arabic title between English words and numbers)
        self.contested: dict[str, list[list[list[str]]]] = {}
        for row in Analytics(facts, lang).contested():
            reasons = []
            if row["denied_by"]:
                asserted, denied = _listed(row["asserted_by"]), _listed(row["denied_by"])
                reasons.append([["t", "asserted by "], *asserted, ["t", "; denied by "], *denied])
            if row["told"]:
                segments = [["t", "counts differ: "]]
                for i, (n, who) in enumerate(row["told"]):
                    segments += [["t", ("; " if i else "") + f"{n} ("], *_listed(who), ["t", ")"]]
                reasons.append(segments)
            for iri in row["events"]:
                self.contested[iri] = reasons
        self.claims_of: dict[str, list[ClaimRec]] = defaultdict(list)
        for c in sorted(facts.claims.values(), key=lambda c: c.iri):
            self.claims_of[c.about].append(c)

    def label(self, iri: str | None) -> str:
        if iri is None:
            return "?"
        ent = self.f.entities.get(iri)
        return shown(ent.label(self.lang) if ent else iri.rsplit("/", 1)[-1])

    def _names(self, iri: str | None) -> list[str]:
        ent = self.f.entities.get(iri) if iri else None
        return [shown(n) for n in (ent.names if ent else [])]

    def _node(self, g: nx.MultiDiGraph, iri: str) -> None:
        if iri in g:
            return
        ent = self.f.entities.get(iri)
        typ = ent.type if ent else "Event"
        others = [shown(v) for k, v in (ent.labels.items() if ent else []) if k != self.lang]
        tooltip = "\n".join([self.label(iri), typ, *others, iri])
        names = sorted({normalize(n) for n in [self.label(iri), *self._names(iri)]})
        g.add_node(iri, label=self.label(iri), group=typ, title=tooltip, names=names, events=[])

    def _sources(self, docs: list[str]) -> list[str]:
        out = []
        for d in docs:
            rec = self.f.documents.get(d)
            if rec:
                out.append(" — ".join(shown(x) for x in (rec.title, rec.published, rec.url or rec.source) if x))
        return out

    def _claims_about(self, ev_iris: list[str]) -> list[str]:
        lines = []
        for iri in ev_iris:
            for c in self.claims_of.get(iri, []):
                who = self.label(c.claimant) if c.claimant else "unattributed"
                lines.append(f"{c.certainty}: {who}")
        return sorted(set(lines))

    def _edge_tooltip(self, header: str, evs: list[EventRec]) -> str:
        docs = sorted({d for e in evs for d in e.documents})
        quotes = sorted({shown(q) for e in evs for q in e.evidence})[:MAX_QUOTES]
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
        if any(e.iri in self.contested for e in evs):
            reasons = {"".join(text for _, text in r) for e in evs for r in self.contested.get(e.iri, [])}
            parts.append("contested: " + "; ".join(sorted(reasons)))
        parts += [f"“{q}”" for q in quotes]
        parts += ["source: " + s for s in self._sources(docs)]
        parts.append(f"{len(docs)} supporting article(s); click for the evidence")
        return "\n".join(parts)

    # -- what the evidence panel shows ------------------------------------------------------------

    def _quote(self, text: str, names: list[str], event_type: str | None) -> dict:
        text = shown(text)
        return {
            "text": text,
            "dir": "rtl" if is_arabic(text) else "ltr",
            "marks": highlight(text, names, event_type),
        }

    def panel_record(self, ev: EventRec) -> dict:
        """One event as the panel lists it: its facts, its quotes with trigger and actors marked,
        the claims about it and the articles that tell it. Plain data: the page shows it as text."""
        roles = [(r, getattr(ev, r)) for r in ("agent", "recipient", "affected", "location") if getattr(ev, r)]
        names = [n for _, iri in roles for n in [self.label(iri), *self._names(iri)]]
        claims = []
        for c in self.claims_of.get(ev.iri, []):
            claimant_names = [self.label(c.claimant), *self._names(c.claimant)] if c.claimant else []
            claims.append(
                {
                    "claimant": self.label(c.claimant) if c.claimant else "(unattributed)",
                    "certainty": c.certainty,
                    "evidence": [self._quote(q, names + claimant_names, ev.type) for q in c.evidence],
                }
            )
        sources = []
        for d in ev.documents:
            rec = self.f.documents.get(d)
            if not rec:
                continue
            outlets = [self.label(o) for o in ev.reported_by]
            host = urlsplit(rec.url).hostname if rec.url else None
            sources.append(
                {
                    "title": shown(rec.title or d.rsplit("/", 1)[-1]),
                    "outlet": ", ".join(outlets or ([host] if host else [])),
                    "published": rec.published or "",
                    "url": rec.url if rec.url and rec.url.lower().startswith(("http://", "https://")) else "",
                    "source": shown(rec.source or ""),
                }
            )
        return {
            "iri": ev.iri,
            "type": ev.type,
            "date": ev.date or "",
            "categories": ev.categories,
            "count": ev.count,
            "roles": [[r, self.label(iri)] for r, iri in roles],
            "evidence": [self._quote(q, names, ev.type) for q in ev.evidence],
            "claims": claims,
            "sources": sources,
            "contested": self.contested.get(ev.iri, []),
        }

    def _edge_facts(self, evs: list[EventRec]) -> dict:
        """The attributes the filters read: event types, categories, certainties, months, contested."""
        certainties = sorted({c.certainty for e in evs for c in self.claims_of.get(e.iri, [])})
        return {
            "events": sorted(e.iri for e in evs),
            "types": sorted({e.type for e in evs}),
            "categories": sorted({c for e in evs for c in e.categories}),
            "certainties": certainties,
            "months": sorted({e.date[:7] for e in evs if e.date}),
            "contested": any(e.iri in self.contested for e in evs),
        }

    def _finish(self, g: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """Nodes list the events of their edges; the graph carries the panel records of all of them."""
        for src, dst, attrs in g.edges(data=True):
            for n in (src, dst):
                g.nodes[n]["events"] = sorted(set(g.nodes[n].get("events", [])) | set(attrs["events"]))
        used = {iri for _, _, a in g.edges(data=True) for iri in a["events"]}
        g.graph["events"] = {iri: self.panel_record(self.f.events[iri]) for iri in sorted(used)}
        return g

    def _flow(self, types: tuple[str, ...], keep=None) -> nx.MultiDiGraph:
        """One edge per pair of actors, event type and category (aid); width by supporting articles."""
        g = nx.MultiDiGraph()
        groups: dict[tuple, list[EventRec]] = defaultdict(list)
        for ev in self.f.events.values():
            if ev.type not in types or (keep and not keep(ev)):
                continue
            src = ev.agent or ev.affected
            dst = ev.recipient or ev.location or ev.affected
            if not src or not dst:
                continue
            for cat in (ev.categories or [""]) if ev.type == "AidTransfer" else [""]:
                groups[(src, dst, ev.type, cat)].append(ev)
        for (src, dst, typ, cat), evs in sorted(groups.items()):
            self._node(g, src)
            self._node(g, dst)
            docs = {d for e in evs for d in e.documents}
            facts = self._edge_facts(evs)
            name = SHORT_CATEGORY.get(cat, cat) or SHORT.get(typ, typ)
            label = ("⚠ " if facts["contested"] else "") + name + (f" ({len(docs)})" if len(docs) > 1 else "")
            g.add_edge(
                src,
                dst,
                label=label,
                category=cat,
                date=min((e.date for e in evs if e.date), default=""),
                width=1 + 2 * len(docs),
                articles=len(docs),
                title=self._edge_tooltip(f"{self.label(src)} → {self.label(dst)}: {name}", evs),
                **facts,
            )
        return self._finish(g)

    def deployments(self) -> nx.MultiDiGraph:
        return self._flow(("Deployment",))

    def aid(self) -> nx.MultiDiGraph:
        return self._flow(("AidTransfer",))

    def overview(self) -> nx.MultiDiGraph:
        return self._flow(tuple({e.type for e in self.f.events.values()}))

    def actor(self, name: str) -> nx.MultiDiGraph:
        target = self.find_entity(name)
        return self._flow(
            tuple({e.type for e in self.f.events.values()}),
            keep=lambda e: target in (e.agent, e.recipient, e.affected, e.location),
        )

    def find_entity(self, name: str) -> str:
        want = normalize(name.strip())
        for iri, ent in self.f.entities.items():
            if want in {normalize(v) for v in [*ent.labels.values(), *ent.names]} or iri.endswith("/" + name):
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
            key = "|".join([ev.type, *event_key(ev)[1:3], ",".join(ev.categories)])
            events[key].append(ev)
            key_of[ev.iri] = key
        edges: dict[tuple[str, str, str], list] = defaultdict(list)
        for c in self.f.claims.values():
            if c.about in key_of:
                edges[(c.claimant or "unattributed", key_of[c.about], c.certainty)].append(c)
        for (who, key, certainty), claims in sorted(edges.items()):
            if who == "unattributed":
                g.add_node(
                    who,
                    label="(unattributed)",
                    group="Unattributed",
                    title="claims with no named source",
                    names=["unattributed"],
                    events=[],
                )
            else:
                self._node(g, who)
            evs = events[key]
            contested = any(e.iri in self.contested for e in evs)
            if key not in g:
                ev = evs[0]
                roles = " → ".join(self.label(x) for x in (ev.agent or ev.affected, ev.recipient) if x)
                label = f"{ev.type}: {roles}" + (f" ({', '.join(ev.categories)})" if ev.categories else "")
                g.add_node(
                    key,
                    label=("⚠ " if contested else "") + label,
                    group="Event",
                    title=self._edge_tooltip(label, evs),
                    names=[normalize(label)],
                    events=[],
                    contested=contested,
                )
            docs = sorted({d for c in claims for d in c.documents})
            quotes = sorted({shown(q) for c in claims for q in c.evidence})[:MAX_QUOTES]
            facts = self._edge_facts(evs)
            facts["certainties"] = [certainty]
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
                **facts,
            )
        return self._finish(g)


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


def _parallel_curves(g: nx.MultiDiGraph) -> dict[tuple, float]:
    """Edges between the same two nodes (either way) bend apart: a signed bend per edge key.

    The k edges of a pair get bends -(k-1)/2 ... (k-1)/2 in one frame (from the smaller node id to the
    larger), so an edge drawn the other way bends the other way round; the middle one stays straight.
    The page scales the bends until the labels are apart from each other and others' (spreadLabels in view.html)."""
    pairs: dict[tuple, list[tuple]] = defaultdict(list)
    for src, dst, key in g.edges(keys=True):
        if src != dst:
            pairs[tuple(sorted((str(src), str(dst))))].append((src, dst, key))
    out = {}
    for (low, _), members in pairs.items():
        if len(members) < 2:
            continue
        for i, (src, dst, key) in enumerate(sorted(members, key=lambda m: (str(m[0]), str(m[1]), m[2]))):
            offset = i - (len(members) - 1) / 2
            out[(src, dst, key)] = offset if str(src) == low else -offset
    return out


def _smooth(bend: float, scale: float = 0.15) -> dict:
    """vis-network's setting for an edge with that bend (the page may bend it further)."""
    return {"enabled": True, "type": "curvedCCW" if bend < 0 else "curvedCW", "roundness": min(1.0, abs(bend) * scale)}


def _timeline(panel: dict[str, dict]) -> list[list]:
    """``[month, events]`` for each month from the first to the last event date (empty months too)."""
    counts: dict[str, int] = defaultdict(int)
    for rec in panel.values():
        if len(rec.get("date") or "") >= 7:
            counts[rec["date"][:7]] += 1
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append([key, counts.get(key, 0)])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def to_html(g: nx.MultiDiGraph, title: str, lang: str = "en") -> str:
    net = Network(directed=True, height="100%", width="100%")
    big = g.number_of_nodes() > BIG
    positions = _big_layout(g) if big else {}
    panel = g.graph.get("events", {})
    index = {iri: i for i, iri in enumerate(panel)}  # nodes and edges name their events by position
    for node, attrs in g.nodes(data=True):
        colour, shape = STYLE.get(attrs.get("group", "Event"), STYLE["Event"])
        extra = {}
        if big:
            x, y = positions[node]
            extra = {"x": x, "y": y, "physics": False}
        if attrs.get("contested"):
            extra["shapeProperties"] = {"borderDashes": [6, 4]}
            extra["borderWidth"] = 3
        net.add_node(
            str(node),
            label=shown(str(attrs.get("label", node))),
            title=shown(attrs.get("title", "")),
            color=colour,
            shape=shape,
            kind=attrs.get("group"),
            names=attrs.get("names") or [normalize(shown(str(attrs.get("label", node))))],
            events=[index[e] for e in attrs.get("events", []) if e in index],
            **extra,
        )
    curves = {} if big else _parallel_curves(g)
    for src, dst, key, attrs in g.edges(keys=True, data=True):
        bend = curves.get((src, dst, key))
        extra = {"bend": bend, "smooth": _smooth(bend)} if bend is not None else {}
        if attrs.get("contested"):
            extra["dashes"] = [8, 5]
        net.add_edge(
            str(src),
            str(dst),
            label=shown(attrs.get("label", "")),
            title=shown(attrs.get("title", "")),
            width=attrs.get("width", 1),
            category=attrs.get("category", ""),
            date=attrs.get("date", ""),
            color=attrs.get("color") or "#4a5568",
            arrows="to",
            events=[index[e] for e in attrs.get("events", []) if e in index],
            types=attrs.get("types", []),
            categories=attrs.get("categories") or ([attrs["category"]] if attrs.get("category") else []),
            certainties=attrs.get("certainties", []),
            months=attrs.get("months") or ([attrs["date"][:7]] if attrs.get("date") else []),
            contested=bool(attrs.get("contested")),
            articles=attrs.get("articles", 1),
            **extra,
        )
    options = {
        "physics": {
            "enabled": not big,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -2500,
                "centralGravity": 0.8,
                "springLength": 170,
                "springConstant": 0.05,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        },
        "edges": {
            "smooth": {"type": "dynamic"} if not big else False,
            "font": {"size": 12, "align": "horizontal", "strokeWidth": 3, "background": "rgba(255,255,255,0.85)"},
            "selectionWidth": 2,
        },
        "nodes": {"font": {"size": 15}, "size": 18},
        "interaction": {"hover": True, "tooltipDelay": 300, "navigationButtons": False},
        "layout": {"improvedLayout": not big, "randomSeed": 7},
    }
    nodes, edges, _, _, _, _ = net.get_network_data()
    for i, e in enumerate(edges):
        e["id"] = f"e{i}"
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "events": list(panel.values()),
        "categories": sorted({c for e in edges for c in e["categories"]}),
        "types": sorted({t for e in edges for t in e["types"]}),
        "certainties": [c for c in CERTAINTY_COLOURS if any(c in e["certainties"] for e in edges)],
        "kinds": [k for k in STYLE if any(n.get("kind") == k for n in nodes)],
        "months": sorted({m for e in edges for m in e["months"]}),
        "timeline": _timeline(panel),
    }
    legend = "".join(
        f'<label><input type="checkbox" class="f-kind" value="{html.escape(name)}" checked>'
        f'<span class="sw" style="background:{colour}"></span>{html.escape(name)}</label>'
        for name, (colour, _) in STYLE.items()
        if name in data["kinds"]
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
        skip = ("events", "names")  # the panel's and the search's data: not for Gephi
        for n, a in g.nodes(data=True):
            flat.add_node(n, **{k: str(v) for k, v in a.items() if v is not None and k not in skip})
        for s, d, a in g.edges(data=True):
            flat.add_edge(s, d, **{k: str(v) for k, v in a.items() if v is not None and k not in skip})
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
