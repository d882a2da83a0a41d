"""Running the ``jjdesk`` command in tests: in this process through ``jjdesk.cli.main`` (fast), or as a real process.

``run`` gives what a shell would see — exit code, standard output, standard error — without starting Python:
argparse's exits (usage errors, ``-h``, ``--version``) become the exit code as ``sys.exit`` would make them,
standard input is the text given (never a terminal, as in a pipe), and the environment variables the command
reads are only those given. ``run_process`` starts ``python -m jjdesk`` (or the installed ``jjdesk`` script) for
what only a real process shows: the entry point, the exit status a shell gets, a real pipe on standard input,
the environment passed down, and output decoded as the terminal's locale would.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from unittest import mock

from jjdesk import cli

# Environment variables the command reads; a test sets them explicitly, so the developer's own never leak in.
COMMAND_ENV = ("JJDESK_DB", "JJDESK_USER", "JJDESK_PASSWORD")


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)  # what the interpreter does with sys.exit("message")
    return 1


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    """``jjdesk *args`` in this process: its exit code and what it printed to stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    environ = {k: v for k, v in os.environ.items() if k not in COMMAND_ENV} | (env or {})
    with (
        mock.patch.dict(os.environ, environ, clear=True),
        mock.patch.object(sys, "stdin", io.StringIO(stdin or "")),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:
            code = _exit_code(exc)
    return Result(code, out.getvalue(), err.getvalue())


def entry_point() -> Path:
    """The ``jjdesk`` script pip installed next to this interpreter (project.scripts in pyproject.toml)."""
    return Path(sys.executable).with_name("jjdesk.exe" if os.name == "nt" else "jjdesk")


def run_process(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, script: bool = False
) -> subprocess.CompletedProcess:
    """``python -m jjdesk *args`` (or the ``jjdesk`` script) as a real process, with only ``env``'s jjdesk variables."""
    environ = {k: v for k, v in os.environ.items() if k not in COMMAND_ENV} | (env or {})
    command = [str(entry_point())] if script else [sys.executable, "-m", "jjdesk"]
    # No input given: an empty pipe, never the terminal pytest was started from (a password prompt would wait).
    feed = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run([*command, *args], capture_output=True, text=True, env=environ, timeout=180, **feed)
