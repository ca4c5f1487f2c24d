"""A keep-in-touch interval: the default, never, or every so many days."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from crm.domain.contacts import MAX_KEEP_IN_TOUCH_DAYS

# What "Every … days" offers first when nothing else suggests an interval.
SUGGESTED_KEEP_IN_TOUCH_DAYS = 90


class KeepInTouchEdit(QWidget):
    """A keep-in-touch interval: the default (of a contact's tags, of a partnership's status),
    never, or every so many days; the number of days only counts for the last.

    Like the form, it holds widgets and values only: its editor gives the three choices of
    `combo` and the suffix of `spin` their texts.
    """

    DEFAULT, NEVER, EVERY = "default", "never", "every"
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for choice in (self.DEFAULT, self.NEVER, self.EVERY):
            self.combo.addItem("", choice)
        self.spin = QSpinBox()
        self.spin.setRange(1, MAX_KEEP_IN_TOUCH_DAYS)
        self.spin.setValue(SUGGESTED_KEEP_IN_TOUCH_DAYS)
        self.spin.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self.spin)
        row.addStretch(1)
        self.combo.currentIndexChanged.connect(self._choice_changed)
        self.spin.valueChanged.connect(lambda _days: self.changed.emit())

    def set_days(self, days: int | None, *, suggested: int | None = None) -> None:
        """Show `days` (None: the default, 0: never); `suggested` fills the number of days
        offered should the user switch to "Every … days"."""
        if days is None or days == 0:
            self.spin.setValue(suggested or SUGGESTED_KEEP_IN_TOUCH_DAYS)
            choice = self.DEFAULT if days is None else self.NEVER
        else:
            self.spin.setValue(days)
            choice = self.EVERY
        self.combo.setCurrentIndex(self.combo.findData(choice))
        self._choice_changed()

    def suggest(self, days: int) -> None:
        """Offer `days` for "Every … days", unless that is already the choice."""
        if self.choice() != self.EVERY:
            self.spin.setValue(days)

    def choice(self) -> str:
        return str(self.combo.currentData())

    def days(self) -> int | None:
        choice = self.choice()
        if choice == self.EVERY:
            return self.spin.value()
        return 0 if choice == self.NEVER else None

    def _choice_changed(self) -> None:
        self.spin.setEnabled(self.choice() == self.EVERY)
        self.changed.emit()
