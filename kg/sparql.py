"""SPARQL over a built graph with rdflib, no server."""

from __future__ import annotations

from rdflib import RDFS, Dataset, Graph, Literal, URIRef, Variable

from .errors import QueryError
from .export import union_graph
from .resources import read_text

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


def run_sparql(
    ds: Dataset | Graph, text: str, allow_service: bool = False, bindings: dict[str, object] | None = None
) -> list[dict]:
    """Rows of a SELECT (or one row {'ask': bool} for ASK) over the union of all named graphs.

    The query reads only `ds`: SERVICE and FROM, which fetch from the network or
    from files, are refused unless `allow_service`. `bindings` give variables a
    value before the query runs (parameters: never pasted into the text); a
    variable given None stays unbound.
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
        graph = union_graph(ds) if isinstance(ds, Dataset) else ds
        init = {Variable(k): Literal(v) for k, v in (bindings or {}).items() if v is not None}
        result = graph.query(prepared, initBindings=init)
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


# ---------------------------------------------------------------- named queries
LIST_SEPARATOR = "\u001f"  # what a named query's GROUP_CONCAT puts between the items of a list column


def query_graph(ds: Dataset) -> Graph:
    """The graph a named query reads: every named graph of `ds`, and the class hierarchy of ontology/kg.ttl.

    Neo4j gives a node the labels of its class's ancestors (``:Country:Actor:Entity``);
    with the ``rdfs:subClassOf`` triples beside the data, SPARQL finds the same
    nodes by ``?x a/rdfs:subClassOf* kg:Actor``. Only the hierarchy is added, not
    the classes' labels, which a search by name must not find.
    """
    graph = union_graph(ds)
    ontology = Graph().parse(data=read_text("ontology", "kg.ttl"), format="turtle")
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        if all(isinstance(t, URIRef) for t in triple):
            graph.add(triple)
    return graph


def run_named(ds: Dataset | Graph, query, params: dict[str, object]) -> list[dict]:
    """The rows of a named query (kg.query.NamedQuery) over a built graph, as its Cypher gives them on Neo4j."""
    if query.sparql is None:
        raise QueryError(f"named query {query.name} has no SPARQL version (queries/{query.name}.rq); it needs Neo4j")
    graph = query_graph(ds) if isinstance(ds, Dataset) else ds
    rows = run_sparql(graph, query.sparql, bindings={f"param_{k}": v for k, v in params.items()})
    for row in rows:
        for col, (distinct, null_when_empty) in query.lists.items():
            text = row.get(col)
            items = text.split(LIST_SEPARATOR) if text else []
            items = sorted(set(items) if distinct else items)
            row[col] = None if null_when_empty and not items else items
    if query.finish:
        rows = FINISHERS[query.finish](rows, params)
    return rows


def _shortest_path(rows: list[dict], params: dict[str, object]) -> list[dict]:
    """Neo4j's shortestPath over the edges the query returned: one shortest chain (at most 8 hops) a pair.

    Rows in: one an edge (s, s_name, s_en, s_ar, s_actor and the same of o); the
    Cypher pattern ignores direction, and so does the search. Rows out: path (the
    names along it) and hops, for each actor whose English or Arabic label is
    `from` and each whose label is `to`. Among paths of equal length Neo4j and this
    search may choose different ones.
    """
    import networkx as nx

    g = nx.Graph()
    names: dict[str, str] = {}
    labels: dict[str, set] = {}
    actors: set[str] = set()
    for r in rows:
        g.add_edge(r["s"], r["o"])
        for end in ("s", "o"):
            node = r[end]
            names[node] = r[f"{end}_name"]
            labels[node] = {r[f"{end}_en"], r[f"{end}_ar"]} - {None}
            if r[f"{end}_actor"]:
                actors.add(node)
    starts = sorted(a for a in actors if params.get("from") in labels[a])
    ends = sorted(a for a in actors if params.get("to") in labels[a])
    out = []
    for a in starts:
        for b in ends:
            try:
                path = nx.shortest_path(g, a, b)
            except nx.NetworkXNoPath:
                continue
            if 0 < len(path) - 1 <= 8:
                out.append({"path": [names[n] for n in path], "hops": len(path) - 1})
    return out


FINISHERS = {"shortest_path": _shortest_path}
