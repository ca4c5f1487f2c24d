"""The user's preferences, typed, with defaults; window state kept apart from them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class Settings:
    """One place for every stored preference. Tests pass a file in their temporary folder."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._store = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Liaison", "Liaison"
            )
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        return str(self._store.value("ui/language", "", type=str))

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("ui/language", value)

    @property
    def show_archived(self) -> bool:
        return bool(self._store.value("contacts/show_archived", False, type=bool))

    @show_archived.setter
    def show_archived(self, value: bool) -> None:
        self._store.setValue("contacts/show_archived", value)

    def window_state(self, name: str) -> QByteArray | None:
        value = self._store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self._store.sync()
