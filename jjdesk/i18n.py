"""Loads the compiled Qt translations from resources/i18n: Simplified Chinese unless English was chosen.

Source strings in the code are English (``self.tr("Enterprises")``); ``jjdesk_zh_CN.ts`` holds the Chinese
catalogue, compiled to ``.qm`` by ``python scripts/translations.py``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def i18n_dir() -> Path:
    """Folder of the .ts/.qm files, installed (jjdesk.resources) or in a checkout (resources/)."""
    try:
        path = Path(str(resources.files("jjdesk.resources"))) / "i18n"
        if path.exists():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[1] / "resources" / "i18n"


_running = DEFAULT_LANGUAGE  # the language of this session's UI (a change in Settings applies at the next start)


def current_language() -> str:
    """The language the UI runs in: what :func:`install_translators` installed."""
    return _running


def install_translators(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Install jjdesk's and Qt's own catalogues for ``language``; English needs none (it is the source)."""
    global _running
    _running = language if language in LANGUAGES else DEFAULT_LANGUAGE
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(str(i18n_dir() / f"jjdesk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt_own = QTranslator(app)  # standard dialogs' buttons (确定/取消) come from Qt's catalogue
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
