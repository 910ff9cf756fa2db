"""Connection settings: flags first, then environment, then defaults.

The password is kept out of ``repr`` so that it never reaches a log or a
traceback by accident.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
# The password scripts/neo4j.sh gives the local development server. A real
# deployment sets NEO4J_PASSWORD.
DEV_PASSWORD = "newskg-dev-password"


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default=DEV_PASSWORD, repr=False)
    database: str | None = None

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> Neo4jSettings:
        env = os.environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USER") or DEFAULT_USER,
            password=password or env.get("NEO4J_PASSWORD") or DEV_PASSWORD,
            database=database or env.get("NEO4J_DATABASE") or None,
        )
