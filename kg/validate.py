"""SHACL validation of a built graph against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Dataset, Graph, Namespace

from .errors import ValidationError
from .export import union_graph
from .resources import read_text

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


def shapes() -> Graph:
    return Graph().parse(data=read_text("ontology", "shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return shapes()


def violations(ds: Dataset | Graph) -> list[Violation]:
    """The shapes' violations in a dataset (all graphs as one) or in one graph."""
    from pyshacl import validate

    data = ds if type(ds) is Graph else union_graph(ds)
    conforms, report, _ = validate(data, shacl_graph=_shapes(), inference="none", advanced=False)
    if conforms:
        return []
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        out.append(
            Violation(
                str(report.value(result, SH.focusNode)),
                str(report.value(result, SH.resultPath) or ""),
                str(report.value(result, SH.resultMessage) or "violates a shape"),
            )
        )
    return sorted(out, key=str)


def check(ds: Dataset) -> None:
    found = violations(ds)
    if found:
        raise ValidationError(f"graph breaks {len(found)} SHACL constraint(s); first: {found[0]}")
