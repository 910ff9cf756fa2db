"""Reading the graph back out of Neo4j as RDF: every node keeps the quads it came
from (``rdf``) and every relationship its predicate and named graphs, so the
dataset comes back exactly."""

from __future__ import annotations

import json

from rdflib import Dataset, Literal, URIRef

from ..progress import progress
from ..rdf import bind_prefixes
from . import cypher


def export_rdf(store) -> Dataset:
    """The dataset the database holds, rebuilt from the ``rdf`` and ``graphs`` properties."""
    ds = Dataset()
    nodes, relationships = store.counts()  # the relationships counted include the derived ones, never read back
    with store.session(read=True) as s:
        with progress("reading nodes", total=nodes, unit="nodes") as advance:
            for rec in s.run(store.query(cypher.EXPORT_NODES)):
                advance()
                subject = URIRef(rec["iri"])
                for q in rec["rdf"] or []:
                    d = json.loads(q)
                    obj = (
                        URIRef(d["o"])
                        if d.get("iri")
                        else Literal(d["o"], lang=d.get("lang"), datatype=URIRef(d["dt"]) if d.get("dt") else None)
                    )
                    ds.graph(URIRef(d["g"])).add((subject, URIRef(d["p"]), obj))
        with progress("reading relationships", total=relationships, unit="relationships") as advance:
            for rec in s.run(store.query(cypher.EXPORT_RELATIONSHIPS)):
                advance()
                for g in rec["graphs"] or []:
                    ds.graph(URIRef(g)).add((URIRef(rec["s"]), URIRef(rec["p"]), URIRef(rec["o"])))
    bind_prefixes(ds)
    return ds
