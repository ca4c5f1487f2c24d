"""The UI language, switchable at run time.

Switching installs new translators; Qt then sends every widget a LanguageChange event, and each
window and page answers it by calling its own `retranslate()`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from crm.domain.text import DomainError, Text
from crm.i18n import normalise_language
from crm.paths import translations_dir
from crm.ui.settings import Settings

# Each in its own language, never translated.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


def qt_translate(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def render(text: Text | DomainError) -> str:
    """A domain sentence in the current UI language."""
    return text.render(qt_translate)


class LanguageManager(QObject):
    changed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._translators: list[QTranslator] = []
        self.language = "en"

    def initial_language(self, requested: str | None = None) -> str:
        if requested:
            return normalise_language(requested)
        if self._settings.language:
            return normalise_language(self._settings.language)
        return normalise_language(QLocale.system().name())

    def switch(self, language: str, *, remember: bool = True) -> None:
        language = normalise_language(language)
        app = QCoreApplication.instance()
        assert app is not None
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        # English is the source language, but its catalogue holds the plural forms (1 contact /
        # 2 contacts), so it is loaded too.
        ours = QTranslator(self)
        if ours.load(f"crm_{language}", str(translations_dir())):
            self._translators.append(ours)
        if language != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for catalogue in ("qtbase", "qt"):
                qt = QTranslator(self)
                if qt.load(f"{catalogue}_{language}", qt_dir):
                    self._translators.append(qt)
                    break
        for translator in self._translators:
            app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))
        self.language = language
        if remember:
            self._settings.language = language
        self.changed.emit(language)
