"""A human-readable page generated from ontology/kg.ttl (docs/ontology.md)."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .rdf import KG
from .resources import read_text

EXAMPLE = """```turtle
# in the named graph of one article
id:event/ar-kim-putin-…/9f2c…  a kg:Deployment ;
    kg:agent id:country/KP ; kg:recipient id:country/RU ; kg:location id:place/kursk ;
    kg:date "2025-08"^^xsd:gYearMonth ;
    kg:evidence "واعترف كيم … بأن قوات شمالية نُشرت لإزالة الألغام في منطقة كورسك في أغسطس 2025 …"@ar ;
    kg:hasEvidence id:evidence/ar-kim-putin-…/1432-1651 ;
    kg:fromDocument id:doc/ar-kim-putin-… .
id:claim/ar-kim-putin-…/41ab…  a kg:Claim ;
    kg:about id:event/ar-kim-putin-…/9f2c… ; kg:claimant id:person/kim_jong_un ; kg:certainty kg:Confirmed .
# in the entity registry graph
id:country/KP a kg:Country ; rdfs:label "North Korea"@en , "كوريا الشمالية"@ar ;
    owl:sameAs <http://www.wikidata.org/entity/Q423> .
```"""


def ontology() -> Graph:
    return Graph().parse(data=read_text("ontology", "kg.ttl"), format="turtle")


def _short(g: Graph, node) -> str:
    if node is None:
        return ""
    try:
        return g.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)


def _label(g: Graph, node, lang: str) -> str:
    return next((str(o) for o in g.objects(node, RDFS.label) if getattr(o, "language", None) == lang), "") or next(
        (str(o) for o in g.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == lang), ""
    )


def _ours(node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(KG))


def render() -> str:
    g = ontology()
    out = [
        "# The NewsKG ontology",
        "",
        "Generated from `ontology/kg.ttl` by `kg ontology-doc`; do not edit by hand.",
        f"Namespace: `kg: <{KG}>`. Shapes for validation: `ontology/shapes.ttl`.",
        "",
        "## Classes",
        "",
        "| class | English | Arabic | subclass of | meaning | codes |",
        "|---|---|---|---|---|---|",
    ]
    for c in sorted(filter(_ours, g.subjects(RDF.type, OWL.Class))):
        parents = ", ".join(sorted(_short(g, p) for p in g.objects(c, RDFS.subClassOf)))
        codes = ", ".join(
            f"{name} {g.value(c, KG[name.lower()])}" for name in ("PLOVER", "CAMEO") if g.value(c, KG[name.lower()])
        )
        out.append(
            f"| `{_short(g, c)}` | {_label(g, c, 'en')} | {_label(g, c, 'ar')} | {parents} "
            f"| {g.value(c, RDFS.comment) or ''} | {codes} |"
        )
    out += [
        "",
        "## Properties",
        "",
        "| property | kind | English | Arabic | domain | range | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    kinds = {OWL.ObjectProperty: "object", OWL.DatatypeProperty: "data", OWL.AnnotationProperty: "annotation"}
    props = sorted((p, kinds[k]) for k in kinds for p in g.subjects(RDF.type, k) if _ours(p))
    for p, kind in props:
        out.append(
            f"| `{_short(g, p)}` | {kind} | {_label(g, p, 'en')} | {_label(g, p, 'ar')} "
            f"| {_short(g, g.value(p, RDFS.domain))} | {_short(g, g.value(p, RDFS.range))} "
            f"| {g.value(p, RDFS.comment) or ''} |"
        )
    out += ["", "## Concept schemes", ""]
    for scheme in sorted(filter(_ours, g.subjects(RDF.type, SKOS.ConceptScheme))):
        out.append(f"**`{_short(g, scheme)}`** — {g.value(scheme, RDFS.comment) or ''}")
        out.append("")
        for concept in sorted(g.subjects(SKOS.inScheme, scheme)):
            out.append(f"* `{_short(g, concept)}` — {_label(g, concept, 'en')} / {_label(g, concept, 'ar')}")
        out.append("")
    out += ["## Example", "", EXAMPLE, ""]
    return "\n".join(out)
