"""Tab goes through every dialog as it reads: each enabled field, list and button on show is
reached, top to bottom and left to right within a row, and the cursor comes back to where it
started (nothing keeps it, nothing is skipped). Each tab of a dialog's tab widgets is walked."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
WANG_FANG = "2e4895f6-70de-4cf3-a2a7-72723bcf4ad8"  # 王芳 in the sample office
MAX_TABS = 300


class Office:
    """What a dialog is built over: the sample office and the fixtures of the UI tests."""

    def __init__(self, services, operations, language, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.services = services
        self.operations = operations
        self.language = language
        self.settings = settings
        self.tmp_path = tmp_path

    @property
    def partnership(self) -> str:
        return str(self.services.partnerships.rows()[0].id)

    @property
    def delegation(self) -> str:
        return str(self.services.delegations.list()[0].id)


def _about(o: Office) -> QDialog:
    from crm.ui.dialogs.about_dialog import AboutDialog

    return AboutDialog.over(o.services.db)


def _agreement(o: Office) -> QDialog:
    from crm.ui.dialogs.agreement_editor import AgreementEditor

    return AgreementEditor(o.services, o.operations, partnership_id=o.partnership)


def _conflict(o: Office) -> QDialog:
    from crm.ui.dialogs.conflict_dialog import ConflictDialog, FieldRow

    rows = [FieldRow("Position", "Director", "Division Director"), FieldRow("Notes", "", "")]
    return ConflictDialog("Ms Wang was changed by Anna at 10:42.", rows)


def _contact(o: Office) -> QDialog:
    from crm.ui.dialogs.contact_editor import ContactEditor

    return ContactEditor(o.services, o.operations, contact_id=WANG_FANG)


def _history(o: Office) -> QDialog:
    from crm.ui.dialogs.contact_history import ContactHistoryDialog

    return ContactHistoryDialog(o.services, o.operations, WANG_FANG)


def _delegation(o: Office) -> QDialog:
    from crm.ui.dialogs.delegation_editor import DelegationEditor

    return DelegationEditor(o.services, o.operations, delegation_id=o.delegation)


def _duplicates(o: Office) -> QDialog:
    from crm.ui.dialogs.duplicates_dialog import DuplicatesDialog

    return DuplicatesDialog(o.services, o.operations, undo_stack=QUndoStack())


def _gift(o: Office) -> QDialog:
    from crm.ui.dialogs.gift_dialog import GiftDialog

    return GiftDialog(o.services, o.operations, contact_id=WANG_FANG)


def _gift_register(o: Office) -> QDialog:
    from crm.ui.dialogs.gift_register import GiftRegister

    return GiftRegister(o.services, o.operations)


def _greetings(o: Office) -> QDialog:
    from crm.ui.dialogs.greeting_wizard import GreetingWizard

    return GreetingWizard(o.services, o.operations, o.settings, o.language)


def _handover_export(o: Office) -> QDialog:
    from crm.ui.dialogs.handover_wizard import HandoverWizard

    return HandoverWizard(o.services, o.operations, mode="export")


def _handover_import(o: Office) -> QDialog:
    from crm.ui.dialogs.handover_wizard import HandoverWizard

    return HandoverWizard(o.services, o.operations, mode="import")


def _import(o: Office) -> QDialog:
    from crm.ui.dialogs.import_dialog import ImportDialog

    return ImportDialog(o.services, o.operations, DATA / "bad_rows.csv")


def _import_columns(o: Office) -> QDialog:
    """A sheet whose columns are not all known opens on the page that matches them."""
    from crm.ui.dialogs.import_dialog import ImportDialog

    sheet = o.tmp_path / "kontakte.csv"
    sheet.write_text(
        "Nachname;Vorname;E-Mail-Adresse;Lieblingsfarbe\nMüller;Katrin;k@example.org;blau\n",
        encoding="utf-8",
    )
    return ImportDialog(o.services, o.operations, sheet)


def _interaction(o: Office) -> QDialog:
    from crm.ui.dialogs.interaction_dialog import LogInteractionDialog

    return LogInteractionDialog(o.services, o.operations, contact_ids=[WANG_FANG])


def _organisation(o: Office) -> QDialog:
    from crm.ui.dialogs.organisation_dialog import OrganisationDialog

    return OrganisationDialog(o.services.directory, o.operations)


def _partnership(o: Office) -> QDialog:
    from crm.ui.dialogs.partnership_editor import PartnershipEditor

    return PartnershipEditor(o.services, o.operations, partnership_id=o.partnership)


def _place(o: Office) -> QDialog:
    from crm.ui.dialogs.place_dialog import PlaceDialog

    return PlaceDialog(o.services.partnerships, o.operations)


def _restore(o: Office) -> QDialog:
    from crm.services.restore import RestoreService
    from crm.ui.dialogs.restore_dialog import RestoreDialog

    return RestoreDialog(RestoreService(o.services.db), o.operations)


def _settings(o: Office) -> QDialog:
    from crm.services.autostart import Autostart
    from crm.ui.dialogs.settings_dialog import SettingsDialog

    autostart = Autostart(
        platform="linux",
        home=o.tmp_path,
        command=["liaison", "--minimized"],
        environ={"XDG_CONFIG_HOME": str(o.tmp_path / "config")},
    )
    return SettingsDialog(o.settings, o.services, o.operations, o.language, autostart=autostart)


def _shortcuts(o: Office) -> QDialog:
    from PySide6.QtWidgets import QMenuBar

    from crm.ui.dialogs.shortcuts_dialog import ShortcutsDialog

    bar = QMenuBar()
    bar.addMenu("&File").addAction("&Quit")
    dialog = ShortcutsDialog(bar, palette_keys="Ctrl+K")
    bar.setParent(dialog)
    return dialog


def _staff(o: Office) -> QDialog:
    from crm.ui.dialogs.staff_dialog import StaffDialog

    return StaffDialog(o.services.directory, o.operations)


def _templates(o: Office) -> QDialog:
    from crm.ui.dialogs.template_editor import TemplateEditor

    return TemplateEditor(
        o.services,
        o.operations,
        occasion="spring_festival",
        language="en",
        contact_id=WANG_FANG,
        settings=o.settings,
    )


DIALOGS: dict[str, Callable[[Office], QDialog]] = {
    "about": _about,
    "agreement": _agreement,
    "conflict": _conflict,
    "contact": _contact,
    "contact_history": _history,
    "delegation": _delegation,
    "duplicates": _duplicates,
    "gift": _gift,
    "gift_register": _gift_register,
    "greetings": _greetings,
    "handover_export": _handover_export,
    "handover_import": _handover_import,
    "import": _import,
    "import_columns": _import_columns,
    "interaction": _interaction,
    "organisation": _organisation,
    "partnership": _partnership,
    "place": _place,
    "restore": _restore,
    "settings": _settings,
    "shortcuts": _shortcuts,
    "staff": _staff,
    "templates": _templates,
}


def test_every_dialog_module_is_walked() -> None:
    """A new dialog joins this test."""
    folder = Path(__file__).resolve().parents[2] / "crm" / "ui" / "dialogs"
    with_dialogs = {
        path.stem for path in folder.glob("*.py") if "(QDialog):" in path.read_text("utf-8")
    }
    walked = {
        match.group(1)
        for builder in DIALOGS.values()
        for match in re.finditer(r"crm\.ui\.dialogs\.(\w+)", inspect.getsource(builder))
    }
    # The bases of the editors, walked through them; the first-run wizard, on its own.
    others = {"form_dialog", "add_dialog", "first_run_wizard"}
    assert with_dialogs - others - walked == set()


# Walking ------------------------------------------------------------------------------------


def takes_tab(widget: QWidget, dialog: QDialog) -> bool:
    return (
        widget.isVisibleTo(dialog)
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None  # the widget it hands the focus to is the one counted
        # A scroll area is not a field: its fields are.
        and not isinstance(widget, QScrollArea)
        # Of exclusive radio buttons Tab reaches the chosen one; the arrows choose another.
        and not (
            isinstance(widget, QRadioButton)
            and widget.autoExclusive()
            and not widget.isChecked()
            and any(
                isinstance(other, QRadioButton) and other.isChecked()
                for other in radio_group(widget)
            )
        )
    )


def radio_group(button: QRadioButton) -> list[QWidget]:
    group = button.group()
    if group is not None:
        return list(group.buttons())
    parent = button.parentWidget()
    return parent.findChildren(QRadioButton) if parent is not None else []


def focusable(dialog: QDialog) -> list[QWidget]:
    """Every widget on show that the keyboard can reach, in reading order."""
    found = [w for w in dialog.findChildren(QWidget) if takes_tab(w, dialog)]
    return sorted(found, key=lambda w: (box(w, dialog).top(), box(w, dialog).left()))


def box(widget: QWidget, dialog: QDialog) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def owner(widget: QWidget | None, candidates: list[QWidget]) -> QWidget | None:
    """The focusable widget that `widget` (the one with the focus) is, or is inside of."""
    while widget is not None:
        if any(widget is c for c in candidates):
            return widget
        widget = widget.parentWidget()
    return None


def walk(qtbot, dialog: QDialog) -> tuple[list[QWidget], list[QWidget]]:  # type: ignore[no-untyped-def]
    """Tab from the first widget until the cursor is back on it: (the widgets on show, those
    Tab reached, in order)."""
    expected = focusable(dialog)
    start = expected[0]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: owner(dialog.focusWidget(), expected) is start)
    order = [start]
    if len(expected) == 1:
        return expected, order
    for _ in range(MAX_TABS):
        focus = dialog.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        reached = owner(dialog.focusWidget(), expected)
        if reached is start and len(order) > 1:
            return expected, order
        if reached is not None and reached is not order[-1]:  # a date edit takes a Tab a section
            order.append(reached)
    walked = " → ".join(map(name, order))
    pytest.fail(
        f"Tab never came back to {name(start)}: it stays in {name(order[-1])} ({walked}); "
        f"on show: {', '.join(map(name, expected))}"
    )


def name(widget: QWidget) -> str:
    """The widget as a failure message names it: its attribute name in the dialog if it has one."""
    dialog = widget.window()
    for attribute, value in vars(dialog).items():
        if value is widget:
            return attribute
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}({text!r})"


def backwards(a: QRect, b: QRect) -> bool:
    """Going from `a` to `b` reads backwards: up to an earlier row (other than into a column to
    the right), or leftwards within the same row."""
    above = b.bottom() < a.top()
    right_of = b.left() >= a.right()
    same_row = b.top() <= a.bottom() and a.top() <= b.bottom()
    left_of = b.right() <= a.left()
    return (above and not right_of) or (same_row and left_of and not above)


def states(dialog: QDialog) -> Iterator[str]:
    """The dialog as it opens, then with each other tab of its tab widgets on show."""
    yield "as it opens"
    for tabs in dialog.findChildren(QTabWidget):
        if not tabs.isVisibleTo(dialog):
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index != first and tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                yield f"on the tab “{tabs.tabText(index)}”"
        tabs.setCurrentIndex(first)


@pytest.mark.parametrize("which", sorted(DIALOGS))
def test_tab_goes_through_the_dialog_in_reading_order(  # type: ignore[no-untyped-def]
    qtbot, which, demo_services, operations, language, settings, tmp_path
) -> None:
    settings.sender_name = "Anna Berg"
    office = Office(demo_services, operations, language, settings, tmp_path)
    dialog = DIALOGS[which](office)
    try:
        with qtbot.waitExposed(dialog):
            dialog.show()
        with qtbot.waitActive(dialog):
            dialog.activateWindow()
        for state in states(dialog):
            check(qtbot, dialog, f"{which} {state}")
    finally:
        # Gone before the database is: the language switch at the end of the test would
        # reach it, and some dialogs read the database when they retranslate.
        if shiboken6.isValid(dialog):
            dialog.reject()
        if shiboken6.isValid(dialog):
            dialog.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def check(qtbot, dialog: QDialog, where: str) -> None:  # type: ignore[no-untyped-def]
    expected, order = walk(qtbot, dialog)
    missed = [name(w) for w in expected if not any(w is r for r in order)]
    walked = " → ".join(map(name, order))
    assert missed == [], f"{where}: Tab never reaches {missed}, only {walked}"
    wrong = [
        f"{name(a)} → {name(b)}"
        for a, b in zip(order, order[1:], strict=False)
        # Tab enters a button box at its default button (Qt's choice), wherever it sits.
        if not isinstance(b.parentWidget(), QDialogButtonBox)
        and backwards(box(a, dialog), box(b, dialog))
    ]
    assert wrong == [], f"{where}: Tab goes back against the reading order: {walked}"
