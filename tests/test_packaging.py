"""A non-editable install carries everything it needs: every package, the migrations, the translations."""

import ast
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- the PyInstaller build (packaging/)

sys.path.insert(0, str(ROOT / "packaging"))
import qt_modules  # noqa: E402

DIST = ROOT / "dist" / "jjdesk"
built = pytest.mark.skipif(not (DIST / "_internal").is_dir(), reason="no build: python3 dev.py build makes dist/jjdesk")


def _qt_imports() -> set[str]:
    """Every PySide6 module imported anywhere under jjdesk/ (top level, in functions, ``from PySide6 import X``)."""
    found = set()
    for path in (ROOT / "jjdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + (
                    [f"{node.module}.{a.name}" for a in node.names] if node.module == "PySide6" else []
                )
            else:
                continue
            found |= {n.split(".")[1] for n in names if n.startswith("PySide6.Qt")}
    return found


def test_the_spec_keeps_exactly_the_qt_modules_the_code_imports():
    imported = _qt_imports()
    assert {"QtCore", "QtWidgets", "QtCharts"} <= imported  # the scan reads the tree
    assert imported == set(qt_modules.USED), "update USED in packaging/qt_modules.py"
    assert [name for name in imported if qt_modules.excluded_module(name)] == []


@pytest.mark.parametrize(
    "name",
    ["QtWebEngineCore", "QtWebEngineWidgets", "QtQml", "QtQuick", "QtQuick3D", "Qt3DCore", "QtMultimedia", "QtPdf",
     "QtPdfWidgets", "QtDesigner", "libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "Qt6Pdf.dll"],
)  # fmt: skip
def test_the_families_the_issue_names_are_excluded(name):
    assert qt_modules.excluded_module(name)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtwebengine_zh_CN.qm", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/translations/qtbase_zh_CN.qm", True),
        ("PySide6/translations/qtbase_de.qm", False),
        ("PySide6/Qt6Charts.dll", True),
        ("PySide6/Qt6WebEngineCore.dll", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/Qt/lib/libQt6Charts.so.6", True),
        ("PySide6/Qt/lib/libQt6OpenGLWidgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/QtCharts.abi3.so", True),
        ("PySide6/QtQml.abi3.so", False),
        ("jjdesk/migrations/versions/0007_registered_capital.py", True),
    ],
)
def test_keep_file(dest, kept):
    assert qt_modules.keep_file(dest) is kept


def test_pruning_keeps_what_something_kept_links_and_leaves_the_desktop_libraries_to_the_os():
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "/src/libQt6WaylandClient.so.6", "BINARY"),  # a dropped plugin's
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
        ("libpng16.so.16", "/usr/lib/libpng16.so.16", "BINARY"),
    ]
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libxcb-cursor.so.0", "libpng16.so.16", "libc.so.6"],
        "/src/libQt6WaylandClient.so.6": ["libQt6Gui.so.6"],
    }
    kept = qt_modules.prune_linux(binaries, lambda source: links.get(source, []))
    assert [entry[0] for entry in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libQt6Gui.so.6",
        "libpng16.so.16",
    ]
    datas = [
        ("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK"),
        ("a.qss", "/a", "DATA"),
    ]
    assert qt_modules.drop_dangling_links(datas, kept) == [("a.qss", "/a", "DATA")]


@built
def test_the_build_carries_what_jjdesk_uses():
    internal = DIST / "_internal"
    for module in qt_modules.USED:
        assert list((internal / "PySide6").glob(f"{module}.*")), f"PySide6.{module} missing from the build"
    assert (internal / "jjdesk" / "migrations" / "env.py").is_file()
    versions = {p.name for p in (ROOT / "db" / "versions").glob("0*.py")}
    assert versions <= {p.name for p in (internal / "jjdesk" / "migrations" / "versions").iterdir()}
    assert (internal / "jjdesk" / "resources" / "i18n" / "jjdesk_zh_CN.qm").is_file()
    assert (internal / "jjdesk" / "resources" / "style.qss").is_file()
    assert (internal / "jjdesk" / "resources" / "icons" / "jjdesk.svg").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    if sys.platform.startswith("linux"):
        assert sorted(p.name for p in (plugins / "platforms").iterdir()) == ["libqoffscreen.so", "libqxcb.so"]
        assert (plugins / "imageformats" / "libqsvg.so").is_file()  # the style sheet's arrows are SVG


@built
def test_the_build_carries_nothing_excluded():
    shipped = [p.relative_to(DIST).as_posix() for p in DIST.rglob("*")]
    assert [p for p in shipped if qt_modules.excluded_module(p.rpartition("/")[2].split(".")[0])] == []
    translations = [p.rpartition("/")[2] for p in shipped if "/Qt/translations/" in p]
    assert translations and all(qt_modules.TRANSLATIONS.match(name) for name in translations)
    assert not [p for p in shipped if "/qml/" in p or "WebEngine" in p]
    assert not [p for p in DIST.rglob("*") if p.is_symlink() and not p.exists()], "dangling links"
