"""One exception hierarchy for everything a user can act on.

The CLI turns any :class:`KgError` into one line on stderr and a non-zero exit
code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "InputError",
    "EmptyInputError",
    "InputsFailed",
    "OutputError",
    "RdfError",
    "ValidationError",
    "QueryError",
    "Neo4jError",
    "Neo4jUnavailable",
    "Neo4jConfigError",
    "Neo4jTimeout",
    "Neo4jBusy",
    "Neo4jAuthError",
    "Neo4jDatabaseError",
]


class KgError(Exception):
    """Base of every error NewsKG raises on purpose."""

    exit_code = 1

    def lines(self) -> list[str]:
        """What the CLI prints, one `error: ` line each."""
        return [str(self)]


class InputError(KgError):
    """A source that cannot be read: missing, binary, wrong encoding, too large."""

    exit_code = 2


class EmptyInputError(InputError):
    """Sources were given but none holds any article text."""


class InputsFailed(InputError):
    """Nothing could be built: every input failed. Each problem is one line, then a summary."""

    def __init__(self, problems: list[InputError]):
        self.problems = problems
        super().__init__(f"nothing built: all {len(problems)} input(s) failed")
        if len(problems) == 1:
            self.exit_code = problems[0].exit_code

    def lines(self) -> list[str]:
        if len(self.problems) == 1:
            return [str(self.problems[0])]
        return [str(p) for p in self.problems] + [str(self)]


class OutputError(KgError):
    """An output path that cannot be written: a file where a folder is needed, a read-only folder."""

    exit_code = 2


class RdfError(KgError):
    """An RDF file that cannot be parsed or written."""

    exit_code = 2


class ValidationError(KgError):
    """A graph that breaks the SHACL shapes of the ontology."""

    exit_code = 3


class QueryError(KgError):
    """An unknown named query, a bad parameter, or a Cypher statement the server refused."""

    exit_code = 2


class Neo4jError(KgError):
    """Anything that went wrong talking to Neo4j."""

    exit_code = 4


class Neo4jUnavailable(Neo4jError):
    """No Neo4j answers at the configured URI."""


class Neo4jAuthError(Neo4jError):
    """Neo4j refused the user name or password."""


class Neo4jDatabaseError(Neo4jError):
    """The named database does not exist or cannot be used."""


class Neo4jConfigError(Neo4jError):
    """A URI or setting that cannot work: unknown scheme, no host, a port out of range."""

    exit_code = 2


class Neo4jTimeout(Neo4jError):
    """Neo4j did not answer in time: connecting, or a transaction that ran too long."""


class Neo4jBusy(Neo4jError):
    """Another kg load or kg remove held the database for longer than we would wait."""
