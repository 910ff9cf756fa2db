"""Connection settings: flags first, then environment, then defaults.

The password is kept out of ``repr`` so that it never reaches a log or a
traceback by accident. A URI is checked here, before any connection: scheme,
host and port; ``user:password@`` inside it is taken out of the URI (and used
unless --user/--password say otherwise), so the URI can be shown in messages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from .errors import Neo4jConfigError

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
# The password scripts/neo4j.sh gives the local development server. A real
# deployment sets NEO4J_PASSWORD.
DEV_PASSWORD = "newskg-dev-password"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Seconds. Connecting covers TCP and the Bolt handshake; a query is one transaction, stopped by the server.
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_QUERY_TIMEOUT = 600.0
# One kg load or kg remove at a time per database: how long to wait for the one before, and when its
# lock counts as abandoned (a killed process stops renewing it).
DEFAULT_LOCK_WAIT = 300.0
DEFAULT_LOCK_STALE = 60.0


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default=DEV_PASSWORD, repr=False)
    database: str | None = None
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    query_timeout: float | None = DEFAULT_QUERY_TIMEOUT  # None: no limit
    lock_wait: float = DEFAULT_LOCK_WAIT
    lock_stale: float = DEFAULT_LOCK_STALE

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> Neo4jSettings:
        env = os.environ
        clean, uri_user, uri_password = parse_uri(uri or env.get("NEO4J_URI") or DEFAULT_URI)
        query_timeout = _seconds("NEO4J_QUERY_TIMEOUT", DEFAULT_QUERY_TIMEOUT)
        return cls(
            uri=clean,
            user=user or uri_user or env.get("NEO4J_USER") or DEFAULT_USER,
            password=password or uri_password or env.get("NEO4J_PASSWORD") or DEV_PASSWORD,
            database=database or env.get("NEO4J_DATABASE") or None,
            connect_timeout=_seconds("NEO4J_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT) or DEFAULT_CONNECT_TIMEOUT,
            query_timeout=query_timeout or None,
            lock_wait=_seconds("NEO4J_LOCK_WAIT", DEFAULT_LOCK_WAIT),
            lock_stale=_seconds("NEO4J_LOCK_STALE", DEFAULT_LOCK_STALE) or DEFAULT_LOCK_STALE,
        )


def _seconds(name: str, default: float) -> float:
    """A number of seconds from the environment (0 or more)."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 10**7:
        raise Neo4jConfigError(f"{name}={text!r}: give a number of seconds (0 or more)")
    return value


def mask(uri: str) -> str:
    """The URI with any password in it replaced by ***."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<unreadable URI>"
    if parts.password is None:
        return uri
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def parse_uri(uri: str) -> tuple[str, str | None, str | None]:
    """(URI without user info, user, password) after checking scheme, host and port."""
    shown = mask(uri)
    try:
        parts = urlsplit(uri.strip())
        port = parts.port
        host = parts.hostname
    except ValueError as e:
        raise Neo4jConfigError(f"bad Neo4j URI {shown!r}: {e}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise Neo4jConfigError(f"bad Neo4j URI {shown!r}: the scheme must be one of {', '.join(SCHEMES)}")
    if not host:
        raise Neo4jConfigError(f"bad Neo4j URI {shown!r}: no host name")
    if port is not None and not 1 <= port <= 65535:
        raise Neo4jConfigError(f"bad Neo4j URI {shown!r}: port {port} is not between 1 and 65535")
    if parts.path not in ("", "/") or parts.fragment:
        raise Neo4jConfigError(f"bad Neo4j URI {shown!r}: only scheme://host:port (and routing ?key=value) is read")
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=netloc)), parts.username or None, parts.password or None
