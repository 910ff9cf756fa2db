"""SPARQL over a built graph with rdflib, no server."""

from __future__ import annotations

from rdflib import Dataset, Literal

from .errors import QueryError
from .export import union_graph

PREFIXES = """PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX id: <https://w3id.org/newskg/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _reaches_out(query) -> str | None:
    """What in a parsed query would fetch data from elsewhere (SERVICE, FROM), or None."""
    from rdflib.plugins.sparql import algebra

    services: list[str] = []

    def visit(node):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            services.append(str(node.get("term")))

    algebra.traverse(query.algebra, visitPre=visit)
    if services:
        return f"SERVICE <{services[0]}> asks another server"
    if query.algebra.get("datasetClause"):
        return "FROM / FROM NAMED loads a graph from a URL or file"
    return None


def run_sparql(ds: Dataset, text: str, allow_service: bool = False) -> list[dict]:
    """Rows of a SELECT (or one row {'ask': bool} for ASK) over the union of all named graphs.

    The query reads only `ds`: SERVICE and FROM, which fetch from the network or
    from files, are refused unless `allow_service`.
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(PREFIXES + text)
    except Exception as e:  # pyparsing and rdflib raise assorted types
        raise QueryError(f"bad SPARQL: {_first_line(e)}") from None
    reach = _reaches_out(prepared)
    if reach and not allow_service:
        raise QueryError(f"refused: {reach}; the query runs on --graph only (pass --allow-service to allow it)")
    try:
        result = union_graph(ds).query(prepared)
        if result.type == "ASK":
            return [{"ask": bool(result.askAnswer)}]
        if result.type != "SELECT":
            raise QueryError("only SELECT and ASK queries are supported here")
        names = [str(v) for v in result.vars]
        return [
            {
                n: (v.toPython() if isinstance(v, Literal) else (str(v) if v is not None else None))
                for n, v in zip(names, row, strict=True)
            }
            for row in result
        ]
    except QueryError:
        raise
    except Exception as e:  # a SERVICE that fails, a type error in a FILTER...
        raise QueryError(f"SPARQL query failed: {_first_line(e)}") from None


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return (text.splitlines()[0] if text else type(e).__name__)[:200]
