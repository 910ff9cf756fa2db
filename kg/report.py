"""`kg report`: one self-contained HTML page with the analytics of a graph, as tables and charts.

The charts are drawn by plotly.js, taken from the copy the ``plotly`` Python package
ships (``plotly.offline.get_plotlyjs()``, MIT licence, its notice kept at the top of
the inlined file) and inlined: the page loads nothing from anywhere, and a
Content-Security-Policy forbids it to.

Article-derived text (names, titles) reaches the page in two ways only: in the
tables, escaped with :func:`html.escape`; and in the charts, as JSON inside a
``<script type="application/json">`` block (:func:`kg.views.safe_json`), with
``&``, ``<`` and ``>`` written as entities because plotly reads its labels as a
small subset of HTML (``<b>``, ``<a href>``): that way a name is only ever shown,
never taken as a tag.
"""

from __future__ import annotations

import html
import os
import re
from importlib import resources
from pathlib import Path

from .analytics import Analytics, events_per_month, months
from .display import shown
from .errors import KgError
from .export import write_atomic
from .facts import Facts
from .views import DEFAULT_VIEWS, safe_json

VIEW_TITLES = {
    "overview": "All relationships",
    "deployments": "Deployments",
    "aid": "Aid and arms transfers",
    "claims": "Claims and their sources",
}
COLUMNS = {
    "counts": ("what", "type", "n"),
    "central": ("actor", "type", "degree", "events", "pagerank", "betweenness"),
    "aid": ("giver", "recipient", "category", "events", "articles"),
    "balance": ("actor_a", "actor_b", "category", "a_to_b", "b_to_a", "net"),
    "communities": ("community", "size", "members"),
    "contested": ("event", "agent", "recipient", "categories", "asserted_by", "denied_by", "counts"),
}
HEADINGS = {
    "counts": "Counts",
    "central": "Most central actors",
    "aid": "Aid: who gave what to whom",
    "balance": "Aid balance between pairs of actors",
    "communities": "Communities of actors that act together",
    "contested": "Contested facts: asserted and denied, or told with different counts",
}


def _plotly_js() -> str:
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        raise KgError("the report's charts need plotly: pip install plotly") from None
    return get_plotlyjs().replace("</script", "<\\/script")


def chart_text(text: str, limit: int = 40) -> str:
    """A name for a plotly label: shown as written (cut to ``limit`` characters), never read as a tag."""
    text = shown(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=False)


def _cell(value) -> str:
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return html.escape(shown(str(value)))


def table(rows: list[dict], columns: tuple[str, ...], table_id: str = "") -> str:
    if not rows:
        return '<p class="none">none</p>'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(c, ''))}</td>" for c in columns) + "</tr>" for r in rows)
    ident = f' id="{html.escape(table_id)}"' if table_id else ""
    return f'<table{ident}><thead><tr>{head}</tr></thead><tbody dir="auto">{body}</tbody></table>'


def _sections_html(section: dict, prefix: str) -> str:
    parts = []
    for name in COLUMNS:
        parts.append(f"<h3>{HEADINGS[name]}</h3>")
        parts.append(table(section[name], COLUMNS[name], f"{prefix}-{name}"))
    return "\n".join(parts)


def chart_data(facts: Facts, overall: dict) -> dict:
    """What the three charts draw: events per month by type, the top actors, the aid flows."""
    per_month = events_per_month(facts)
    types = sorted({t for counts in per_month.values() for t in counts})
    flows = overall["aid"]
    givers = sorted({r["giver"] for r in flows})
    recipients = sorted({r["recipient"] for r in flows})
    return {
        "months": list(per_month),
        "eventsByType": [{"type": t, "counts": [per_month[m].get(t, 0) for m in per_month]} for t in types],
        "actors": [chart_text(r["actor"]) for r in overall["central"]],
        "pagerank": [r["pagerank"] for r in overall["central"]],
        # Sankey: givers on the left, recipients on the right (one actor may be both: two nodes)
        "sankeyNodes": [chart_text(g) for g in givers] + [chart_text(r) for r in recipients],
        "sankeySource": [givers.index(r["giver"]) for r in flows],
        "sankeyTarget": [len(givers) + recipients.index(r["recipient"]) for r in flows],
        "sankeyValue": [r["events"] for r in flows],
        "sankeyCategory": [chart_text(r["category"]) for r in flows],
    }


def _view_links(out: Path, views_dir: Path | None) -> str:
    if views_dir is None or not views_dir.is_dir():
        return '<p class="none">No views beside this graph (kg build writes them to DIR/views/).</p>'
    links = []
    for name in DEFAULT_VIEWS:
        page = views_dir / f"{name}.html"
        if page.exists():
            href = Path(os.path.relpath(page, out.parent)).as_posix()
            links.append(f'<a href="{html.escape(href)}">{html.escape(VIEW_TITLES.get(name, name))}</a>')
    return '<nav class="views">Views: ' + " · ".join(links) + "</nav>" if links else ""


def render(facts: Facts, out: str | Path, views_dir: str | Path | None = None, top: int = 10, lang: str = "en") -> str:
    """The report page as a string; ``out`` is where it will be written (for the links to the views)."""
    out = Path(out)
    overall = Analytics(facts, lang).section(top)
    monthly = []
    for m in months(facts):
        body = _sections_html(Analytics(facts, lang, m).section(top), f"m{m}")
        monthly.append(f"<details><summary>{html.escape(m)}</summary>{body}</details>")
    summary = (
        f"{len(facts.documents)} articles, {len(facts.entities)} entities, "
        f"{len(facts.events)} events, {len(facts.claims)} claims"
    )
    values = {
        "LANG": "ar" if lang == "ar" else "en",
        "SUMMARY": html.escape(summary),
        "VIEWS": _view_links(out, Path(views_dir) if views_dir else None),
        "OVERALL": _sections_html(overall, "all"),
        "MONTHS": "\n".join(monthly) or '<p class="none">no events</p>',
        "DATA": safe_json(chart_data(facts, overall)),
        "PLOTLY_JS": _plotly_js(),
    }
    template = resources.files("kg.templates").joinpath("report.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def write_report(
    facts: Facts, out: str | Path, views_dir: str | Path | None = None, top: int = 10, lang: str = "en"
) -> Path:
    out = Path(out)
    write_atomic(out, render(facts, out, views_dir, top, lang).encode("utf-8"))
    return out
