"""Named queries: one question a name, asked in Cypher (queries/NAME.cypher, for
Neo4j) and in SPARQL (queries/NAME.rq, for a built RDF file, no server).

Header lines start with ``//`` (Cypher) or ``#`` (SPARQL): the first says what
the query answers, and ``param: name = default`` lines declare its parameters
(default ``null``); both files of a query declare the same ones, and the SPARQL
reads parameter ``x`` as the variable ``?param_x`` (unbound when null). A SPARQL twin
gives the same columns in the same order as its Cypher; what SPARQL cannot say
directly it says in two more header lines:

* ``# list: col, col?`` -- the column is a list, written by the query as
  ``GROUP_CONCAT(...; separator="\u001f")``; it comes back sorted (the Cypher
  ``collect`` order is not defined either), ``col?`` is null instead of empty;
  ``# set: col`` the same with each item once, for ``collect(DISTINCT ...)``
  (rdflib 7.6 fails on ``GROUP_CONCAT(DISTINCT ...)`` over an unbound value);
* ``# finish: NAME`` -- the rows go through kg.sparql.FINISHERS[NAME] (a path
  search, which SPARQL has no way to return).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from .errors import QueryError
from .resources import data_dir

_PARAM = re.compile(r"^param:\s*(\w+)\s*(?:=\s*(.*?))?\s*(?:--.*)?$")
_LIST = re.compile(r"^(list|set):\s*(.*)$")
_FINISH = re.compile(r"^finish:\s*(\w+)\s*$")
SUFFIXES = {"cypher": (".cypher", "//"), "sparql": (".rq", "#")}  # backend -> file suffix, comment mark


@dataclass
class NamedQuery:
    name: str
    cypher: str | None
    description: str
    params: dict[str, object] = field(default_factory=dict)
    sparql: str | None = None
    # SPARQL list columns -> (each item once, null when empty)
    lists: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    finish: str | None = None  # SPARQL rows go through kg.sparql.FINISHERS[finish]

    @property
    def backends(self) -> list[str]:
        return [b for b in SUFFIXES if getattr(self, b) is not None]


def _parse_value(text: str | None):
    if text is None or text == "" or text == "null":
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def available() -> list[str]:
    """Names of the named queries: every queries/NAME.cypher or NAME.rq."""
    suffixes = tuple(suffix for suffix, _ in SUFFIXES.values())
    return sorted({p.name.rsplit(".", 1)[0] for p in data_dir("queries").iterdir() if p.name.endswith(suffixes)})


def _header(text: str, mark: str) -> list[str]:
    """The header comment lines, without their comment mark."""
    out = []
    for line in text.splitlines():
        if not line.startswith(mark):
            break
        out.append(line[len(mark) :].strip())
    return out


def load_query(name: str) -> NamedQuery:
    if not re.fullmatch(r"[\w-]+", name) or name not in available():
        raise QueryError(f"no named query {name!r}; available: {', '.join(available())}")
    texts: dict[str, str | None] = {}
    description, params, lists, finish = "", {}, {}, None
    for backend, (suffix, mark) in SUFFIXES.items():
        path = data_dir("queries").joinpath(f"{name}{suffix}")
        texts[backend] = path.read_text(encoding="utf-8") if path.is_file() else None
        if texts[backend] is None:
            continue
        lines, declared = [], {}
        for line in _header(texts[backend], mark):
            if m := _PARAM.match(line):
                declared[m.group(1)] = _parse_value(m.group(2))
            elif m := _LIST.match(line):
                for col in filter(None, (c.strip() for c in m.group(2).split(","))):
                    lists[col.rstrip("?")] = (m.group(1) == "set", col.endswith("?"))
            elif m := _FINISH.match(line):
                finish = m.group(1)
            elif line:
                lines.append(line)
        if params and declared != params:
            raise QueryError(f"named query {name}: its {suffix} file declares other parameters than the others")
        params = declared
        description = description or " ".join(lines)
    return NamedQuery(name, texts["cypher"], description, params, texts["sparql"], lists, finish)


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
