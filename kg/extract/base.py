"""The extractor interface and its registry.

An extractor turns one Document into an Extraction. Its registry name carries a
version ("rules.v1") that is written into the provenance of every graph, so a
graph says which extractor produced it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..errors import KgError
from ..model import Document, Extraction


class Extractor(Protocol):
    name: str  # registry name with version, e.g. "rules.v1"

    def extract(self, doc: Document) -> Extraction: ...


_REGISTRY: dict[str, Callable[[], Extractor]] = {}


def register(name: str) -> Callable:
    def deco(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _REGISTRY[name] = factory
        return factory

    return deco


def get_extractor(name: str = "rules.v1") -> Extractor:
    from . import rules  # noqa: F401  (registers the built-in extractor)

    try:
        return _REGISTRY[name]()
    except KeyError:
        raise KgError(f"unknown extractor {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def available() -> list[str]:
    from . import rules  # noqa: F401

    return sorted(_REGISTRY)
