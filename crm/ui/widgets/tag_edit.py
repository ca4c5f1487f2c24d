"""Tags typed on one line, separated the way the user's keyboard makes it easy.

Commas and semicolons, in their ASCII and their full-width Chinese forms, and the Chinese
enumeration comma 、 all separate tags: a user typing Chinese should not have to switch to
ASCII punctuation between two tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

_TAG_SEPARATORS = re.compile(r"[,;，；、]")


def split_tags(text: str) -> list[str]:
    return [tag.strip() for tag in _TAG_SEPARATORS.split(text) if tag.strip()]


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma or semicolon, not the whole line."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        typed = _TAG_SEPARATORS.split(path)[-1].strip()
        # Right after a comma nothing is typed yet: offer nothing rather than every tag.
        return [typed or "\x00"]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt override
        completion = str(index.data())
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        cut = max((m.end() for m in _TAG_SEPARATORS.finditer(text)), default=0)
        head = text[:cut]
        return f"{head} {completion}" if head else completion


class TagEdit(QLineEdit):
    """A line of tags that offers the `known` tags, ignoring case, for the one being typed."""

    def __init__(self, known: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        completer = _TagCompleter(QStringListModel(list(known), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def tags(self) -> list[str]:
        return split_tags(self.text())

    def set_tags(self, tags: Iterable[str]) -> None:
        self.setText(", ".join(tags))
