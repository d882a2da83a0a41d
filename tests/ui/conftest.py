"""Every UI test keeps QSettings (window geometry, column layout, remembered user, language) in its own temporary
folder, so no test reads what another left behind, nor touches the machine's real settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
