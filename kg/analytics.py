"""Who matters: counts, central actors, aid flows and communities, for the whole graph and month by month.

Everything starts from :class:`kg.facts.Facts` (a built graph or one read back from
Neo4j) and is computed with networkx:

* **counts** of entities by type, events by type, claims by certainty, articles;
* **the actor graph**: one node per entity that takes part in an event as agent,
  recipient or affected; an undirected edge between the agent and each other
  participant, weighted by the number of events (as told: one per article that
  tells it). On it, **central actors** by degree (distinct partners), PageRank
  (weighted) and betweenness (normalised), and **communities** of actors that act
  together (Louvain, weighted, with a fixed seed: the same graph always gives the
  same communities);
* **aid** (AidTransfer events): who gave what to whom, by category, with the
  number of events and of articles, and the **balance** of each pair of actors
  per category (what A gave B against what B gave A).

An event's month is its own date's month, else its article's publication month,
else ``undated``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from .display import shown
from .errors import KgError
from .facts import EventRec, Facts

SEED = 7  # Louvain's seed: fixed, so communities are deterministic
ASSERTING = ("Confirmed", "Asserted", "Believed")  # certainties that say an event happened
UNDATED = "undated"
AID = "AidTransfer"


def event_key(ev: EventRec) -> tuple:
    """What makes events told by different articles the same event: type, roles and categories."""
    return (ev.type, ev.agent or ev.affected or "", ev.recipient or "", tuple(ev.categories))


def event_month(facts: Facts, ev: EventRec) -> str:
    if ev.date and len(ev.date) >= 7:
        return ev.date[:7]
    for d in ev.documents:
        doc = facts.documents.get(d)
        if doc and doc.published and len(doc.published) >= 7:
            return doc.published[:7]
    return UNDATED


class Analytics:
    """The analyses of one set of facts; ``month`` restricts them to the events of that month."""

    def __init__(self, facts: Facts, lang: str = "en", month: str | None = None):
        self.f = facts
        self.lang = lang
        self.month = month
        self.events = [ev for _, ev in sorted(facts.events.items()) if month is None or event_month(facts, ev) == month]

    def label(self, iri: str) -> str:
        ent = self.f.entities.get(iri)
        return shown(ent.label(self.lang) if ent else iri.rsplit("/", 1)[-1])

    def kind(self, iri: str) -> str:
        ent = self.f.entities.get(iri)
        return ent.type if ent else ""

    # -- counts ---------------------------------------------------------------------------------

    def counts(self) -> list[dict]:
        ev_iris = {ev.iri for ev in self.events}
        claims = [c for c in self.f.claims.values() if c.about in ev_iris]
        if self.month is None:
            entities = list(self.f.entities.values())
            docs = set(self.f.documents)
        else:
            involved = {x for ev in self.events for x in (ev.agent, ev.recipient, ev.affected, ev.location) if x}
            entities = [e for iri, e in self.f.entities.items() if iri in involved]
            docs = {d for ev in self.events for d in ev.documents}
        rows = [{"what": "articles", "type": "", "n": len(docs)}]
        for what, counter in (
            ("entities", Counter(e.type for e in entities)),
            ("events", Counter(ev.type for ev in self.events)),
            ("claims", Counter(c.certainty for c in claims)),
        ):
            rows += [{"what": what, "type": t, "n": n} for t, n in sorted(counter.items())]
        return rows

    # -- the actor graph ------------------------------------------------------------------------

    def actor_graph(self) -> nx.Graph:
        """Undirected, weighted by events; nodes are IRIs with ``label`` and ``type``."""
        weights: Counter = Counter()
        articles: dict[tuple[str, str], set[str]] = defaultdict(set)
        for ev in self.events:
            src = ev.agent
            for other in (ev.recipient, ev.affected):
                if src and other and other != src:
                    pair = tuple(sorted((src, other)))
                    weights[pair] += 1
                    articles[pair].update(ev.documents)
        g = nx.Graph()
        for a, b in sorted(weights):
            for n in (a, b):
                if n not in g:
                    g.add_node(n, label=self.label(n), type=self.kind(n))
            g.add_edge(a, b, weight=weights[(a, b)], articles=len(articles[(a, b)]))
        return g

    def central(self, top: int = 10, g: nx.Graph | None = None) -> list[dict]:
        """The most central actors, by PageRank, then degree, then name."""
        g = self.actor_graph() if g is None else g
        if g.number_of_nodes() == 0:
            return []
        pagerank = nx.pagerank(g, weight="weight")
        betweenness = nx.betweenness_centrality(g, normalized=True)
        rows = [
            {
                "actor": g.nodes[n]["label"],
                "type": g.nodes[n]["type"],
                "degree": g.degree(n),
                "events": g.degree(n, weight="weight"),
                "pagerank": round(pagerank[n], 4),
                "betweenness": round(betweenness[n], 4),
                "iri": n,
            }
            for n in g
        ]
        rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["actor"], r["iri"]))
        return rows[:top] if top else rows

    def communities(self, g: nx.Graph | None = None) -> list[dict]:
        """Groups of actors that act together (Louvain with a fixed seed), biggest first."""
        g = self.actor_graph() if g is None else g
        if g.number_of_edges() == 0:
            return []
        found = nx.community.louvain_communities(g, weight="weight", seed=SEED)
        groups = sorted((sorted(g.nodes[n]["label"] for n in c) for c in found), key=lambda m: (-len(m), m))
        return [{"community": i, "size": len(m), "members": m} for i, m in enumerate(groups, 1)]

    # -- aid --------------------------------------------------------------------------------------

    def _aid_groups(self) -> dict[tuple[str, str, str], list[EventRec]]:
        groups: dict[tuple[str, str, str], list[EventRec]] = defaultdict(list)
        for ev in self.events:
            if ev.type == AID and ev.agent and ev.recipient:
                for cat in ev.categories or ["Unspecified"]:
                    groups[(ev.agent, ev.recipient, cat)].append(ev)
        return groups

    def aid(self) -> list[dict]:
        """Who gave what to whom: one row per giver, recipient and category, most events first."""
        rows = [
            {
                "giver": self.label(giver),
                "recipient": self.label(recipient),
                "category": cat,
                "events": len(evs),
                "articles": len({d for e in evs for d in e.documents}),
            }
            for (giver, recipient, cat), evs in self._aid_groups().items()
        ]
        rows.sort(key=lambda r: (-r["events"], r["giver"], r["recipient"], r["category"]))
        return rows

    def balance(self) -> list[dict]:
        """Per pair of actors and category: events A gave B, events B gave A, and the difference."""
        flows: Counter = Counter()
        for (giver, recipient, cat), evs in self._aid_groups().items():
            flows[(giver, recipient, cat)] += len(evs)
        rows = []
        seen = set()
        for giver, recipient, cat in sorted(flows):
            a, b = sorted((giver, recipient), key=lambda x: (self.label(x), x))
            if (a, b, cat) in seen:
                continue
            seen.add((a, b, cat))
            ab, ba = flows[(a, b, cat)], flows[(b, a, cat)]
            rows.append(
                {
                    "actor_a": self.label(a),
                    "actor_b": self.label(b),
                    "category": cat,
                    "a_to_b": ab,
                    "b_to_a": ba,
                    "net": ab - ba,
                }
            )
        rows.sort(key=lambda r: (r["actor_a"], r["actor_b"], r["category"]))
        return rows

    # -- contested facts -------------------------------------------------------------------------

    def contested(self) -> list[dict]:
        """Events (same type, roles and categories, across articles) that one source asserts and another
        denies, or that sources report with different counts. An event an article states with no claim
        about it is asserted by that article."""
        groups: dict[tuple, list[EventRec]] = defaultdict(list)
        for ev in self.events:
            groups[event_key(ev)].append(ev)
        claims: dict[str, list] = defaultdict(list)
        for c in self.f.claims.values():
            claims[c.about].append(c)
        rows = []
        for (typ, agent, recipient, cats), evs in groups.items():
            asserted, denied, counts = set(), set(), defaultdict(set)
            for ev in evs:
                told = claims.get(ev.iri, [])
                if not told:
                    asserted.update(self._article(d) for d in ev.documents)
                for c in told:
                    who = self.label(c.claimant) if c.claimant else "(unattributed)"
                    if c.certainty == "Denied":
                        denied.add(who)
                    elif c.certainty in ASSERTING:
                        asserted.add(who)
                if ev.count is not None:
                    counts[ev.count].update(self._article(d) for d in ev.documents)
            if (asserted and denied) or len(counts) > 1:
                rows.append(
                    {
                        "event": typ,
                        "agent": self.label(agent) if agent else "",
                        "recipient": self.label(recipient) if recipient else "",
                        "categories": list(cats),
                        "asserted_by": sorted(asserted) if denied else [],
                        "denied_by": sorted(denied) if asserted else [],
                        "counts": [f"{n} ({', '.join(sorted(who))})" for n, who in sorted(counts.items())]
                        if len(counts) > 1
                        else [],
                        "told": [[n, sorted(who)] for n, who in sorted(counts.items())] if len(counts) > 1 else [],
                        "events": sorted(ev.iri for ev in evs),
                    }
                )
        rows.sort(key=lambda r: (r["event"], r["agent"], r["recipient"], r["categories"]))
        return rows

    def _article(self, doc: str) -> str:
        rec = self.f.documents.get(doc)
        return shown(rec.title if rec and rec.title else doc.rsplit("/", 1)[-1])

    # -- all of it ------------------------------------------------------------------------------

    def section(self, top: int = 10) -> dict:
        g = self.actor_graph()
        return {
            "counts": self.counts(),
            "central": self.central(top, g),
            "aid": self.aid(),
            "balance": self.balance(),
            "communities": self.communities(g),
            "contested": self.contested(),
        }


SECTIONS = ("counts", "central", "aid", "balance", "communities", "contested")
HIDDEN = ("iri", "events", "told")  # columns for programs (JSON), not for the text tables
LONG = ("events", "told")  # lists too long for a CSV cell


def months(facts: Facts) -> list[str]:
    """The months events fall in, in order (``undated`` last)."""
    found = {event_month(facts, ev) for ev in facts.events.values()}
    return sorted(found - {UNDATED}) + ([UNDATED] if UNDATED in found else [])


def events_per_month(facts: Facts) -> dict[str, dict[str, int]]:
    """month -> event type -> number of events."""
    out: dict[str, Counter] = defaultdict(Counter)
    for ev in facts.events.values():
        out[event_month(facts, ev)][ev.type] += 1
    return {m: dict(sorted(out[m].items())) for m in months(facts)}


def stats(facts: Facts, top: int = 10, lang: str = "en") -> dict:
    """``{"all": section, "months": {month: section}}``; each section has the tables of SECTIONS."""
    return {
        "all": Analytics(facts, lang).section(top),
        "months": {m: Analytics(facts, lang, m).section(top) for m in months(facts)},
    }


def _cell(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _rows(result: dict) -> Iterable[tuple[str, str, list[dict]]]:
    yield from ((name, "all", result["all"][name]) for name in SECTIONS)
    for month, section in result["months"].items():
        yield from ((name, month, section[name]) for name in SECTIONS)


def format_stats(result: dict, fmt: str = "table") -> str:
    """The result of :func:`stats` as text tables, JSON, or one CSV table (with section and month columns)."""
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=1)
    if fmt == "csv":
        columns = ["section", "month"]
        flat = []
        for name, month, rows in _rows(result):
            for row in rows:
                columns += [k for k in row if k not in columns and k not in LONG]
                flat.append({"section": name, "month": month, **{k: _cell(v) for k, v in row.items() if k not in LONG}})
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise KgError(f"unknown output format {fmt!r}; use table, json or csv")
    from .query import format_rows

    out = []
    for name, month, rows in _rows(result):
        if not rows and month != "all":
            continue
        shown_rows = [{k: _cell(v) for k, v in r.items() if k not in HIDDEN} for r in rows]
        out.append(f"== {name} ({'all months' if month == 'all' else month}) ==")
        out.append(format_rows(shown_rows, "table"))
        out.append("")
    return "\n".join(out).rstrip("\n")
