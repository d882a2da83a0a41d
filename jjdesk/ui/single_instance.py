"""One window per database file: a second copy opened on the same file offers to bring the first to the front.

Two windows on one file would each keep their own undo stack, edit locks and cached pages, and an officer would
not know which one shows the truth. The first window holds a ``QLockFile`` beside the database (stale when its
process has died, so a crash never locks the officer out) and listens on a ``QLocalServer`` named after the file;
the second asks it to come to the front and exits. Opening read-only instead is not offered: every page, form
and action would need a read-only mode of its own (not built), so the second copy says so and stops.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from jjdesk.startup import lock_path

_SHOW = b"show\n"


def server_name(db_path: Path) -> str:
    """The local server's name for ``db_path``: the same for every way of writing that path."""
    digest = hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"jjdesk-{digest}"


class SingleInstance(QObject):
    """``acquire()`` the database for this window, or learn who holds it and ask them to come forward."""

    show_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.lock = QLockFile(str(lock_path(db_path)))
        self.lock.setStaleLockTime(0)  # never stale by age: only when the holder's process is gone
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this window now holds the database; False when another running copy does."""
        if not self.lock.tryLock(0):
            return False
        QLocalServer.removeServer(server_name(self.db_path))  # left by a copy that crashed
        server = QLocalServer(self)
        if server.listen(server_name(self.db_path)):
            server.newConnection.connect(self._answer)
            self.server = server
        return True

    def holder(self) -> str:
        """Who holds the lock, for the message: process id and host."""
        pid, host, _app = self.lock.getLockInfo()  # PySide6: (0, "", "") when the file cannot be read
        return f"进程 {pid}，计算机 {host}" if pid else "未知进程"

    def ask_holder_to_show(self, timeout_ms: int = 2000) -> bool:
        """Ask the window holding the database to come to the front; False if it does not answer."""
        socket = QLocalSocket(self)
        socket.connectToServer(server_name(self.db_path))
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_SHOW)
        ok = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        if self.server is not None:
            self.server.close()  # deleted with this object, with the connections it owns
            self.server = None
        self.lock.unlock()

    def _answer(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            # Children of the server, and gone with it: a window is asked to come forward a few times a day.
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_SHOW.strip()):
            self.show_requested.emit()


def bring_to_front(window) -> None:
    """Show ``window`` restored and on top (what the second copy asked for)."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
