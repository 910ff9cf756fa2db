"""Progress of long work (build, load, export): a rich bar on a terminal, silence elsewhere.

    with progress("extracting", total=len(paths), unit="articles") as advance:
        for p in paths:
            ...
            advance()          # or advance(n)

The bar shows counts, the rate and the time left. It is drawn only when stderr is a
terminal, CI is not set and nobody asked for quiet (`kg --quiet`, or set_quiet(True));
in a pipe or a CI log it draws nothing, and the command's own summary line says what
was done. The bar goes to stderr, so stdout stays clean for rows and file names.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_quiet = False


def set_quiet(quiet: bool) -> None:
    """Silence every progress display of this process (the CLI's --quiet)."""
    global _quiet
    _quiet = quiet


def shown() -> bool:
    """Whether a bar would be drawn now."""
    if _quiet or os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    return sys.stderr.isatty()


def _nothing(n: int = 1) -> None:
    pass


@contextmanager
def progress(description: str, total: int | None = None, unit: str = "items") -> Iterator[Callable[[int], None]]:
    """A function that moves the bar on by n (default 1); a no-op when no bar is shown.

    `total` None draws a bar without an end (counts and rate, no time left).
    """
    if not shown():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, rate="")

        def advance(n: int = 1) -> None:
            bar.advance(task, n)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:,.0f}/s" if speed else "")

        yield advance
