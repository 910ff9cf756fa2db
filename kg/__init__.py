"""NewsKG: turn Arabic and English news articles into a knowledge graph."""

from .errors import KgError

__version__ = "0.1.0"
__all__ = ["KgError", "__version__"]
