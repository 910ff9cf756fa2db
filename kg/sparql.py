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


def run_sparql(ds: Dataset, text: str) -> list[dict]:
    """Rows of a SELECT (or one row {'ask': bool} for ASK) over the union of all named graphs."""
    try:
        result = union_graph(ds).query(PREFIXES + text)
    except Exception as e:  # pyparsing and rdflib raise assorted types
        raise QueryError(f"bad SPARQL: {str(e).splitlines()[0][:200]}") from None
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
