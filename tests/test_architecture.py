"""The import rules of docs/architecture.md, checked on the source: a wrong import fails here, not in review.

Every import counts — at the top, inside a function, under ``TYPE_CHECKING`` — because each one is a dependency
a newcomer has to understand. The checker works on any source tree, so each rule is also shown to fail on a
deliberately wrong import in a tree of its own (the ``wrong_import`` cases below).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "jjdesk"

# The service packages from the bottom up: a package may import its own modules and those of lower layers only.
# Packages in one layer are independent of each other.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"core"}),
    frozenset({"excel"}),
    frozenset({"families"}),
    frozenset({"records"}),
    frozenset({"review", "summaries", "backup"}),
    frozenset({"imports", "exports", "demo"}),
)
QT = ("PySide6", "shiboken6")
CLIENTS = ("jjdesk.ui", "jjdesk.commands", "jjdesk.cli")
# What the window may take from the store: the database handle and opening one (with its refusal).
UI_FROM_STORE = {"jjdesk.store.engine": {"Database"}, "jjdesk.store.migrate": {"open_database", "SchemaError"}}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    names: tuple[str, ...]  # names taken from it (empty for ``import x``)
    line: int


def _imports(root: Path) -> list[Import]:
    """Every import in every module under ``root`` (a directory named like the top package)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found += [Import(module, a.name, (), node.lineno) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                target = node.module or ""
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, target] if target else base)
                names = tuple(a.name for a in node.names)
                folder = root / Path(*target.split(".")[1:])
                modules = {n for n in names if (folder / n).is_dir() or (folder / f"{n}.py").exists()}
                # ``from jjdesk.services import core`` names modules, not attributes: each counts as imported
                found += [Import(module, f"{target}.{n}", (), node.lineno) for n in names if n in modules]
                if len(modules) < len(names):
                    found.append(Import(module, target, tuple(n for n in names if n not in modules), node.lineno))
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _capability(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["jjdesk", "services"] else None


def _layer(capability: str) -> int | None:
    return next((i for i, layer in enumerate(LAYERS) if capability in layer), None)


def violations(root: Path) -> list[str]:
    """Each broken rule as ``module:line: what is wrong``; empty when the tree keeps every rule."""
    out = []
    for imp in _imports(root):
        where = f"{imp.module}:{imp.line}"
        below_ui = _within(imp.module, "jjdesk.services") or _within(imp.module, "jjdesk.store")
        if below_ui and any(_within(imp.target, q) for q in QT):
            out.append(f"{where}: imports Qt ({imp.target}); services and store must run without a display")
        if below_ui and any(_within(imp.target, c) for c in CLIENTS):
            out.append(f"{where}: imports the client {imp.target}; services and store serve the clients")
        if _within(imp.module, "jjdesk.store") and _within(imp.target, "jjdesk.services"):
            out.append(f"{where}: the store imports {imp.target}; the store knows no service")
        if _within(imp.module, "jjdesk.ui") and _within(imp.target, "jjdesk.store"):
            allowed = UI_FROM_STORE.get(imp.target, set())
            extra = [n for n in imp.names if n not in allowed] or ([] if imp.names else [imp.target])
            if extra:
                out.append(
                    f"{where}: the window takes {', '.join(extra)} from {imp.target}; "
                    "only the Database handle (and opening one) — ask a service instead"
                )
        own, other = _capability(imp.module), _capability(imp.target)
        if own and other and own != other:
            mine, theirs = _layer(own), _layer(other)
            if mine is None or theirs is None:
                out.append(f"{where}: services.{own if mine is None else other} is in no layer of LAYERS")
            elif theirs >= mine:
                out.append(
                    f"{where}: services.{own} imports services.{other}, which is not below it "
                    "(docs/architecture.md: the layers of services)"
                )
            private = [n for n in imp.names if n.startswith("_")]
            if private or imp.target.rpartition(".")[2].startswith("_"):
                out.append(
                    f"{where}: services.{own} takes the internals {', '.join(private) or imp.target} "
                    f"of services.{other}"
                )
    return out


def test_the_source_keeps_every_import_rule():
    seen = {(i.module, i.target) for i in _imports(ROOT)}
    assert ("jjdesk.services.review.workflow", "jjdesk.services.core.audit") in seen  # the checker reads the tree
    assert violations(ROOT) == []


def test_every_service_package_has_a_layer():
    packages = {p.name for p in (ROOT / "services").iterdir() if (p / "__init__.py").exists()}
    assert packages == set().union(*LAYERS)
    assert not [p.name for p in (ROOT / "services").glob("*.py") if p.name != "__init__.py"], (
        "a module directly in services/ belongs to no capability"
    )


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "jjdesk"
    for rel, text in {
        "__init__.py": "",
        "services/__init__.py": "",
        "store/__init__.py": "",
        "ui/__init__.py": "",
        **{f"services/{c}/__init__.py": "" for layer in LAYERS for c in layer},
        **files,
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


WRONG = {
    "Qt in a service": ("services/records/form.py", "from PySide6.QtWidgets import QWidget\n", "imports Qt"),
    "Qt in a function of the store": ("store/repo.py", "def f():\n    import PySide6.QtCore\n", "imports Qt"),
    "the window in a service": (
        "services/core/x.py",
        "from jjdesk.ui.main_window import MainWindow\n",
        "imports the client",
    ),
    "a service in the store": (
        "store/repo.py",
        "from jjdesk.services.core import audit\n",
        "the store knows no service",
    ),
    "a repository in the window": (
        "ui/page.py",
        "from jjdesk.store.repos import enterprise_by_id\n",
        "the window takes enterprise_by_id",
    ),
    "a lower layer importing a higher one": (
        "services/records/x.py",
        "from jjdesk.services.review.rules import ERROR\n",
        "not below it",
    ),
    "a sibling in the same layer": (
        "services/summaries/x.py",
        "from jjdesk.services.review import checks\n",
        "not below it",
    ),
    "a relative import upwards": ("services/core/x.py", "from ..imports import safety\n", "not below it"),
    "another capability's internals": (
        "services/exports/x.py",
        "from jjdesk.services.records.listing import _columns\n",
        "internals",
    ),
    "a package left out of the layers": (
        "services/reports/__init__.py",
        "from jjdesk.services.core import errors\n",
        "in no layer",
    ),
}


@pytest.mark.parametrize("case", list(WRONG))
def test_a_wrong_import_is_named(tmp_path, case):
    rel, text, complaint = WRONG[case]
    found = violations(_tree(tmp_path, {rel: text}))
    assert len(found) == 1 and complaint in found[0], found


def test_what_the_rules_allow_passes(tmp_path):
    root = _tree(
        tmp_path,
        {
            "services/exports/x.py": (
                "from jjdesk.services.review.checks import run\nfrom jjdesk.services import excel\n"
            ),
            "services/records/y.py": "from jjdesk.services.core.errors import ServiceError\nfrom . import z\n",
            "ui/page.py": "from jjdesk.store.engine import Database\nfrom PySide6.QtWidgets import QWidget\n",
            "store/repo.py": "from sqlmodel import select\n",
        },
    )
    assert violations(root) == []
