"""Typing helpers for UI tests: Chinese arrives through the input method, as it does on an officer's PC.

QTest.keyClicks only knows ASCII (it aborts on other characters), so Chinese text is committed with a
QInputMethodEvent — exactly what a Chinese IME sends — and ASCII is typed key by key.
"""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII runs as key clicks, other runs as IME commits."""
    run = ""
    for ch in text + "\0":
        if ch == "\0" or ch.isascii() != (run[:1].isascii() if run else ch.isascii()):
            if run and run.isascii():
                qtbot.keyClicks(widget, run)
            elif run:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
            run = ""
        if ch != "\0":
            run += ch
