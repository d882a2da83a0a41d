"""What of Qt the built program carries: read by jjdesk.spec, and checked by tests/test_packaging.py.

PyInstaller collects the PySide6 modules the code imports, the Qt libraries they link and the plugins and
translations its hooks associate with them. These lists say what to keep of that and what never to ship, so a
change in the code or in PyInstaller's hooks that would drop QtCharts or bring back QtWebEngine fails a test
instead of a colleague's office PC.
"""

from __future__ import annotations

import re
import subprocess

# The PySide6 modules jjdesk imports (the test compares this with every ``PySide6.Qt…`` import under jjdesk/).
USED = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPrintSupport", "QtNetwork")  # QtNetwork: QLocalServer

# Never shipped: the families the issue names, plus the modules that would pull them in. Prefixes of the PySide6
# module names (``PySide6.QtQuick3D`` is covered by ``QtQuick``) and of the Qt libraries (``libQt6Quick3D``).
EXCLUDED = (
    "QtWebEngine",
    "QtWebChannel",
    "QtWebView",
    "QtWebSockets",
    "QtQml",
    "QtQuick",
    "Qt3D",
    "QtMultimedia",
    "QtSpatialAudio",
    "QtPdf",
    "QtDesigner",
    "QtUiTools",
    "QtHelp",
    "QtDataVisualization",
    "QtGraphs",
    "QtLocation",
    "QtPositioning",
    "QtSensors",
    "QtBluetooth",
    "QtNfc",
    "QtSerialPort",
    "QtSerialBus",
    "QtTextToSpeech",
    "QtScxml",
    "QtStateMachine",
    "QtRemoteObjects",
    "QtHttpServer",
    "QtNetworkAuth",
    "QtTest",
    "QtSql",
    "QtSvgWidgets",
    "QtAxContainer",
    "QtVirtualKeyboard",
    "QtWayland",
    "QtOpenGL",  # the Python modules only: QtCharts' C++ library still brings libQt6OpenGL(Widgets)
)
# Python modules of other packages nothing of ours imports (openpyxl uses lxml.etree only).
OTHER_EXCLUDED = ("tkinter", "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.cssselect")

# Qt's own catalogues (standard dialog buttons) in the UI's two languages; every other language is left out.
TRANSLATIONS = re.compile(r"^qt(base)?_(zh_CN|en)\.qm$")

# Plugin folders kept, and within "platforms" the platform plugins kept: xcb (X11, also under XWayland) and
# offscreen (CI, the smoke test). Windows keeps its own platform plugin (qwindows). Wayland is left out: its
# plugin and its client integrations pull in libwayland and a further set of libraries, and on a Wayland
# session Qt falls back to xcb through XWayland.
PLUGIN_FOLDERS = frozenset(
    {
        "platforms",
        "platformthemes",
        "platforminputcontexts",  # input methods (ibus, compose): officers type Chinese
        "imageformats",  # svg (the style sheet's arrows, the icon), ico, png
        "iconengines",
        "xcbglintegrations",
        "styles",
        "printsupport",
    }
)
PLATFORMS = re.compile(r"^(lib)?q(xcb|offscreen|windows)\.(so|dll)$")
# Plugins left out inside the kept folders: GTK's theme (jjdesk draws Fusion; it would bring the whole GTK stack),
# the virtual keyboard (QML), and image formats nothing of ours uses.
DROPPED_PLUGINS = re.compile(r"^(lib)?q?(gtk3|qtvirtualkeyboardplugin|qicns|qtga|qtiff|qwbmp|qwebp)\.(so|dll)$")

# Linux: libraries of the desktop itself, taken from the OS, never from the build machine. The X/xcb client
# libraries, GL, fonts, D-Bus, GLib and CUPS must match the officer's X server, drivers, font configuration and
# printing service; the .deb depends on their packages (packaging/make_deb.py finds them with ldd), and a folder
# build on a PC without them says which are missing (jjdesk/platform_libs.py).
SYSTEM_LIBS = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb.*|xkbcommon.*|GL|GLX|GLdispatch|EGL|OpenGL|fontconfig|freetype"
    r"|dbus-1|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|cups)\.so"
)


def excluded_module(name: str) -> bool:
    """True for a PySide6 module or Qt library name (``PySide6.QtQuick``, ``libQt6Quick.so.6``) never shipped."""
    bare = name.removeprefix("PySide6.")
    if bare in ("libQt6OpenGL", "libQt6OpenGLWidgets"):
        return False  # QtCharts links them (see EXCLUDED)
    bare = re.sub(r"^(lib)?Qt6", "Qt", bare)
    return any(bare.startswith(prefix) for prefix in EXCLUDED)


def keep_file(dest: str) -> bool:
    """Whether a file PyInstaller collected (its path inside the build folder) stays in the build."""
    parts = dest.replace("\\", "/").split("/")
    if "PySide6" in parts:
        # Linux and macOS wheels keep Qt under PySide6/Qt/, Windows wheels directly under PySide6/.
        below = parts[parts.index("PySide6") + 1 :]
        if below[:1] == ["Qt"]:
            below = below[1:]
        if below[:1] == ["translations"]:
            return bool(TRANSLATIONS.match(below[-1]))
        if below[:1] == ["plugins"] and len(below) > 1:
            if below[1] not in PLUGIN_FOLDERS:
                return False
            if below[1] == "platforms":
                return bool(PLATFORMS.match(below[-1]))
            if DROPPED_PLUGINS.match(below[-1]):
                return False
        if below[:1] == ["qml"]:
            return False
    name = parts[-1]
    if name.startswith(("libQt6", "Qt6", "Qt")) or name.endswith((".pyi", ".abi3.so", ".pyd")):
        return not excluded_module(name.split(".")[0])
    return True


def _is_dependency_library(dest: str) -> bool:
    """A shared library that is there only because something else links it (not a plugin, not an extension)."""
    folder, _, name = dest.replace("\\", "/").rpartition("/")
    if folder not in ("", "PySide6/Qt/lib", "PySide6", "shiboken6") or name.startswith("libpython"):
        return False
    return name.startswith("lib") and ".so" in name and ".abi3." not in name and "cpython" not in name


def prune_linux(binaries: list, imports_of) -> list:
    """Keep the libraries something kept links, transitively, minus the desktop's own (:data:`SYSTEM_LIBS`).

    PyInstaller collects the dependencies of every plugin before the spec filters the plugins, so the libraries
    only a dropped plugin needed (GTK for the GTK theme, the EGL device integration…) would stay behind.
    ``imports_of(source_path)`` gives the names a binary links (PyInstaller's ``bindepend.get_imports``). A name
    may stand for two entries (the library in PySide6/Qt/lib and its symbolic link at the top): both follow it.
    """

    def name_of(entry) -> str:
        return entry[0].replace("\\", "/").rpartition("/")[2]

    by_name: dict[str, list] = {}
    for entry in binaries:
        by_name.setdefault(name_of(entry), []).append(entry)
    todo = [entry for entry in binaries if not _is_dependency_library(entry[0])]
    reached = {id(entry) for entry in todo}
    while todo:
        entry = todo.pop()
        if len(entry) > 2 and entry[2] == "SYMLINK":
            continue  # its target is an entry of the same name, reached with it
        for name in imports_of(entry[1]):
            if SYSTEM_LIBS.match(name):
                continue
            for found in by_name.get(name, ()):
                if id(found) not in reached:
                    reached.add(id(found))
                    todo.append(found)
    return [entry for entry in binaries if id(entry) in reached and not SYSTEM_LIBS.match(name_of(entry))]


def drop_dangling_links(datas: list, binaries: list) -> list:
    """PyInstaller lists a library's symbolic link at the top of the folder among the data; drop the links whose
    library was pruned, so no dangling link is shipped."""
    kept = {entry[0].replace("\\", "/") for entry in binaries}
    return [entry for entry in datas if entry[2] != "SYMLINK" or entry[1].replace("\\", "/") in kept]


def needed_linux(path: str) -> list[str]:
    """The libraries an ELF file links itself (its DT_NEEDED entries, from ``readelf -d``; binutils is needed
    by PyInstaller anyway). Not ``ldd``: that lists the whole closure, so a system library's own dependencies
    (CUPS's GnuTLS and Avahi) would look like ours."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)
