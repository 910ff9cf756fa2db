"""NewsKG: turn Arabic and English news articles into a knowledge graph."""

from . import native

native.choose()  # compiled hot modules if built from today's sources, else the sources (kg/native.py)

from .errors import KgError  # noqa: E402

__version__ = "0.1.0"
__all__ = ["KgError", "__version__"]
