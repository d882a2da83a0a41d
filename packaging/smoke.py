#!/usr/bin/env python3
"""Run the built program the way an office PC without internet would, and print its size and cold start.

    python3 packaging/smoke.py [--program dist/jjdesk/jjdesk] [--steps all|version,window] [--require-offline]

Every step runs in a network namespace without interfaces (``unshare -n``; root, or a kernel allowing
unprivileged user namespaces): ``--version``; ``init --demo`` into a fresh folder; ``check``; ``export
enterprises``, then ``import enterprises`` of that file into a second database; ``audit verify`` on both; and the
window opened offscreen, signed in through the real sign-in dialog, painted and closed
(``JJDESK_EXIT_AFTER_FIRST_PAINT``, see jjdesk/ui/app.py). The window's title must be the Chinese one, from
the shipped translations, and Qt's own catalogue (the dialogs' standard buttons) must be found in the build.
HOME and the XDG folders point into a temporary folder, so the officer's own data, settings and log are never
touched; the log written there is checked too.

Cold start is the time from starting the process to the first paint of the sign-in dialog (the first window an
officer sees; the < 2 s target) and of the main window after signing in, measured from outside (when the line
arrives) and as the program measured it; the page cache is not dropped, so "cold" means a fresh process, not a
fresh disk. Standard library only, like dev.py. Exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE_LIMIT_MB = 150  # issue 12: the one-folder build must stay at or under this
COLD_START_TARGET_S = 2.0  # reported against, not enforced: CI machines differ in load
PASSWORD = "smoke-test-密码-2026"
TITLE = "椒江数字经济工作台账"


class Failed(Exception):
    pass


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def offline_prefix(required: bool) -> list[str]:
    """``unshare -n`` (root) or ``unshare -rn`` (a user namespace) when it works here — checked: only the
    loopback interface is left — else nothing."""
    unshare = shutil.which("unshare")
    for flags in ("-n", "-rn") if unshare else ():
        probe = subprocess.run([unshare, flags, "cat", "/proc/net/dev"], capture_output=True, text=True, check=False)
        interfaces = re.findall(r"^\s*([^\s:|]+):", probe.stdout, flags=re.MULTILINE)
        if probe.returncode == 0 and interfaces == ["lo"]:
            print(f"network: none (unshare {flags}: only the loopback interface, and it is down)")
            return [unshare, flags]
    if required:
        raise Failed("cannot run without network here (unshare -n failed): run as root or allow user namespaces")
    print("network: AVAILABLE — unshare -n does not work here, the steps run with the network as it is")
    return []


class Runner:
    def __init__(self, program: str, prefix: list[str], work: Path) -> None:
        self.program, self.prefix, self.work = program, prefix, work
        home = work / "home"
        self.env = {key: value for key, value in os.environ.items() if not key.startswith(("JJDESK_", "QT_", "XDG_"))}
        self.env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            LANG="C.UTF-8",
        )
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)

    def run(self, *args: str, expect: str, codes: tuple[int, ...] = (0,), stdin: str | None = None, **extra) -> str:
        env = {**self.env, **extra}
        started = time.perf_counter()
        done = subprocess.run(
            [*self.prefix, self.program, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        took = time.perf_counter() - started
        output = done.stdout + done.stderr
        shown = " ".join(args)
        if done.returncode not in codes or expect not in output:
            raise Failed(f"`jjdesk {shown}` exit {done.returncode}, expected {codes} and {expect!r}:\n{output}")
        print(f"ok  jjdesk {shown}  ({took:.2f} s): {output.strip().splitlines()[-1][:100]}")
        return output

    def window(self, db: Path) -> tuple[float, float]:
        """Open the window offscreen, sign in, wait for the main window's first paint; seconds from the start to
        the sign-in dialog's first paint and to the main window's, measured from outside."""
        env = {
            **self.env,
            "QT_QPA_PLATFORM": "offscreen",
            "JJDESK_EXIT_AFTER_FIRST_PAINT": "1",
            "JJDESK_USER": "admin",
            "JJDESK_PASSWORD": PASSWORD,
        }
        started = time.perf_counter()
        process = subprocess.Popen(
            [*self.prefix, self.program, "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        outside: dict[str, float] = {}
        lines = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            for what in ("登录对话框", "主窗口"):
                if f"首次绘制（{what}" in line:
                    outside.setdefault(what, time.perf_counter() - started)
        try:
            code = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise Failed("the window did not close after its first paint") from None
        errors = process.stderr.read() if process.stderr else ""
        text = "".join(lines)
        inside = dict(re.findall(r"首次绘制（(登录对话框|主窗口)「.*」）：进程启动后 ([0-9.]+) 秒", text))
        title = re.search(r"首次绘制（主窗口「(.*)」）", text)
        if code != 0 or len(outside) < 2 or len(inside) < 2 or title is None:
            raise Failed(f"window: exit {code}, no first paint of the sign-in dialog and main window:\n{text}{errors}")
        if title[1] != TITLE:
            raise Failed(f"window title {title[1]!r}, not {TITLE!r}: the Chinese translations were not loaded")
        if "jjdesk: Qt 自带翻译：取消" not in text:
            raise Failed(f"Qt's own Chinese catalogue (qtbase_zh_CN.qm) was not loaded:\n{text}")
        print(
            f"ok  window offscreen: sign-in dialog painted, signed in, main window 「{title[1]}」 painted, closed; "
            "Qt's own catalogue loaded (Cancel → 取消)"
        )
        for what, label in (("登录对话框", "the sign-in dialog (the first window)"), ("主窗口", "the main window")):
            print(
                f"cold start to the first paint of {label}: {outside[what]:.2f} s measured from outside, "
                f"{float(inside[what]):.2f} s by the program"
            )
        return outside["登录对话框"], outside["主窗口"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="packaging/smoke.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--program", default=str(ROOT / "dist" / "jjdesk" / "jjdesk"))
    parser.add_argument("--steps", default="all", help="all, or a comma list of: version, window")
    parser.add_argument("--require-offline", action="store_true", help="fail when unshare -n is not possible")
    options = parser.parse_args(argv)
    steps = {"version", "window", "data"} if options.steps == "all" else set(options.steps.split(","))
    program = Path(options.program)
    try:
        prefix = offline_prefix(options.require_offline)
        with tempfile.TemporaryDirectory(prefix="jjdesk-smoke-") as tmp:
            work = Path(tmp)
            run = Runner(str(program), prefix, work)
            a, b, sheet = work / "data" / "a.db", work / "data" / "b.db", work / "enterprises.xlsx"
            if "version" in steps:
                run.run("--version", expect="jjdesk ")
            if "data" in steps:
                run.run("--db", str(a), "init", "--demo", expect="已载入演示数据")
                run.run("--db", str(a), "check", expect="审核报告", codes=(0, 1))  # 1: a 强制 finding exists
                exported = run.run("--db", str(a), "export", "enterprises", "--out", str(sheet), expect="已导出")
                rows = re.search(r"（\S+ (\d+) 行）", exported)
                if rows is None or not sheet.exists():
                    raise Failed(f"export wrote no file or no row count: {exported}")
                run.run("--db", str(b), "import", "enterprises", str(sheet), expect=f"新增{rows[1]}条")
                run.run("--db", str(a), "audit", "verify", expect="审计链完整")
                run.run("--db", str(b), "audit", "verify", expect=f"共{rows[1]}条记录")
            if "window" in steps:
                if not a.exists():
                    run.run("--db", str(a), "init", expect="数据库已就绪")
                run.run(
                    "--db", str(a), "user", "add", "admin", "--role", "admin", "--password-stdin",
                    expect="已添加用户", stdin=PASSWORD + "\n" + PASSWORD + "\n",
                )  # fmt: skip
                first, main_window = run.window(a)
                verdict = "met" if first < COLD_START_TARGET_S else "MISSED on this machine"
                print(
                    f"cold start target < {COLD_START_TARGET_S:.0f} s to the first paint: {verdict} ({first:.2f} s; "
                    f"the main window, after sign-in and its pages, at {main_window:.2f} s)"
                )
            logfile = work / "home" / ".local" / "share" / "jjdesk" / "logs" / "jjdesk.log"
            if "data" in steps and "数据库已打开" not in (logfile.read_text("utf-8") if logfile.exists() else ""):
                raise Failed(f"no log in the user data folder ({logfile})")
        folder = program.resolve().parent
        size = folder_mb(folder)
        print(f"folder size: {size:.0f} MB ({folder}; target ≤ {SIZE_LIMIT_MB} MB)")
        if size > SIZE_LIMIT_MB:
            raise Failed(f"the build folder is {size:.0f} MB, over {SIZE_LIMIT_MB} MB")
    except Failed as failure:
        print(f"SMOKE FAILED: {failure}", file=sys.stderr)
        return 1
    print("smoke: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
