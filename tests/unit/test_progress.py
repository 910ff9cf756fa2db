"""kg/progress.py: a bar on a terminal, nothing in a pipe, in CI or when quiet."""

import os
import pty
import subprocess
import sys

from kg import progress

SCRIPT = """
from kg.progress import progress, set_quiet
import sys
set_quiet(len(sys.argv) > 1)
with progress("counting", total=50, unit="things") as advance:
    for _ in range(50):
        advance()
print("done", flush=True)
"""


def _run_on_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """Run SCRIPT with stderr on a pseudo-terminal; what the terminal showed."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "CI"} | (env or {})
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], stderr=follower, stdout=subprocess.PIPE, env=environ, timeout=60
    )
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 65536):
            shown += chunk
    except OSError:  # the terminal is closed and drained
        pass
    os.close(leader)
    assert proc.stdout == b"done\n"  # stdout never carries the bar
    return shown.decode("utf-8", "replace")


def test_a_terminal_shows_the_bar_with_counts():
    shown = _run_on_terminal()
    assert "counting" in shown and "things" in shown and "/50" in shown


def test_quiet_or_ci_shows_nothing_on_a_terminal():
    assert "counting" not in _run_on_terminal("--quiet")
    assert "counting" not in _run_on_terminal(env={"CI": "true"})


def test_a_pipe_shows_nothing_and_advance_is_harmless(capsys):
    with progress.progress("counting", total=3) as advance:
        for _ in range(3):
            advance()
    assert "counting" not in capsys.readouterr().err
