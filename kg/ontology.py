"""The class hierarchy and concept schemes of ontology/kg.ttl, read once.

The ontology is where classes, their parents and the controlled vocabularies
are written; Python tables that need them (Neo4j labels and organisation kinds,
the RDF class map of lexicon kinds, the readable type order) are computed from
here, and tests/unit/test_ontology.py fails when a hand-kept one disagrees.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDFS, SKOS, Graph, Namespace

from .resources import read_text

KG = Namespace("https://w3id.org/newskg/ontology#")


@lru_cache(maxsize=1)
def graph() -> Graph:
    return Graph().parse(data=read_text("ontology", "kg.ttl"), format="turtle")


def _local(term) -> str | None:
    text = str(term)
    return text[len(str(KG)) :] if text.startswith(str(KG)) else None


@lru_cache(maxsize=1)
def parents() -> dict[str, str]:
    """Each kg: class -> its kg: superclass (local names)."""
    out = {}
    for c, p in graph().subject_objects(RDFS.subClassOf):
        child, parent = _local(c), _local(p)
        if child and parent:
            out[child] = parent
    return out


def ancestors(cls: str) -> list[str]:
    """The kg: superclasses of a class, nearest first."""
    out, parent = [], parents().get(cls)
    while parent and parent not in out:
        out.append(parent)
        parent = parents().get(parent)
    return out


def descendants(cls: str) -> list[str]:
    """Every kg: class under `cls`, most specific (deepest) first, then by name."""
    under = [c for c in parents() if cls in ancestors(c)]
    return sorted(under, key=lambda c: (-len(ancestors(c)), c))


def concepts(scheme: str) -> set[str]:
    """The kg: concepts in a SKOS concept scheme (kg:AidCategories, kg:CertaintyLevels)."""
    return {_local(c) for c in graph().subjects(SKOS.inScheme, KG[scheme]) if _local(c)}
