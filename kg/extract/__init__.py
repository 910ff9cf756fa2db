"""Extraction: Document -> Extraction (mentions, events, claims with evidence)."""

from .base import Extractor, available, get_extractor, register

__all__ = ["Extractor", "available", "get_extractor", "register"]
