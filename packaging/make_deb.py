"""Make dist/jjdesk_<version>_<arch>.deb from the one-folder build, with the OS's own dpkg-deb.

    python packaging/make_deb.py dist/jjdesk dist        (run by ``python3 dev.py build --deb``)

Contents: the build under /opt/jjdesk, /usr/bin/jjdesk (a link to it), the desktop entry 椒江数字经济工作台账
and the icon. ``Depends:`` is found, not written by hand: ``ldd`` on every program and library of the build
lists what each needs from outside the folder; ``dpkg -S`` names the package of each library the build machine
has, and ``jjdesk.platform_libs.PACKAGES`` the package of each one it lacks (a fresh Debian has no
libxcb-icccm4 — the build cannot bundle what is not there, nor should it: see SYSTEM_LIBS in qt_modules.py).
A library neither knows stops the build, naming it. The package holds no maintainer scripts and no file in a
home folder: removing it never touches the officer's database, backups or log (~/.local/share/jjdesk).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # jjdesk.platform_libs from this checkout (Qt-free, standard library only)

from jjdesk.platform_libs import PACKAGES  # noqa: E402

DESKTOP = """[Desktop Entry]
Type=Application
Name=椒江数字经济工作台账
Name[zh_CN]=椒江数字经济工作台账
GenericName=Digital economy ledger
GenericName[zh_CN]=工作台账
Comment=椒江区数字经济工作：工作举措、外综服平台入驻企业、年度统计
Exec=/usr/bin/jjdesk
Icon=jjdesk
Terminal=false
Categories=Office;Database;
StartupWMClass=jjdesk
"""


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def needed(path: Path) -> list[str]:
    """The libraries an ELF file links directly (DT_NEEDED). Their own dependencies are their packages' business:
    listing ``ldd``'s whole closure would make jjdesk depend on CUPS's GnuTLS and Avahi by name."""
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def outside_needs(folder: Path) -> tuple[dict[str, str], set[str]]:
    """(library → path on this machine, names not found) of what the build links directly from outside itself."""
    internal = folder / "_internal"
    inside = {p.name for p in folder.rglob("*") if p.is_file()}  # symbolic links count: they resolve inside
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    found: dict[str, str] = {}
    missing: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        direct = [name for name in needed(path) if name not in inside]
        if not direct:
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False).stdout
        where = dict(re.findall(r"^\s*(\S+)\s*=>\s*(.+?)\s*(?:\(0x[0-9a-f]+\))?$", out, flags=re.MULTILINE))
        for name in direct:
            if name.startswith("ld-linux"):
                found[name] = "/lib64/" + name if Path("/lib64/" + name).exists() else name  # the loader: libc6
                continue
            target = where.get(name, "not found")
            if target == "not found":
                missing.add(name)
            else:
                found[name] = target
    return found, missing


def owning_package(library: str) -> str | None:
    """The Debian package that installed ``library`` (merged /usr: dpkg may know it under /usr/lib only)."""
    candidates = [library, os.path.join(os.path.realpath(os.path.dirname(library)), os.path.basename(library))]
    for candidate in candidates:
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def depends(folder: Path) -> list[str]:
    found, missing = outside_needs(folder)
    packages, unknown = set(), []
    for name, path in sorted(found.items()):
        package = owning_package(path)
        if package is None:
            unknown.append(f"{name} ({path}: no Debian package owns it)")
        else:
            packages.add(package)
    for name in sorted(missing):
        if name in PACKAGES:
            packages.add(PACKAGES[name])
        else:
            unknown.append(f"{name} (not on this machine, not in jjdesk/platform_libs.py PACKAGES)")
    if unknown:
        raise SystemExit("Cannot name the package of:\n  " + "\n  ".join(unknown))
    return sorted(packages)


def main(folder: Path, out: Path) -> int:
    version = subprocess.run([str(folder / "jjdesk"), "--version"], capture_output=True, text=True, check=True)
    number = version.stdout.split()[-1]
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    needs = depends(folder)
    stage = ROOT / "build" / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(folder, stage / "opt" / "jjdesk", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "jjdesk").symlink_to("/opt/jjdesk/jjdesk")
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "jjdesk.desktop").write_text(DESKTOP, encoding="utf-8")
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    for size_dir, source in (
        ("256x256", ROOT / "build" / "icons" / "jjdesk.png"),
        ("scalable", ROOT / "resources" / "icons" / "jjdesk.svg"),
    ):
        target = icons / size_dir / "apps"
        target.mkdir(parents=True)
        shutil.copy2(source, target / f"jjdesk{source.suffix}")
    for path in stage.rglob("*"):
        if not path.is_symlink():
            executable = path.is_dir() or os.access(path, os.X_OK)
            path.chmod(0o755 if executable else 0o644)
    installed_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: jjdesk\nVersion: {number}\nArchitecture: {arch}\n"
        "Maintainer: 椒江区数字经济工作专班 <jjdesk@localhost>\n"
        f"Installed-Size: {installed_kb}\nDepends: {', '.join(needs)}\nSection: misc\nPriority: optional\n"
        "Description: 椒江数字经济工作台账 (Jiaojiang digital-economy ledger)\n"
        " Desktop ledger of the district's digital-economy work: initiatives, the enterprises of the\n"
        " foreign-trade service platform and the yearly statistics, on a local SQLite file, offline.\n"
        " The officers' data (~/.local/share/jjdesk) is never part of the package.\n",
        encoding="utf-8",
    )
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"jjdesk_{number}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(stage), str(deb)], check=True)
    print(f"Built {deb} ({deb.stat().st_size / 1e6:.0f} MB); Depends: {', '.join(needs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
