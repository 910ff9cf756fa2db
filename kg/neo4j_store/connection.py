"""The connection to one Neo4j database: the driver, sessions, time limits, a
watch for a server that stops answering, and driver errors turned into one
clear KgError line (never the password)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from ..config import Neo4jSettings, mask
from ..cypher_guard import check_read_only
from ..errors import (
    Neo4jAuthError,
    Neo4jConfigError,
    Neo4jDatabaseError,
    Neo4jError,
    Neo4jTimeout,
    Neo4jUnavailable,
    QueryError,
)
from . import cypher


@dataclass
class Connection:
    """A connection to one Neo4j database.

    With `on_stall`, a watcher thread calls it (with a message) once a call to the
    server has had no answer for the transaction limit plus three connection timeouts: a
    server that stopped (a frozen process, a dead link the kernel has not noticed)
    and would otherwise be waited on for ever. The CLI prints the message and exits.
    """

    settings: Neo4jSettings
    on_stall: Callable[[str], None] | None = None

    def __post_init__(self) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError

        self._calls: dict[object, float] = {}  # calls to the server under way -> when each began
        self._calls_lock = threading.Lock()
        self._closed = threading.Event()
        if self.on_stall and self.settings.query_timeout:
            threading.Thread(target=self._watch_for_stalls, daemon=True).start()

        wait = self.settings.connect_timeout
        try:
            self.driver = GraphDatabase.driver(
                self.settings.uri,
                auth=(self.settings.user, self.settings.password),
                connection_timeout=wait,  # TCP connect
                connection_acquisition_timeout=wait,  # and the Bolt handshake: a silent port fails in `wait` s
                connection_write_timeout=max(wait, 30.0),
                max_transaction_retry_time=30,
                notifications_min_severity="OFF",  # server notices (unknown label, deprecation) are not
                warn_notification_severity="OFF",  # errors: they never reach stderr, as logs or as warnings
            )
        except (ValueError, ConfigurationError) as e:
            raise Neo4jConfigError(f"bad Neo4j URI {mask(self.settings.uri)!r}: {_first_line(e)}") from None
        self._check()

    def _check(self) -> None:
        with translate_errors(self.settings):
            self.driver.verify_connectivity()
        with self.session() as s:
            s.run(self.query(cypher.PING)).consume()

    def stalled_for(self) -> float:
        """Seconds the oldest call to the server under way has waited (0 when none is)."""
        with self._calls_lock:
            started = min(self._calls.values(), default=None)
        return 0.0 if started is None else time.monotonic() - started

    def _watch_for_stalls(self) -> None:
        grace = 3 * self.settings.connect_timeout  # room for the driver to retry on a new connection
        limit = (self.settings.query_timeout or 0) + grace
        while not self._closed.wait(0.5):
            if self.stalled_for() > limit:
                self.on_stall(
                    f"Neo4j at {mask(self.settings.uri)} stopped answering: no reply for {limit:g} s "
                    f"(the transaction limit NEO4J_QUERY_TIMEOUT={self.settings.query_timeout:g} s "
                    f"plus 3 x NEO4J_CONNECT_TIMEOUT); what was committed stays, run the command again"
                )
                return

    def query(self, text: str):
        """An auto-commit statement with the transaction time limit."""
        from neo4j import Query

        return Query(text, timeout=self.settings.query_timeout)

    def timed(self, work: Callable) -> Callable:
        """A transaction function with the time limit the server enforces (NEO4J_QUERY_TIMEOUT)."""
        from neo4j import unit_of_work

        return unit_of_work(timeout=self.settings.query_timeout)(work)

    def close(self) -> None:
        self._closed.set()
        self.driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def session(self, read: bool = False):
        from neo4j import READ_ACCESS, WRITE_ACCESS

        with translate_errors(self.settings):
            with self.driver.session(
                database=self.settings.database, default_access_mode=READ_ACCESS if read else WRITE_ACCESS
            ) as s:
                yield _Watched(s, self._calls, self._calls_lock)

    # ------------------------------------------------------------ queries
    def run(self, statement: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run one statement; read-only unless write=True. Rows as dicts.

        Read-only means both: the server runs it in READ access mode, and
        kg.cypher_guard has found nothing in it but reading the graph.
        """
        params = params or {}
        if not write:
            check_read_only(statement)

        def work(tx):
            return [r.data() for r in tx.run(statement, params)]

        with self.session(read=not write) as s:
            return s.execute_write(self.timed(work)) if write else s.execute_read(self.timed(work))

    def counts(self) -> tuple[int, int]:
        """Nodes and relationships NewsKG wrote, from Neo4j's count store (no scan)."""
        nodes = self.run(cypher.COUNT_NODES)[0]["c"]
        rels = self.run(cypher.COUNT_RELATIONSHIPS)[0]["c"]
        return nodes, rels


class _Watched:
    """A driver session that notes when each call to the server begins and ends (see Connection.stalled_for)."""

    def __init__(self, session, calls: dict[object, float], lock: threading.Lock):
        self._session, self._calls, self._lock = session, calls, lock

    def _watched(self, call: Callable, *args, **kwargs):
        token = object()
        with self._lock:
            self._calls[token] = time.monotonic()
        try:
            return call(*args, **kwargs)
        finally:
            with self._lock:
                del self._calls[token]

    def execute_write(self, *args, **kwargs):
        return self._watched(self._session.execute_write, *args, **kwargs)

    def execute_read(self, *args, **kwargs):
        return self._watched(self._session.execute_read, *args, **kwargs)

    def run(self, *args, **kwargs):
        return self._watched(self._session.run, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._session, name)


# Take the lock if it is free, ours or abandoned. Setting `asked` first takes the node's write lock, so


@contextmanager
def translate_errors(settings: Neo4jSettings):
    """Driver exceptions -> one clear KgError line (never the password)."""
    from neo4j import exceptions as ne

    where = f"Neo4j at {mask(settings.uri)}"
    try:
        yield
    except ne.AuthError:
        raise Neo4jAuthError(
            f"{where} refused user {settings.user!r}: wrong user or password (set NEO4J_PASSWORD)"
        ) from None
    except ne.ServiceUnavailable as e:
        text = str(e)
        if "handshake" in text or "deadline" in text.lower() or "timed out" in text.lower():
            raise Neo4jTimeout(
                f"{where} did not answer within {settings.connect_timeout:g} s (connection timeout, "
                "NEO4J_CONNECT_TIMEOUT): the port is open but nothing speaks Bolt there, or the server is stuck"
            ) from None
        raise Neo4jUnavailable(
            f"cannot reach {where} ({_first_line(e)}); is it running? try scripts/neo4j.sh start"
        ) from None
    except (ne.SessionExpired, ne.IncompleteCommit) as e:
        raise Neo4jUnavailable(f"{where} dropped the connection ({_first_line(e)}); run the command again") from None
    except ne.ClientError as e:
        code = e.code or ""
        if "TransactionTimedOut" in code:
            raise Neo4jTimeout(
                f"{where}: a transaction ran longer than {settings.query_timeout:g} s and the server stopped it "
                "(transaction timeout, NEO4J_QUERY_TIMEOUT); nothing of it was written"
            ) from None
        if "DatabaseNotFound" in code or "Database.DatabaseNotFound" in code:
            raise Neo4jDatabaseError(f"Neo4j has no database {settings.database!r}") from None
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "write" in (e.message or "").lower():
            raise QueryError("this statement writes to the database; pass --write to allow it") from None
        raise QueryError(f"Neo4j refused the statement: {_first_line(e)}") from None
    except ne.Neo4jError as e:
        raise Neo4jError(f"Neo4j error: {_first_line(e)}") from None
    except ne.DriverError as e:
        raise Neo4jError(f"Neo4j driver error: {_first_line(e)}") from None


def _first_line(e: Exception) -> str:
    msg = getattr(e, "message", None) or str(e) or type(e).__name__
    return msg.strip().splitlines()[0][:300]
