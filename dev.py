#!/usr/bin/env python3
"""Bootstrap and run jjdesk from a checkout with nothing but Python 3.11+.

    python3 dev.py app     create .venv if needed, install jjdesk, open the window (demo data on first run)
    python3 dev.py test    create .venv if needed, install jjdesk with test tools, run the whole test suite
    python3 dev.py check   the static checks CI runs: ruff (lint and format) and mypy
    python3 dev.py build [--deb]   the one-folder program in dist/jjdesk/ (PyInstaller, packaging/jjdesk.spec);
                           --deb also dist/jjdesk_<version>_<arch>.deb (Debian-based Linux, dpkg-deb)
    python3 dev.py wheelhouse [--platform TAG] [--python-version X.Y] [--dest DIR]
                           every wheel jjdesk needs, for pip install --no-index on a PC without internet

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
BUILD_VENV = ROOT / ".venv-build"  # PyInstaller and a non-editable jjdesk: an editable one hides its modules
MIN_PYTHON = (3, 11)


def _venv_python(venv_dir: Path = VENV) -> Path:
    return venv_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


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


def ensure_build_env() -> Path:
    """.venv-build with jjdesk's dependencies and PyInstaller (the ``build`` extra), made once per pyproject."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"jjdesk needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is {sys.version.split()[0]}.")
    python = _venv_python(BUILD_VENV)
    if not python.exists():
        print(f"Creating the build environment in {BUILD_VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(BUILD_VENV)
    stamp_file = BUILD_VENV / ".jjdesk-installed"
    if not stamp_file.exists() or stamp_file.read_text().strip() != _stamp("build"):
        print("Installing PyInstaller and jjdesk's dependencies …", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True, cwd=ROOT)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", ".[build]"], check=True, cwd=ROOT)
        stamp_file.write_text(_stamp("build") + "\n")
    return python


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(deb: bool) -> int:
    """dist/jjdesk/ from the committed spec, from a fresh non-editable install of this checkout; then the .deb."""
    import shutil

    python = ensure_build_env()
    # The checkout as it is now, not as it was when the environment was made; no build isolation, so a build
    # after the first needs no network.
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--force-reinstall", "."],
        check=True,
        cwd=ROOT,
    )
    work = ROOT / "build" / "pyinstaller"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(python), str(ROOT / "packaging" / "make_icons.py"), str(ROOT / "build" / "icons")], check=True)
    dist = ROOT / "dist"
    shutil.rmtree(dist / "jjdesk", ignore_errors=True)
    # Run from build/, so that the checkout's own jjdesk/ is not on the analysis path (the installed copy is).
    code = subprocess.call(
        [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(work / "work"), str(ROOT / "packaging" / "jjdesk.spec")],
        cwd=work,
    )  # fmt: skip
    if code != 0:
        return code
    folder = dist / "jjdesk"
    if os.name != "nt":
        (folder / "jjdesk-cli").symlink_to("jjdesk")  # the same program (see the spec)
    print(f"Built {folder} ({_folder_size(folder) / 1e6:.0f} MB)", flush=True)
    if os.name == "nt":
        return _windows_installer()
    if deb:
        return subprocess.call([str(python), str(ROOT / "packaging" / "make_deb.py"), str(folder), str(dist)])
    return 0


def _windows_installer() -> int:
    """dist/jjdesk-<version>-setup.exe with Inno Setup's compiler when it is installed (never run in CI yet)."""
    import re
    import shutil

    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print("Inno Setup (iscc.exe) not on PATH: no installer made; see packaging/README.md", flush=True)
        return 0
    version = re.search(r'__version__ = "([^"]+)"', (ROOT / "jjdesk" / "__init__.py").read_text(encoding="utf-8"))
    assert version is not None
    script = ROOT / "packaging" / "windows" / "jjdesk.iss"
    return subprocess.call([iscc, f"/DAppVersion={version[1]}", str(script)])


def wheelhouse(args: list[str]) -> int:
    """pip download of jjdesk's wheel and every dependency's, for ``pip install --no-index --find-links``."""
    import argparse

    parser = argparse.ArgumentParser(prog="dev.py wheelhouse")
    parser.add_argument("--dest", default=str(ROOT / "dist" / "wheelhouse"), help="folder for the wheels")
    parser.add_argument("--platform", action="append", help="pip platform tag, e.g. win_amd64 (repeatable)")
    parser.add_argument("--python-version", help="target Python, e.g. 3.11 (default: this Python's)")
    options = parser.parse_args(args)
    python = ensure_build_env()  # has setuptools for the wheel without build isolation; leaves .venv as it is
    dest = Path(options.dest).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(python), "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dest), "."],
        check=True,
        cwd=ROOT,
    )
    target = []
    for tag in options.platform or []:
        target += ["--platform", tag]
    if options.platform or options.python_version:
        # pip resolves for another machine only from wheels (no source builds for a foreign platform).
        version = options.python_version or f"{sys.version_info.major}.{sys.version_info.minor}"
        target += ["--only-binary=:all:", "--python-version", version]
    wheel = next(dest.glob("jjdesk-*.whl"))
    code = subprocess.call(
        [str(python), "-m", "pip", "download", "--quiet", "--dest", str(dest), *target, str(wheel)], cwd=ROOT
    )
    if code == 0:
        print(f"{len(list(dest.glob('*.whl')))} wheels in {dest}")
        print(f"On the PC: python -m pip install --no-index --find-links {dest.name} jjdesk")
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "check", "build", "wheelhouse"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "build":
        if any(arg != "--deb" for arg in rest) or ("--deb" in rest and os.name == "nt"):
            print(__doc__)
            return 2
        return build(deb="--deb" in rest)
    if command == "wheelhouse":
        return wheelhouse(rest)
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
