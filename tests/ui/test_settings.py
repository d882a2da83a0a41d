"""The window's settings read back as their own type, whatever the INI file stored (one-item lists, blanks)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from jjdesk.i18n import DEFAULT_LANGUAGE
from jjdesk.ui import settings


def test_a_text_setting_falls_back_to_its_default_and_a_blank_removes_it(qapp):
    assert settings.LANGUAGE.get() == DEFAULT_LANGUAGE
    settings.LANGUAGE.set("en_US")
    assert settings.LANGUAGE.get() == "en_US"
    settings.REPORTING_UNIT.set("  台州市椒江区商务局 ")
    assert settings.REPORTING_UNIT.get() == "台州市椒江区商务局"
    settings.REPORTING_UNIT.set("   ")
    assert settings.REPORTING_UNIT.get() == "" and not QSettings().contains(settings.REPORTING_UNIT.key)


def test_recent_databases_stay_a_list_newest_first_without_repeats(qapp):
    assert settings.RECENT_DATABASES.get() == []
    settings.RECENT_DATABASES.push("/data/a.db")
    QSettings().sync()
    assert settings.RECENT_DATABASES.get() == ["/data/a.db"]  # INI stores a one-item list as a bare string
    for name in ("b", "c", "a"):
        settings.RECENT_DATABASES.push(f"/data/{name}.db")
    assert settings.RECENT_DATABASES.get() == ["/data/a.db", "/data/c.db", "/data/b.db"]
    for n in range(20):
        settings.RECENT_DATABASES.push(f"/data/{n}.db")
    assert len(settings.RECENT_DATABASES.get()) == settings.RECENT_DATABASES.limit == 8


def test_a_state_is_none_until_saved_and_then_the_same_bytes(qapp):
    header = settings.list_header("enterprises")
    assert header.get() is None and header.key == "enterprises/header"
    header.set(QByteArray(b"\x00\x01state"))
    QSettings().sync()
    assert header.get() == QByteArray(b"\x00\x01state")
    assert settings.list_splitter("enterprises").get() is None
