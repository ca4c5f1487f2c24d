"""Possible duplicates: pairs of contacts that are probably one person, side by side, merged
into one (undoably) or marked as two people.

A field the two contacts disagree on shows a choice of the two values; the choice says which
value the merged contact keeps, whichever contact is kept. E-mail addresses, phones and tags of
both are kept and notes are joined, so those are shown without a choice.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.domain.contacts import STATUS_LABELS
from crm.domain.formatting import format_birthday
from crm.domain.names import full_label
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.contacts import ContactRow
from crm.services.duplicates import (
    MERGE_FIELDS,
    UNITED_FIELDS,
    ContactSide,
    DuplicatePair,
    DuplicateService,
    MergeResult,
    field_differs,
    is_empty,
)
from crm.ui.contact_languages import language_name
from crm.ui.language import qt_translate, render
from crm.ui.operations import Operations, describe_error
from crm.ui.ui_locale import current_language
from crm.ui.widgets.empty_state import EmptyState

Runner = Callable[[Callable[[], Changes]], None]
LIMIT = 500
NOTES_SHOWN = 300  # characters of notes shown in the comparison; the rest in a tooltip


class MergeContacts(QUndoCommand):
    """Merging keeps what `unmerge` needs, so that Undo puts both contacts back."""

    def __init__(
        self,
        run: Runner,
        service: DuplicateService,
        keep: str,
        other: str,
        choices: dict[str, str],
        *,
        text: str,
    ) -> None:
        super().__init__(text)
        self._run = run
        self._service = service
        self._keep, self._other, self._choices = keep, other, dict(choices)
        self.result: MergeResult | None = None

    def redo(self) -> None:
        def work() -> Changes:
            self.result = self._service.merge(self._keep, self._other, choices=self._choices)
            return self.result.changes

        self._run(work)

    def undo(self) -> None:
        def work() -> Changes:
            # Read when the work runs: the merge before it may still be running.
            if self.result is None:
                return Changes()
            changes = self._service.unmerge(self.result)
            self.result = None
            return changes

        self._run(work)


class DismissPair(QUndoCommand):
    """ "Not the same person"; `apply(a, b, dismissed)` does it (True) or undoes it (False)."""

    def __init__(
        self, apply: Callable[[str, str, bool], None], a: str, b: str, *, text: str
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self._a, self._b = a, b

    def redo(self) -> None:
        self._apply(self._a, self._b, True)

    def undo(self) -> None:
        self._apply(self._a, self._b, False)


class PairColumn:
    LEFT, LEFT_ORGANISATION, RIGHT, RIGHT_ORGANISATION, SCORE, REASONS = range(6)


class DuplicatesDialog(QDialog):
    """`changed` carries the `Changes` of a merge or of its undo, for the pages to refresh."""

    changed = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        # Until the bundle has one: the service holds nothing but the database.
        self._service = DuplicateService(services.db)
        self._undo = undo_stack
        self._pairs: list[DuplicatePair] = []
        self._sides: tuple[ContactSide, ContactSide] | None = None
        self._choices: dict[str, QButtonGroup] = {}
        self._loading = False
        self._error = ""
        self._field_labels: dict[str, str] = {}

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the search says nothing of how far it is
        self.progress.setTextVisible(False)

        self.pair_table = QTableWidget(0, 6)
        self.pair_table.verticalHeader().setVisible(False)
        self.pair_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pair_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pair_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pair_table.setWordWrap(False)
        self.pair_table.setTabKeyNavigation(False)
        header = self.pair_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.pair_table.itemSelectionChanged.connect(self._selection_changed)

        self.comparison = QWidget()
        self._grid = QGridLayout(self.comparison)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.comparison)
        self.united_note = QLabel()
        self.united_note.setWordWrap(True)
        compare_box = QWidget()
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(scroll, 1)
        compare_layout.addWidget(self.united_note)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.pair_table)
        splitter.addWidget(compare_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        self.empty = EmptyState()
        self.pairs_page = splitter
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty)

        self.merge_left_button = QPushButton()
        self.merge_right_button = QPushButton()
        self.dismiss_button = QPushButton()
        for button in (self.merge_left_button, self.merge_right_button, self.dismiss_button):
            button.setAutoDefault(False)  # Enter must not merge two people by accident
        self.merge_left_button.clicked.connect(lambda: self.merge(into_left=True))
        self.merge_right_button.clicked.connect(lambda: self.merge(into_left=False))
        self.dismiss_button.clicked.connect(self.dismiss)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.merge_left_button)
        actions.addWidget(self.merge_right_button)
        actions.addWidget(self.dismiss_button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)
        self.resize(1000, 680)
        chain = [self.pair_table, *self._action_buttons()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.retranslate()
        self.reload()

    # Loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Look for possible duplicates again (after a merge or an undo, too)."""
        self._loading = True
        self._error = ""
        self._render_status()
        self._update_buttons()
        self._operations.run(
            lambda: self._service.candidates(limit=LIMIT),
            on_success=self._show_pairs,
            on_error=self._failed,
            parent=self,
        )

    def _failed(self, error: BaseException) -> bool:
        self._loading = False
        self._error = describe_error(error)
        self._render_status()
        self._update_buttons()
        return True

    def _show_pairs(self, pairs: list[DuplicatePair]) -> None:
        selected = self.pair_table.currentRow()
        self._loading = False
        self._pairs = list(pairs)
        self._fill_table()
        self._render_status()
        self.stack.setCurrentWidget(self.pairs_page if self._pairs else self.empty)
        if self._pairs:
            self.pair_table.blockSignals(True)
            self.pair_table.selectRow(min(max(selected, 0), len(self._pairs) - 1))
            self.pair_table.blockSignals(False)
        self._selection_changed()  # the row may be the same, the pair in it another

    def _fill_table(self) -> None:
        table = self.pair_table
        table.blockSignals(True)
        table.setRowCount(len(self._pairs))
        for row, pair in enumerate(self._pairs):
            values = [
                self._name(pair.first),
                self._organisation(pair.first),
                self._name(pair.second),
                self._organisation(pair.second),
                str(pair.score),
                ", ".join(render(reason) for reason in pair.reasons),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == PairColumn.SCORE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        table.blockSignals(False)

    def _name(self, row: ContactRow) -> str:
        return full_label(row.family_name, row.given_name, row.name_zh)

    def _organisation(self, row: ContactRow) -> str:
        chinese = current_language().startswith("zh")
        return (row.organisation_zh if chinese else "") or row.organisation

    def current_pair(self) -> DuplicatePair | None:
        row = self.pair_table.currentRow()
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def _selection_changed(self) -> None:
        pair = self.current_pair()
        self._update_buttons()
        if pair is None:
            self._show_sides(None)
            return
        ids = pair.ids

        def show(sides: tuple[ContactSide, ContactSide]) -> None:
            current = self.current_pair()
            if current is not None and current.ids == ids:  # not overtaken by another click
                self._show_sides(sides)

        self._operations.run(
            lambda: self._service.compare(*ids), on_success=show, on_error=self._failed, parent=self
        )

    # Comparison -----------------------------------------------------------------------------
    def _show_sides(self, sides: tuple[ContactSide, ContactSide] | None) -> None:
        self._sides = sides
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for group in self._choices.values():
            group.deleteLater()
        self._choices = {}
        if sides is None:
            self._update_buttons()
            return
        left, right = sides
        bold = self.heading.font()
        for column, text in enumerate(
            ("", self._name(left.row), self._name(right.row)),
        ):
            label = QLabel(text)
            label.setFont(bold)
            self._grid.addWidget(label, 0, column)
        row = 1
        focus_chain: list[QWidget] = []
        for name in (*MERGE_FIELDS, *UNITED_FIELDS):
            shown = (self._value(left, name), self._value(right, name))
            if not any(shown):
                continue
            self._grid.addWidget(QLabel(self._field_labels[name]), row, 0)
            choosable = name in MERGE_FIELDS and field_differs(
                left.record.draft, right.record.draft, name
            )
            if choosable:
                group = QButtonGroup(self.comparison)
                take_right = is_empty(left.record.draft, name) and not is_empty(
                    right.record.draft, name
                )
                for column, value in enumerate(shown, start=1):
                    button = QRadioButton(value or self.tr("(empty)"))
                    group.addButton(button, column)
                    button.setChecked(column == (2 if take_right else 1))
                    self._grid.addWidget(button, row, column)
                    focus_chain.append(button)
                self._choices[name] = group
            else:
                for column, value in enumerate(shown, start=1):
                    label = QLabel(self._elided(value))
                    label.setWordWrap(True)
                    label.setToolTip(value if len(value) > NOTES_SHOWN else "")
                    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    self._grid.addWidget(label, row, column)
            row += 1
        self._grid.setRowStretch(row, 1)
        chain = [self.pair_table, *focus_chain, *self._action_buttons()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._update_buttons()

    def _elided(self, value: str) -> str:
        return value if len(value) <= NOTES_SHOWN else value[:NOTES_SHOWN].rstrip() + "…"

    def _value(self, side: ContactSide, name: str) -> str:
        draft, row = side.record.draft, side.row
        if name == "organisation_id":
            return self._organisation(row)
        if name == "owner_id":
            return row.owner
        if name == "successor_of_id":
            return side.successor_of
        if name == "status":
            return render(STATUS_LABELS[draft.status])
        if name == "language":
            return language_name(draft.language)
        if name == "birthday":
            return format_birthday(
                draft.birthday,
                str(draft.birthday_calendar),
                draft.birthday_leap_month,
                current_language(),
                qt_translate,
            )
        if name == "keep_in_touch_days":
            days = draft.keep_in_touch_days
            if days is None:
                return ""
            return self.tr("Never") if days == 0 else self.tr("Every %n day(s)", "", days)
        if name in ("emails", "phones", "tags"):
            return ", ".join(getattr(draft, name))
        return str(getattr(draft, name) or "")

    def choices(self, *, into_left: bool) -> dict[str, str]:
        """What the merge takes from which contact, as the radio buttons say."""
        kept_column = 1 if into_left else 2
        return {
            name: "keep" if group.checkedId() == kept_column else "other"
            for name, group in self._choices.items()
        }

    # Actions --------------------------------------------------------------------------------
    def _action_buttons(self) -> list[QWidget]:
        return [
            self.merge_left_button,
            self.merge_right_button,
            self.dismiss_button,
            self.close_button,
        ]

    def _update_buttons(self) -> None:
        ready = not self._loading and self.current_pair() is not None
        self.dismiss_button.setEnabled(ready)
        for button in (self.merge_left_button, self.merge_right_button):
            button.setEnabled(ready and self._sides is not None)

    def merge(self, *, into_left: bool) -> None:
        pair, sides = self.current_pair(), self._sides
        if pair is None or sides is None or self._loading:
            return
        left, right = sides[0].record.id, sides[1].record.id
        keep, other = (left, right) if into_left else (right, left)
        choices = self.choices(into_left=into_left)
        if self._undo is not None:
            text = self.tr("Merge “%1” into “%2”")
            text = text.replace("%1", self._name(sides[1 if into_left else 0].row))
            text = text.replace("%2", self._name(sides[0 if into_left else 1].row))
            self._undo.push(
                MergeContacts(self._run, self._service, keep, other, choices, text=text)
            )
        else:
            self._run(lambda: self._service.merge(keep, other, choices=choices).changes)

    def dismiss(self) -> None:
        pair = self.current_pair()
        if pair is None or self._loading:
            return
        a, b = pair.ids
        if self._undo is not None:
            text = self.tr("Not the same person")
            self._undo.push(DismissPair(self._set_dismissed, a, b, text=text))
        else:
            self._set_dismissed(a, b, True)

    def _set_dismissed(self, a: str, b: str, dismissed: bool) -> None:
        service = self._service
        work = (lambda: service.dismiss(a, b)) if dismissed else (lambda: service.undismiss(a, b))
        if not shiboken6.isValid(self):
            self._operations.run(work)
            return

        def done(_changes: Changes) -> None:
            if not shiboken6.isValid(self):
                return
            if not dismissed:
                self.reload()
                return
            # Only this pair goes: no need to look through every contact again.
            self._show_pairs([p for p in self._pairs if set(p.ids) != {a, b}])

        self._operations.run(work, on_success=done, parent=self)

    def _run(self, work: Callable[[], Changes]) -> None:
        # An undo command may outlive a dialog that was deleted: then it only does its work.
        if not shiboken6.isValid(self):
            self._operations.run(work)
            return
        self._operations.run(work, on_success=self._done, parent=self)

    def _done(self, changes: Changes) -> None:
        if not shiboken6.isValid(self):
            return
        if changes.contacts or changes.partnerships or changes.everything:
            self.changed.emit(changes)
        self.reload()

    # Language -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.heading.setText(self.tr("Contacts that are probably the same person"))
        self.pair_table.setHorizontalHeaderLabels(
            [
                self.tr("Contact"),
                self.tr("Organisation"),
                self.tr("Possible duplicate"),
                self.tr("Organisation"),
                self.tr("Score"),
                self.tr("Why"),
            ]
        )
        self.united_note.setText(
            self.tr(
                "E-mail addresses, phone numbers and tags of both are kept and their notes are joined; everything logged with either person stays with the merged contact."
            )
        )
        self.empty.title.setText(self.tr("No possible duplicates found"))
        self.empty.body.setText(
            self.tr(
                "Liaison compares names in Latin letters and in Chinese, e-mail addresses and phone numbers. Pairs marked as not the same person are not shown again."
            )
        )
        self.merge_left_button.setText(self.tr("Merge into &left"))
        self.merge_left_button.setToolTip(
            self.tr("Keep the contact on the left, with everything of the one on the right.")
        )
        self.merge_right_button.setText(self.tr("Merge into &right"))
        self.merge_right_button.setToolTip(
            self.tr("Keep the contact on the right, with everything of the one on the left.")
        )
        self.dismiss_button.setText(self.tr("&Not the same person"))
        self.dismiss_button.setToolTip(self.tr("Two people: do not propose this pair again."))
        self.close_button.setText(self.tr("Close"))
        self._field_labels = {
            "family_name": self.tr("Family name"),
            "given_name": self.tr("Given name"),
            "name_zh": self.tr("Chinese name"),
            "honorific": self.tr("Honorific"),
            "position": self.tr("Position"),
            "position_zh": self.tr("Position in Chinese"),
            "organisation_id": self.tr("Organisation"),
            "wechat": self.tr("WeChat ID"),
            "language": self.tr("Language"),
            "birthday": self.tr("Birthday"),
            "owner_id": self.tr("Owner"),
            "status": self.tr("Status"),
            "successor_of_id": self.tr("Successor of"),
            "keep_in_touch_days": self.tr("Keep in touch"),
            "emails": self.tr("E-mail addresses"),
            "phones": self.tr("Phone numbers"),
            "tags": self.tr("Tags"),
            "notes": self.tr("Notes"),
        }
        self._render_status()
        self._fill_table()
        if self._sides is not None:
            checked = {name: group.checkedId() for name, group in self._choices.items()}
            self._show_sides(self._sides)
            for name, column in checked.items():
                button = self._choices[name].button(column) if name in self._choices else None
                if button is not None:
                    button.setChecked(True)

    def _render_status(self) -> None:
        self.progress.setVisible(self._loading)
        if self._loading:
            self.status.setText(self.tr("Looking for possible duplicates…"))
        elif self._error:
            self.status.setText(self._error)
        elif len(self._pairs) >= LIMIT:
            self.status.setText(
                self.tr(
                    "The %n likeliest possible duplicates: merge or dismiss some to see more.",
                    "",
                    len(self._pairs),
                )
            )
        elif self._pairs:
            self.status.setText(self.tr("%n possible duplicate(s).", "", len(self._pairs)))
        else:
            self.status.setText("")
        self.status.setStyleSheet("color: #b00020;" if self._error else "")
