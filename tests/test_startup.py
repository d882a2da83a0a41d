"""Start-up refusals in Chinese, each from a real process where the process is what proves it: the window that
cannot start (no display, the xcb plugin's missing libraries), the unwritable folder, the database made by a
newer jjdesk, a second window on the same file; and the log those starts leave behind."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jjdesk import logs, platform_libs
from jjdesk.startup import folder_problem, lock_path
from tests.cli_helpers import run

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a started jjdesk: no display, no Qt platform, its log and settings in tmp_path."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env = {k: v for k, v in env.items() if not k.startswith("JJDESK_")}
    env.update(JJDESK_LOG_DIR=str(tmp_path / "logs"), XDG_CONFIG_HOME=str(tmp_path / "config"), **extra)
    return env


def _jjdesk(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jjdesk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path, **env),
        timeout=120,
        check=False,
    )


def _absent_known_library() -> str:
    """A library of ``platform_libs.PACKAGES`` this machine does not have (its package is not installed)."""
    listed = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    for soname in platform_libs.PACKAGES:
        if f"{soname} " not in listed:
            return soname
    pytest.skip("every library of platform_libs.PACKAGES is installed here: none can be missing for real")


@pytest.fixture(scope="module")
def broken_plugin(tmp_path_factory) -> tuple[Path, str]:
    """A stand-in for libqxcb.so linking two libraries that are not on this machine: one a Debian package of
    PACKAGES provides (but is not installed), and one no package is known for. Built with gcc against stubs of
    the two, which are deleted again; (the plugin, the known library)."""
    if shutil.which("gcc") is None or shutil.which("ldd") is None:
        pytest.skip("needs gcc and ldd (build-essential, libc-bin)")
    known = _absent_known_library()
    folder = tmp_path_factory.mktemp("plugin")
    (folder / "stub.c").write_text("int jjdesk_stub(void) { return 1; }\n")
    (folder / "plugin.c").write_text("int jjdesk_stub(void);\nint jjdesk_plugin(void) { return jjdesk_stub(); }\n")
    for soname in (known, "libjjdesk-nowhere.so.7"):
        subprocess.run(
            ["gcc", "-shared", "-fPIC", f"-Wl,-soname,{soname}", "-o", str(folder / soname), str(folder / "stub.c")],
            check=True,
        )
    plugin = folder / "libqxcb.so"
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-o", str(plugin), str(folder / "plugin.c"), f"-L{folder}", "-Wl,--no-as-needed",
         f"-l:{known}", "-l:libjjdesk-nowhere.so.7"],
        check=True,
    )  # fmt: skip
    for soname in (known, "libjjdesk-nowhere.so.7"):
        (folder / soname).unlink()
    return plugin, known


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_missing_xcb_libraries_are_named_with_one_apt_line(tmp_path, broken_plugin):
    plugin, known = broken_plugin
    package = platform_libs.PACKAGES[known]
    assert platform_libs.missing_libraries(plugin) == [known, "libjjdesk-nowhere.so.7"]

    done = _jjdesk(tmp_path, "--db", str(tmp_path / "x.db"), "gui", DISPLAY=":0", JJDESK_QPA_PLUGIN=str(plugin))

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "无法打开窗口：Qt 的图形界面插件（xcb）缺少以下系统库：",
        f"  {known}（软件包 {package}）",
        "  libjjdesk-nowhere.so.7（软件包未知）",
        "请安装后再启动 jjdesk（需要管理员权限）：",
        f"  sudo apt-get install -y {package}",
        "软件包未知的库可以用 apt-file search 库名 查找提供它的软件包。",
        f"（检查的插件：{plugin}）",
    ]
    assert not (tmp_path / "x.db").exists()  # refused before anything was opened
    assert "窗口无法启动" in (tmp_path / "logs" / "jjdesk.log").read_text(encoding="utf-8")


def test_packages_for_names_each_package_once_in_order():
    assert platform_libs.packages_for(["libglib-2.0.so.0", "libxcb-cursor.so.0", "libgthread-2.0.so.0"]) == [
        "libglib2.0-0",
        "libxcb-cursor0",
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11 matter")
def test_no_display_is_said_in_chinese(tmp_path):
    done = _jjdesk(tmp_path, "--db", str(tmp_path / "x.db"))

    assert done.returncode == 1
    assert done.stderr.startswith("无法打开窗口：没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。")


def test_a_chosen_platform_is_not_second_guessed(broken_plugin, monkeypatch):
    plugin, known = broken_plugin
    monkeypatch.setenv(platform_libs.ENV_PLUGIN, str(plugin))
    assert platform_libs.window_problem(Path("/nowhere"), {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert platform_libs.window_problem(Path("/nowhere"), {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}) is not None
    problem = platform_libs.window_problem(Path("/nowhere"), {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"})
    assert f"sudo apt-get install -y {platform_libs.PACKAGES[known]}" in (problem or "")


def test_a_folder_that_cannot_be_made_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, err = run("--db", str(blocker / "sub" / "x.db"), "info")

    assert (code, out) == (1, "")
    assert err.startswith(f"错误：无法创建数据库所在的文件夹 {blocker / 'sub'}（")


def _read_only_run(tmp_path: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run jjdesk with ``folder`` unwritable: a read-only bind mount for root (who may write anything), else
    permission bits."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return _jjdesk(tmp_path, *args)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) to make a read-only folder for root")
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", sys.executable, "-m", "jjdesk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    if "mount" in done.stderr and "jjdesk" not in done.stderr:
        pytest.skip(f"cannot make a read-only mount here: {done.stderr.strip()}")
    return done


def test_an_unwritable_folder_is_refused_before_sqlite_fails(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    done = _read_only_run(tmp_path, folder, "--db", str(folder / "x.db"), "info")

    assert done.returncode == 1
    assert done.stderr.startswith(f"错误：数据库所在的文件夹 {folder} 不能写入（")
    assert "或用 --db 选择一个可以写入的位置" in done.stderr
    assert list(folder.iterdir()) == []


def test_a_writable_folder_passes(tmp_path):
    assert folder_problem(f"sqlite:///{tmp_path / 'new' / 'x.db'}") is None
    assert [p.name for p in (tmp_path / "new").iterdir()] == []  # the probe file is gone again


def _newer_database(path: Path) -> None:
    run("--db", str(path), "init")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")


def test_a_database_from_a_newer_jjdesk_is_refused_by_the_command_line(tmp_path):
    db = tmp_path / "newer.db"
    _newer_database(db)

    assert run("--db", str(db), "info") == (
        1,
        "",
        f"错误：“{db.name}”的数据库结构版本 9999 比本程序新，请升级 jjdesk 后再打开，未作任何修改。\n",
    )


def test_a_database_from_a_newer_jjdesk_is_refused_by_the_window(tmp_path):
    db = tmp_path / "newer.db"
    _newer_database(db)

    done = _jjdesk(tmp_path, "--db", str(db), QT_QPA_PLATFORM="offscreen", JJDESK_EXIT_AFTER_FIRST_PAINT="1")

    assert done.returncode == 1
    assert "的数据库结构版本 9999 比本程序新，请升级 jjdesk 后再打开，未作任何修改。" in done.stderr
    assert "首次绘制" not in done.stdout


def test_a_second_window_on_the_same_database_names_the_first_and_exits(tmp_path, qtbot, db):
    from jjdesk.config import sqlite_path
    from jjdesk.ui.single_instance import SingleInstance

    path = sqlite_path(db.url)
    assert path is not None
    first = SingleInstance(path)
    assert first.acquire()
    try:
        done = _jjdesk(tmp_path, "--db", str(path), QT_QPA_PLATFORM="offscreen", JJDESK_EXIT_AFTER_FIRST_PAINT="1")
        assert done.returncode == 1
        assert f"已在另一个 jjdesk 窗口中打开（进程 {os.getpid()}，计算机 {socket.gethostname()}）" in done.stderr
        assert "首次绘制" not in done.stdout

        second = SingleInstance(path)
        assert not second.acquire()
        with qtbot.waitSignal(first.show_requested, timeout=5000):
            assert second.ask_holder_to_show()
    finally:
        first.release()
    assert not lock_path(path).exists()


def test_a_lock_left_by_a_crashed_window_does_not_lock_the_officer_out(tmp_path, qtbot):
    from jjdesk.ui.single_instance import SingleInstance

    path = tmp_path / "x.db"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    # QLockFile's own format: pid, application name, host name. That process has ended.
    lock_path(path).write_text(f"{dead.pid}\njjdesk\n{socket.gethostname()}\n")
    holder = SingleInstance(path)
    try:
        assert holder.acquire()
    finally:
        holder.release()


def test_a_command_leaves_its_start_database_migrations_and_outcome_in_the_log(tmp_path):
    done = _jjdesk(tmp_path, "--db", str(tmp_path / "x.db"), "init")
    assert done.returncode == 0, done.stderr

    text = (tmp_path / "logs" / "jjdesk.log").read_text(encoding="utf-8")
    assert "INFO jjdesk: 启动 jjdesk-cli" in text
    assert "Running upgrade 0006 -> 0007" in text
    assert f"数据库已打开：sqlite:///{tmp_path / 'x.db'}（sqlite，结构版本" in text
    assert "命令 init 结束：退出码 0" in text
    assert "Context impl" not in text  # Alembic's chatter is filtered out


def test_the_log_never_holds_a_password(tmp_path):
    password = "Pa55-word-never-logged"
    done = subprocess.run(
        [sys.executable, "-m", "jjdesk", "--db", str(tmp_path / "x.db"), "user", "add", "chief", "--role", "admin",
         "--password-stdin"],
        input=f"{password}\n{password}\n", capture_output=True, text=True, cwd=ROOT, env=_env(tmp_path), check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    text = (tmp_path / "logs" / "jjdesk.log").read_text(encoding="utf-8")
    assert "命令 user 结束：退出码 0" in text
    assert password not in text
    assert logs.safe_url("postgresql://officer:s3cret@db.local/jjdesk") == "postgresql://officer:***@db.local/jjdesk"


def test_logging_set_up_in_process_writes_the_start(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path))
    path = logs.setup("test")
    try:
        assert path == tmp_path / "jjdesk.log"
        assert "INFO jjdesk: 启动 test 0.1.0（源代码" in path.read_text(encoding="utf-8")
    finally:
        logs.stop()
