"""Why the window cannot start on Linux, said in Chinese before Qt aborts with its own English text.

Qt's xcb platform plugin links a dozen X libraries that a fresh Debian-based desktop (UOS, Kylin, Debian) may
lack; Qt then names one of them, aborts, and names the next one after it is installed. ``ldd`` on the plugin
lists every missing one at once, and :data:`PACKAGES` maps each to the Debian package that provides it, so the
officer (or the administrator) gets one ``apt-get install`` line. The same table is the .deb's ``Depends:``
source of truth for libraries the build machine lacks (packaging/make_deb.py). No Qt here: this runs first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# soname → Debian package (bookworm and the UOS/Kylin releases built on it; Debian 13 and Ubuntu 24.04 renamed
# some to …t64, which apt accepts under the old name only through their Provides).
PACKAGES = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libcups.so.2": "libcups2",
}

# Points the check at another plugin file: for diagnosing a PC, and for the test that shows the message with a
# plugin whose libraries are missing (tests/test_startup.py) without uninstalling anything.
ENV_PLUGIN = "JJDESK_QPA_PLUGIN"


def missing_libraries(binary: Path) -> list[str]:
    """The libraries ``binary`` needs that the dynamic loader cannot find (``ldd``'s "not found"), in order.

    Empty when none is missing, and also when ``ldd`` itself is unavailable: then Qt's own check is all there is.
    """
    try:
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[str] = []
    for name in re.findall(r"^\s*(\S+)\s*=>\s*not found", out, flags=re.MULTILINE):
        if name not in found:
            found.append(name)
    return found


def packages_for(libraries: list[str]) -> list[str]:
    """The Debian packages that provide ``libraries`` (each once, in order); libraries not in :data:`PACKAGES`
    are left out (the message names them separately)."""
    out: list[str] = []
    for library in libraries:
        package = PACKAGES.get(library)
        if package is not None and package not in out:
            out.append(package)
    return out


def install_line(packages: list[str]) -> str:
    return "sudo apt-get install -y " + " ".join(packages)


def xcb_plugin(plugins_dir: Path) -> Path:
    """The xcb plugin file: ``JJDESK_QPA_PLUGIN`` if set, else the one under Qt's plugin folder."""
    override = os.environ.get(ENV_PLUGIN)
    return Path(override) if override else plugins_dir / "platforms" / "libqxcb.so"


def window_problem(plugins_dir: Path, env: dict[str, str] | None = None) -> str | None:
    """Why Qt cannot open a window here (a Chinese message), or None when it should work or this is not Linux.

    Checked: no display at all; the xcb plugin's missing libraries. A platform chosen with ``QT_QPA_PLATFORM``
    other than xcb (offscreen, wayland) is the user's choice and not second-guessed, nor is a Wayland session
    (Qt uses its Wayland plugin there, or falls back to xcb through XWayland).
    """
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None
    if not chosen:
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            return (
                "无法打开窗口：没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。\n"
                "请在办公电脑的桌面上启动 jjdesk；在远程终端里可以使用命令行子命令（jjdesk --help）。"
            )
        if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
            return None
    plugin = xcb_plugin(plugins_dir)
    if not plugin.exists():
        return None  # a Qt without the xcb plugin (not a Linux desktop build): nothing to say about its libraries
    missing = missing_libraries(plugin)
    if not missing:
        return None
    packages = packages_for(missing)
    lines = [f"  {lib}（软件包 {PACKAGES[lib]}）" if lib in PACKAGES else f"  {lib}（软件包未知）" for lib in missing]
    text = "无法打开窗口：Qt 的图形界面插件（xcb）缺少以下系统库：\n" + "\n".join(lines)
    if packages:
        text += "\n请安装后再启动 jjdesk（需要管理员权限）：\n  " + install_line(packages)
    if any(lib not in PACKAGES for lib in missing):
        text += "\n软件包未知的库可以用 apt-file search 库名 查找提供它的软件包。"
    return text + f"\n（检查的插件：{plugin}）"
