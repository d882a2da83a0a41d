"""A non-editable install carries everything it needs: every package, the migrations, the translations."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_directory_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "jjdesk").rglob("__init__.py")}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_wheel_ships_migrations_and_translations(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("jjdesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    versions = {p.name for p in (ROOT / "db" / "versions").glob("0*.py")}
    assert "jjdesk/migrations/env.py" in names and "jjdesk/migrations/script.py.mako" in names
    assert {f"jjdesk/migrations/versions/{v}" for v in versions} <= names
    assert "jjdesk/resources/i18n/jjdesk_zh_CN.qm" in names
    assert "jjdesk/resources/style.qss" in names
