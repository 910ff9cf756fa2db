"""What a read-only Cypher statement may do: read the graph, nothing else.

The server's READ access mode already refuses writes, but it lets through reads
of other things: ``LOAD CSV`` (files and URLs), procedures (``apoc.load.*``,
``dbms.*``) and administration commands (``SHOW USERS``, ``TERMINATE
TRANSACTIONS``). So before a read-only statement is sent, it is scanned here:
comments and quoted text are taken out, then every clause keyword must be one of
a reading query's, every procedure one of a short list of schema lookups, and
every namespaced function a built-in one. ``--write`` (``Store.run(write=True)``)
skips this check; it is for statements you trust.
"""

from __future__ import annotations

import re

from .errors import QueryError

# Keywords of statements that write, manage the server, or read outside the graph.
REFUSED = {
    "LOAD": "LOAD CSV reads files and URLs",
    "CSV": "LOAD CSV reads files and URLs",
    "CREATE": "it writes or changes the schema",
    "MERGE": "it writes",
    "SET": "it writes",
    "DELETE": "it writes",
    "DETACH": "it writes",
    "REMOVE": "it writes",
    "FOREACH": "it writes",
    "INSERT": "it writes",
    "DROP": "it changes the schema or the server",
    "ALTER": "it administers the server",
    "RENAME": "it administers the server",
    "GRANT": "it administers the server",
    "DENY": "it administers the server",
    "REVOKE": "it administers the server",
    "SHOW": "it administers the server",
    "TERMINATE": "it administers the server",
    "START": "it administers the server",
    "STOP": "it administers the server",
    "ENABLE": "it administers the server",
    "DEALLOCATE": "it administers the server",
    "REALLOCATE": "it administers the server",
    "TRANSACTIONS": "it runs or manages transactions",
    "USE": "it switches database",
}
# Procedures that only describe the graph's schema.
PROCEDURES = {
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
}
# Namespaces of Cypher's own functions (date.truncate, point.distance...); apoc.* and others are refused.
FUNCTION_NAMESPACES = {"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector"}

_HIDDEN = re.compile(
    r"""//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`""",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*")


def _without_text(statement: str) -> str:
    """The statement with comments gone and each string or `quoted name` replaced by a neutral word."""

    def hide(m: re.Match) -> str:
        token = m.group(0)
        if token.startswith(("//", "/*")):
            return " "
        return " _q_ " if token.startswith("`") else " _s_ "

    text = _HIDDEN.sub(hide, statement)
    if re.search(r"/\*|['\"`]", text):
        raise QueryError("refused in read-only mode: an unclosed comment, string or `quoted name`")
    return text


def check_read_only(statement: str) -> None:
    """Raise QueryError unless the statement only reads the graph."""
    text = _without_text(statement)
    for m in _WORD.finditer(text):
        name = re.sub(r"\s+", "", m.group(0))
        prior = text[max(0, m.start() - 80) : m.start()].rstrip()  # a window keeps the scan linear
        before = prior[-1:]
        after = text[m.end() : m.end() + 80].lstrip()[:1]
        if before in (".", ":", "$") or (after == ":" and before in ("{", ",")):
            continue  # a property, label, parameter or map key, not a keyword
        called_by = prior.rsplit(None, 1)[-1:] or [""]  # the word before
        if called_by[0].upper() == "AS":
            continue  # a name given with AS
        if name.startswith("_q_") and (after == "(" or called_by[0].upper() == "CALL"):
            raise QueryError("refused in read-only mode: a `quoted` procedure or function name")
        if "." in name:
            if called_by[0].upper() == "CALL":
                if name.lower() not in {p.lower() for p in PROCEDURES}:
                    raise QueryError(
                        f"refused in read-only mode: procedure {name} (only {', '.join(sorted(PROCEDURES))}); "
                        "use --write for statements you trust"
                    )
            elif after == "(" and name.split(".")[0].lower() not in FUNCTION_NAMESPACES:
                raise QueryError(
                    f"refused in read-only mode: function {name}() is not one of Cypher's own; "
                    "use --write for statements you trust"
                )
            continue
        reason = REFUSED.get(name.upper())
        if reason:
            raise QueryError(
                f"refused in read-only mode: {name.upper()} ({reason}); use --write for statements you trust"
            )
