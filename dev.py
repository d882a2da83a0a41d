#!/usr/bin/env python3
"""Bootstrap and run jjdesk from a checkout with nothing but Python 3.11+.

    python3 dev.py app     create .venv if needed, install jjdesk, open the window (demo data on first run)
    python3 dev.py test    create .venv if needed, install jjdesk with test tools, run the whole test suite
    python3 dev.py check   the static checks CI runs: ruff (lint and format) and mypy

Extra arguments are passed on (``python3 dev.py test -k audit``, ``python3 dev.py app --db other.db``).
The environment is reinstalled only when pyproject.toml changes. Standard library only: this runs first.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _stamp(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return f"{digest}:{extras}"


def ensure_env(extras: str) -> Path:
    """Create .venv and install the project (with ``extras``) unless it is already current."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"jjdesk needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is {sys.version.split()[0]}.")
    python = _venv_python()
    if not python.exists():
        print(f"Creating virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp_file = VENV / ".jjdesk-installed"
    wanted = _stamp(extras)
    have = stamp_file.read_text().split() if stamp_file.exists() else []
    # A "dev" install also serves the app; an app-only install does not serve the tests.
    if wanted not in have and not (extras == "" and _stamp("dev") in have):
        print("Installing jjdesk and its dependencies …", flush=True)
        target = f".[{extras}]" if extras else "."
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True, cwd=ROOT)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=ROOT)
        stamp_file.write_text(wanted + "\n")
    return python


# The static checks, in the order a failure is cheapest to read; each runs even when an earlier one failed.
CHECKS = (
    ("ruff check", ["-m", "ruff", "check", "."]),
    ("ruff format", ["-m", "ruff", "format", "--check", "."]),
    ("mypy", ["-m", "mypy"]),
)


def check(python: Path, only: list[str]) -> int:
    """Run the static checks (all, or those named); non-zero when any fails."""
    failed = []
    for name, args in CHECKS:
        if only and name.split()[0] not in only and name not in only:
            continue
        print(f"== {name}", flush=True)
        if subprocess.call([str(python), *args], cwd=ROOT) != 0:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "check"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "app":
        python = ensure_env("")
        # Global options (--db, --user) may be given; the window loads demo data into an empty database.
        return subprocess.call([str(python), "-m", "jjdesk", *rest, "gui", "--demo-if-empty"], cwd=ROOT)
    python = ensure_env("dev")
    if command == "check":
        return check(python, rest)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
