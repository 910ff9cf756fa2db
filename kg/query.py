"""Named Cypher queries: one file a query in queries/, with a header comment.

Header lines start with ``//``: the first says what the query answers, and
``// param: name = default`` lines declare its parameters (default ``null``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from .errors import QueryError
from .resources import data_dir

_PARAM = re.compile(r"^//\s*param:\s*(\w+)\s*(?:=\s*(.*?))?\s*(?:--.*)?$")


@dataclass
class NamedQuery:
    name: str
    cypher: str
    description: str
    params: dict[str, object] = field(default_factory=dict)


def _parse_value(text: str | None):
    if text is None or text == "" or text == "null":
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def available() -> list[str]:
    return sorted(p.name[: -len(".cypher")] for p in data_dir("queries").iterdir() if p.name.endswith(".cypher"))


def load_query(name: str) -> NamedQuery:
    if not re.fullmatch(r"[\w-]+", name) or name not in available():
        raise QueryError(f"no named query {name!r}; available: {', '.join(available())}")
    text = data_dir("queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    description, params = [], {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _PARAM.match(line)
        if m:
            params[m.group(1)] = _parse_value(m.group(2))
        else:
            description.append(line.lstrip("/ ").rstrip())
    return NamedQuery(name, text, " ".join(d for d in description if d), params)


def parse_params(pairs: list[str], declared: dict[str, object] | None = None) -> dict[str, object]:
    """'key=value' strings -> parameters (JSON values where they parse: numbers, true, lists)."""
    out = dict(declared or {})
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"\w+", key):
            raise QueryError(f"bad parameter {pair!r}; write key=value")
        if declared is not None and key not in declared:
            raise QueryError(f"query takes no parameter {key!r}; it takes: {', '.join(declared) or 'none'}")
        out[key] = _parse_value(value) if value not in ("",) else ""
    return out


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def format_rows(rows: list[dict], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1, default=str)
    cols = list(rows[0]) if rows else []
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r[c]) for c in cols])
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"unknown output format {fmt!r}; use table, json or csv")
    if not rows:
        return "(no rows)"
    cells = [[_cell(r[c]) for c in cols] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(cols)]

    def line(values):
        return "  ".join(v[:60].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
