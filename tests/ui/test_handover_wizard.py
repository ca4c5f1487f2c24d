"""The handover wizard as the two people meet it: Louise writes her handover package before she
leaves; her successor opens it, sees who handed over and what is in it, previews the import
(which changes nothing), then imports it. A damaged package is refused in one sentence."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.services.handover import HandoverService
from crm.ui.dialogs import handover_wizard as wizard_module
from crm.ui.dialogs.handover_parts import (
    ImportAbandoned,
    default_package_name,
    documents_folder,
    package_counts,
)
from crm.ui.dialogs.handover_wizard import HandoverWizard

LOUISE = "Louise Dahl Nielsen"
ANNA = "Anna Berg"
REFUSAL = "This handover package has been changed since it was written: ask for a new one."

shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def click(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisibleTo(button.window()) and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def table_rows(table: QTableWidget) -> dict[str, list[str]]:
    """The kind (as the code names it) -> the texts of the other cells."""
    found = {}
    for row in range(table.rowCount()):
        kind = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        found[kind] = [table.item(row, c).text() for c in range(1, table.columnCount())]
    return found


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


# ---- giving ----


class RecordingExport(HandoverService):
    """The real export, remembering how it was asked."""

    def __init__(self, db: Any) -> None:
        super().__init__(db)
        self.asked: list[dict[str, Any]] = []

    def export(self, owner: str, out: Path, **options: Any) -> Any:  # type: ignore[override]
        self.asked.append({"owner": owner, "out": out, **options})
        return super().export(owner, out, **options)


@pytest.fixture
def exporting(qtbot, demo_services, operations, language):  # type: ignore[no-untyped-def]
    def make(**kwargs: Any) -> HandoverWizard:
        wizard = HandoverWizard(demo_services, operations, mode="export", **kwargs)
        qtbot.addWidget(wizard)
        return wizard

    return make


@pytest.fixture
def save_as(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the save dialog "chooses" to write (without the .zip the user did not type)."""
    out = tmp_path / "out" / "louise"
    out.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Handover packages (*.zip)")
    )
    return out.with_suffix(".zip")


def test_the_default_file_name() -> None:
    assert default_package_name(LOUISE, dt.date(2026, 11, 25)) == (
        "handover-louise-dahl-nielsen-2026-11-25.zip"
    )
    assert default_package_name("王芳", dt.date(2026, 1, 2)) == "handover-王芳-2026-01-02.zip"
    assert default_package_name("Mads Kjærgaard", dt.date(2026, 1, 2)) == (
        "handover-mads-kjærgaard-2026-01-02.zip"
    )


def test_the_counts_of_a_manifest_in_reading_order() -> None:
    counts = {"contacts.json": 3, "contacts.vcf": 3, "calendar.ics": 9, "partnerships.json": 1}
    assert package_counts(counts) == [("partnerships", 1), ("contacts", 3), ("calendar", 9)]
    counts["site_visits.json"] = 2  # a kind newer than the wizard comes last
    assert package_counts(counts)[-1] == ("site_visits", 2)


def test_louise_writes_her_handover_package(  # type: ignore[no-untyped-def]
    qtbot, exporting, demo_services, save_as, monkeypatch
) -> None:
    export = RecordingExport(demo_services.db)
    begun = dt.date.today()
    wizard = exporting(export_service=export, pdf=lambda html: b"%PDF-1.4 pretend")

    def named_today(name: str) -> set[str]:  # the day the wizard saw (a run may pass midnight)
        return {str(documents / default_package_name(name, d)) for d in (begun, dt.date.today())}

    assert wizard.windowTitle() == "Handover"
    assert wizard.pages.currentWidget() is wizard.export_page
    # Each colleague with what they own; the first is chosen, and a file named after them.
    texts = [wizard.staff_combo.itemText(i) for i in range(wizard.staff_combo.count())]
    assert texts[1] == f"{LOUISE} — 4 partnerships, 20 contacts"
    assert len(texts) == 3
    assert wizard.leaving() == ANNA
    documents = documents_folder()
    assert wizard.path_edit.text() in named_today(ANNA)
    choose(wizard.staff_combo, LOUISE)
    assert wizard.path_edit.text() in named_today(LOUISE)
    assert wizard.dossier_language() == "en"
    choose(wizard.language_combo, "zh_CN")
    assert wizard.language_combo.currentText() == "中文"

    click(qtbot, wizard.browse_button)
    assert wizard.path_edit.text() == str(save_as)
    choose(wizard.staff_combo, ANNA)  # a path the user chose stays
    assert wizard.path_edit.text() == str(save_as)
    choose(wizard.staff_combo, LOUISE)

    assert wizard.run_button.text() == "&Export"
    click(qtbot, wizard.run_button)
    assert wizard.pages.currentWidget() is wizard.written_page
    assert save_as.is_file()
    [asked] = export.asked
    assert (asked["owner"], asked["out"], asked["language"]) == (LOUISE, save_as, "zh_CN")
    assert asked["translate"]("Handover", "no such sentence") == "no such sentence"

    with zipfile.ZipFile(save_as) as package:
        manifest = json.loads(package.read("manifest.json"))
        assert package.read("dossier.pdf") == b"%PDF-1.4 pretend"
    counts = manifest["counts"]
    assert manifest["owner"] == LOUISE
    assert wizard.written_heading.text() == "The handover package is ready"
    summary = wizard.written_summary.text()
    assert summary == (
        f"Everything {LOUISE} looks after is in “louise.zip”: "
        f"{counts['partnerships.json']} partnerships and {counts['contacts.json']} contacts. "
        "Give it to their successor, who imports it in Liaison."
    )
    shown_counts = table_rows(wizard.written_table)
    expected = {
        name.removesuffix(".json"): [str(number)]
        for name, number in counts.items()
        if name.endswith(".json")
    }
    expected["documents"] = [str(counts["documents"])]
    expected["calendar"] = [str(counts["calendar.ics"])]
    assert shown_counts == expected
    assert list(shown_counts)[:2] == ["partnerships", "contacts"]
    kinds = [wizard.written_table.item(r, 0).text() for r in range(2)]
    assert kinds == ["Partnerships", "Contacts"]

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    click(qtbot, wizard.show_folder_button)
    assert opened == [str(save_as.parent)]

    # Back to write another; Close is the default on the last page.
    assert wizard.close_button.isDefault()
    click(qtbot, wizard.back_button)
    assert wizard.pages.currentWidget() is wizard.export_page


@shown
def test_the_default_folder_is_made_when_missing(qtbot, exporting) -> None:  # type: ignore[no-untyped-def]
    wizard = exporting(staff_name=LOUISE, pdf=lambda html: b"")
    assert wizard.leaving() == LOUISE  # the person at the keyboard is the one leaving
    out = Path(wizard.path_edit.text())
    assert not out.parent.exists()
    wizard.show()
    qtbot.keyClick(wizard.path_edit, Qt.Key.Key_Return)  # Enter presses Export
    assert out.is_file()
    assert wizard.pages.currentWidget() is wizard.written_page


def test_a_place_that_cannot_be_written_is_said_so(  # type: ignore[no-untyped-def]
    qtbot, exporting, tmp_path
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    wizard = exporting(pdf=lambda html: b"")
    wizard.path_edit.setText(str(blocker / "handover.zip"))
    click(qtbot, wizard.run_button)
    assert wizard.pages.currentWidget() is wizard.export_page
    assert wizard.export_error.isVisibleTo(wizard)
    assert wizard.export_error.text().startswith(f"“{blocker / 'handover.zip'}” could not be")
    assert wizard.run_button.isEnabled()  # try again elsewhere


def test_on_the_worker_thread_the_export_shows_it_is_busy(  # type: ignore[no-untyped-def]
    qtbot, demo_services, language, save_as
) -> None:
    """As in the app: the export (and the PDF, when Liaison has its renderer) off the GUI
    thread, the page busy meanwhile and Close waiting for it."""
    from crm.ui.operations import Operations

    threaded = Operations()
    wizard = HandoverWizard(demo_services, threaded, mode="export", staff_name=LOUISE)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.leaving() == LOUISE)
    wizard.browse_save()
    wizard.run()
    assert wizard.pages.currentWidget() is wizard.written_page
    assert wizard.written_busy.isVisibleTo(wizard)
    assert not wizard.close_button.isEnabled()
    wizard.reject()  # Esc waits: the zip is whole or not there
    qtbot.waitUntil(lambda: wizard.close_button.isEnabled(), timeout=60000)
    threaded.wait()
    assert not wizard.written_busy.isVisibleTo(wizard)
    assert wizard.written_heading.text() == "The handover package is ready"
    with zipfile.ZipFile(save_as) as package:
        names = set(package.namelist())
    assert "dossier.pdf" in names
    with zipfile.ZipFile(save_as) as package:
        assert package.read("dossier.pdf").startswith(b"%PDF")


@shown
def test_esc_closes_the_export_page_at_once(qtbot, exporting) -> None:  # type: ignore[no-untyped-def]
    wizard = exporting()
    wizard.show()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert not wizard.isVisible()


# ---- receiving, with a stand-in for the import service ----


@dataclass(frozen=True)
class Package:
    owner: str
    created_at: str
    format_version: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Conflict:
    kind: str
    id: str
    label: str
    kept: str


@dataclass
class Report:
    owner: str
    successor: str
    dry_run: bool
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    conflicts: list[Conflict] = field(default_factory=list)


PACKAGE = Package(
    owner=LOUISE,
    created_at="2026-11-25T09:30:00+00:00",
    format_version=1,
    counts={
        "contacts.json": 20,
        "contacts.vcf": 20,
        "organisations.json": 9,
        "partnerships.json": 4,
        "delegations.json": 5,
        "agreements.json": 6,
        "interactions.json": 30,
        "follow_ups.json": 2,
        "templates.json": 0,
        "calendar.ics": 41,
        "documents": 0,
    },
)
KINDS = ("contacts", "organisations", "partnerships", "delegations", "agreements")
KINDS += ("interactions", "follow_ups", "templates", "documents")


class FakeImport:
    """The import service's API: a dry run says 12 new contacts (and so on), the import does
    it; `refusal` makes every package refused; `on_progress` sees each step."""

    def __init__(self, refusal: str | None = None) -> None:
        self.refusal = refusal
        self.calls: list[tuple[str, Path, str | None, bool]] = []
        self.on_progress: Callable[[int, int], None] | None = None
        self.stopped: BaseException | None = None

    def inspect(self, path: Path) -> Package:
        self.calls.append(("inspect", path, None, False))
        if self.refusal:
            raise DomainError(QT_TRANSLATE_NOOP("HandoverImport", self.refusal))
        return PACKAGE

    def apply(
        self,
        path: Path,
        *,
        successor: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        self.calls.append(("apply", path, successor, dry_run))
        try:
            for done in range(4):
                if progress is not None:
                    progress(done, 3)
        except BaseException as error:
            self.stopped = error
            raise
        return Report(
            owner=LOUISE,
            successor=successor or LOUISE,
            dry_run=dry_run,
            created={**dict.fromkeys(KINDS, 0), "contacts": 12, "partnerships": 3},
            updated={**dict.fromkeys(KINDS, 0), "contacts": 5},
            unchanged={**dict.fromkeys(KINDS, 0), "contacts": 3, "partnerships": 1},
            conflicts=[Conflict("contacts", "c-1", "王芳", "theirs")],
        )


@pytest.fixture
def package_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file the open dialog "chooses"."""
    path = tmp_path / "handover-louise.zip"
    path.write_bytes(b"PK")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Handover packages (*.zip)")
    )
    return path


@pytest.fixture
def importing(qtbot, services, demo_services, operations, language):  # type: ignore[no-untyped-def]
    def make(service: Any, **kwargs: Any) -> HandoverWizard:
        wizard = HandoverWizard(
            kwargs.pop("bundle", demo_services),
            operations,
            mode="import",
            import_service=service,
            **kwargs,
        )
        qtbot.addWidget(wizard)
        return wizard

    return make


def test_a_package_is_previewed_then_imported(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file
) -> None:
    fake = FakeImport()
    wizard = importing(fake, staff_name=ANNA)
    assert wizard.pages.currentWidget() is wizard.package_page
    assert not wizard.next_button.isEnabled()  # no package yet
    assert not wizard.package_details.isVisibleTo(wizard)

    click(qtbot, wizard.package_browse_button)
    assert wizard.package_edit.text() == str(package_file)
    assert fake.calls == [("inspect", package_file, None, False)]
    assert wizard.from_value.text() == LOUISE
    assert "2026" in wizard.written_value.text()
    assert table_rows(wizard.package_table)["contacts"] == ["20"]
    assert list(table_rows(wizard.package_table))[-1] == "calendar"
    assert "templates" in table_rows(wizard.package_table)
    # The person at the keyboard takes over, unless they choose someone else.
    assert wizard.successor() == ANNA
    assert (
        wizard.successor_hint.text()
        == f"{ANNA} takes over the partnerships and contacts of {LOUISE}."
    )
    assert wizard.next_button.isEnabled() and wizard.next_button.isDefault()

    click(qtbot, wizard.next_button)
    assert wizard.pages.currentWidget() is wizard.preview_page
    assert fake.calls[-1] == ("apply", package_file, ANNA, True)
    assert wizard.preview_heading.text() == "Preview (changes nothing)"
    assert table_rows(wizard.preview_table) == {
        "partnerships": ["3", "0", "1"],
        "contacts": ["12", "5", "3"],
    }
    assert wizard.preview_summary.text() == (
        "15 new, 5 updated, 4 unchanged. Nothing has changed yet: press Import to bring it in."
    )
    assert wizard.conflicts_label.text() == (
        "1 record was changed both here and in the package; the version shown will be kept:"
    )
    conflict = [wizard.conflicts_table.item(0, c).text() for c in range(3)]
    assert conflict == ["Contacts", "王芳", "From the package"]
    assert wizard.run_button.text() == "&Import"
    assert wizard.run_button.isDefault()

    with qtbot.waitSignal(wizard.changed) as changed:
        click(qtbot, wizard.run_button)
    assert changed.args == [Changes(everything=True)]
    assert fake.calls[-1] == ("apply", package_file, ANNA, False)
    assert wizard.pages.currentWidget() is wizard.import_page
    assert wizard.import_heading.text() == "The handover is imported"
    assert (wizard.import_progress.value(), wizard.import_progress.maximum()) == (1, 1)
    assert table_rows(wizard.result_table)["contacts"] == ["12", "5", "3"]
    assert wizard.import_summary.text() == (
        f"15 new, 5 updated, 4 unchanged. {ANNA} now looks after what {LOUISE} handed over. "
        "1 record had been changed both here and in the package."
    )
    assert not wizard.back_button.isVisibleTo(wizard)
    assert not wizard.run_button.isVisibleTo(wizard)
    assert wizard.close_button.isDefault()
    click(qtbot, wizard.close_button)
    assert not wizard.isVisible()


def test_the_successor_is_the_owner_by_default(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file
) -> None:
    fake = FakeImport()
    wizard = importing(fake, package=package_file)  # opened with a package: read at once
    assert wizard.from_value.text() == LOUISE
    assert wizard.successor() == LOUISE
    assert wizard.successor_hint.text() == f"Everything stays with {LOUISE}."
    choose(wizard.successor_combo, "Mads Kjærgaard")
    wizard.successor_combo.activated.emit(wizard.successor_combo.currentIndex())
    click(qtbot, wizard.next_button)
    assert fake.calls[-1][2:] == ("Mads Kjærgaard", True)
    # Back, and the choice stays.
    click(qtbot, wizard.back_button)
    assert wizard.pages.currentWidget() is wizard.package_page
    assert wizard.successor() == "Mads Kjærgaard"


def test_in_a_new_office_the_owner_comes_with_the_package(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file, tmp_path
) -> None:
    from crm.services.bundle import Services

    empty = Services.open(str(tmp_path / "new-office.sqlite3"))
    try:
        fake = FakeImport()
        wizard = importing(fake, bundle=empty, package=package_file)
        assert wizard.successor_combo.count() == 1
        assert wizard.successor_combo.currentText() == f"{LOUISE} (new here)"
        assert wizard.successor() is None
        assert wizard.successor_hint.text().startswith(f"{LOUISE} is not on this office's staff")
        click(qtbot, wizard.next_button)
        assert fake.calls[-1][2:] == (None, True)
    finally:
        empty.db.dispose()


def test_a_refused_package_says_why_and_goes_no_further(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file
) -> None:
    wizard = importing(FakeImport(refusal=REFUSAL))
    wizard.package_edit.setFocus()
    wizard.package_edit.setText(str(package_file))
    wizard.package_edit.editingFinished.emit()  # as when Tab leaves the box
    assert wizard.package_error.isVisibleTo(wizard)
    assert wizard.package_error.text() == REFUSAL
    assert not wizard.package_details.isVisibleTo(wizard)
    assert not wizard.next_button.isEnabled()
    wizard.go_next()
    assert wizard.pages.currentWidget() is wizard.package_page


def test_a_failed_import_says_why_and_can_go_back(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file
) -> None:
    class Failing(FakeImport):
        def apply(self, path: Path, **options: Any) -> Report:
            if not options.get("dry_run"):
                raise DomainError(QT_TRANSLATE_NOOP("HandoverImport", "The disk is full."))
            return super().apply(path, **options)

    wizard = importing(Failing(), package=package_file)
    changed: list[Any] = []
    wizard.changed.connect(changed.append)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.run_button)
    assert wizard.import_heading.text() == "Nothing was imported"
    assert wizard.import_error.text() == "The disk is full."
    assert not wizard.result_table.isVisibleTo(wizard)
    assert changed == []
    click(qtbot, wizard.back_button)  # to the preview, run again
    assert wizard.pages.currentWidget() is wizard.preview_page
    assert wizard.run_button.isEnabled()


@shown
def test_esc_asks_before_abandoning_a_running_import(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file, monkeypatch
) -> None:
    fake = FakeImport()
    asked: list[str] = []
    answers = [False, True]  # keep importing, then stop

    def ask(parent: QWidget, *, title: str, question: str, discard: str, keep: str) -> bool:
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr(wizard_module, "ask_to_discard", ask)
    wizard = importing(fake, package=package_file)
    wizard.show()
    click(qtbot, wizard.next_button)

    def pressed_esc(done: int, total: int) -> None:
        if done in (1, 2):
            assert wizard.import_progress.value() == done
            qtbot.keyClick(wizard, Qt.Key.Key_Escape)

    wizard.progressed.connect(pressed_esc)
    changed: list[Any] = []
    wizard.changed.connect(changed.append)
    click(qtbot, wizard.run_button)
    assert changed == []  # the service undoes an abandoned import
    assert len(asked) == 2
    assert asked[0].startswith("The handover is still being imported. Stop it and close?")
    assert isinstance(fake.stopped, ImportAbandoned)
    assert not wizard.isVisible()
    assert wizard.import_error.text() == ""  # nothing to tell: the user stopped it


@shown
def test_esc_during_the_preview_closes_without_asking(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file, monkeypatch
) -> None:
    monkeypatch.setattr(wizard_module, "ask_to_discard", lambda *a, **k: pytest.fail("asked"))
    wizard = importing(FakeImport(), package=package_file)
    click(qtbot, wizard.next_button)
    wizard.show()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()


# ---- on screen, in both languages ----


def show(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def _clipped(dialog: QWidget) -> list[str]:
    """Texts of labels, buttons and boxes narrower than they need to be."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if isinstance(widget.parent(), QLineEdit):  # its clear button, drawn as Qt likes
            continue
        kinds = QLabel | QAbstractButton | QComboBox
        if isinstance(widget, kinds) and widget.width() < widget.minimumSizeHint().width():
            found.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()}")
    return found


def walk_import(qtbot, wizard: HandoverWizard) -> Iterator[str]:  # type: ignore[no-untyped-def]
    yield "package"
    click(qtbot, wizard.next_button)
    yield "preview"
    click(qtbot, wizard.run_button)
    yield "imported"


@shown
@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_nothing_is_clipped(  # type: ignore[no-untyped-def]
    qtbot, exporting, importing, package_file, language, save_as, code
) -> None:
    language.switch(code)
    wizard = exporting(pdf=lambda html: b"")
    show(qtbot, wizard)
    assert _clipped(wizard) == []
    click(qtbot, wizard.browse_button)
    click(qtbot, wizard.run_button)
    qtbot.wait(10)
    assert _clipped(wizard) == []
    wizard.close()
    wizard = importing(FakeImport(), package=package_file)
    show(qtbot, wizard)
    for page in walk_import(qtbot, wizard):
        qtbot.wait(10)
        assert _clipped(wizard) == [], page


@shown
def test_tab_goes_through_the_export_page_in_reading_order(qtbot, exporting) -> None:  # type: ignore[no-untyped-def]
    wizard = exporting()
    show(qtbot, wizard)
    assert wizard.focusWidget() is wizard.staff_combo
    order: list[QWidget] = []
    for _ in range(10):
        widget = wizard.focusWidget()
        order.append(widget)
        if widget is wizard.close_button:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert order == [
        wizard.staff_combo,
        wizard.language_combo,
        wizard.path_edit,
        wizard.browse_button,
        wizard.run_button,
        wizard.close_button,
    ]


@shown
def test_tab_goes_through_the_package_page_in_reading_order(  # type: ignore[no-untyped-def]
    qtbot, importing, package_file
) -> None:
    wizard = importing(FakeImport(), package=package_file)
    show(qtbot, wizard)
    assert wizard.focusWidget() is wizard.package_edit
    order: list[QWidget] = []
    for _ in range(10):
        widget = wizard.focusWidget()
        order.append(widget)
        if widget is wizard.close_button:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert order == [
        wizard.package_edit,
        wizard.package_browse_button,
        wizard.package_table,
        wizard.successor_combo,
        wizard.next_button,
        wizard.close_button,
    ]


class _PretendChinese(QTranslator):
    SENTENCES = {
        ("HandoverWizard", "Handover"): "工作交接",
        ("HandoverWizard", "Contacts"): "联系人",
        ("HandoverWizard", "Preview (changes nothing)"): "预览（不做任何更改）",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_it_follows_a_switch_of_language(qtbot, importing, package_file) -> None:  # type: ignore[no-untyped-def]
    wizard = importing(FakeImport(), package=package_file)
    click(qtbot, wizard.next_button)
    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: wizard.windowTitle() == "工作交接")
        assert wizard.preview_heading.text() == "预览（不做任何更改）"
        assert wizard.preview_table.item(1, 0).text() == "联系人"
        assert table_rows(wizard.preview_table)["contacts"] == ["12", "5", "3"]  # kept
    finally:
        QCoreApplication.removeTranslator(pretend)
    qtbot.waitUntil(lambda: wizard.windowTitle() == "Handover")


# ---- end to end, with the real services ----


def test_a_handover_from_one_office_to_another(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, language, tmp_path, save_as
) -> None:
    from crm.services.bundle import Services
    from crm.services.handover_summary import HandoverSummaryService

    giving = HandoverWizard(demo_services, operations, mode="export", pdf=lambda html: b"")
    qtbot.addWidget(giving)
    choose(giving.staff_combo, LOUISE)
    click(qtbot, giving.browse_button)
    click(qtbot, giving.run_button)
    with zipfile.ZipFile(save_as) as package:
        counts = json.loads(package.read("manifest.json"))["counts"]

    second = Services.open(str(tmp_path / "successor.sqlite3"))
    try:
        receiving = HandoverWizard(second, operations, mode="import", package=save_as)
        qtbot.addWidget(receiving)
        assert receiving.package_error.text() == ""
        assert receiving.from_value.text() == LOUISE
        assert table_rows(receiving.package_table)["contacts"] == [str(counts["contacts.json"])]
        click(qtbot, receiving.next_button)
        preview = table_rows(receiving.preview_table)
        assert preview["contacts"][0] == str(counts["contacts.json"])  # all new
        assert preview["partnerships"][0] == str(counts["partnerships.json"])
        assert second.contacts.count() == 0  # the preview changed nothing
        with qtbot.waitSignal(receiving.changed):
            click(qtbot, receiving.run_button)
        assert receiving.import_error.text() == ""
        assert table_rows(receiving.result_table)["contacts"][0] == str(counts["contacts.json"])
        assert second.contacts.count() == counts["contacts.json"]
        holdings = {h.name: h for h in HandoverSummaryService(second.db).staff_holdings()}
        assert holdings[LOUISE].partnerships == counts["partnerships.json"]

        # The same package again: nothing new.
        again = HandoverWizard(second, operations, mode="import", package=save_as)
        qtbot.addWidget(again)
        click(qtbot, again.next_button)
        assert all(numbers[0] == "0" for numbers in table_rows(again.preview_table).values())
    finally:
        second.db.dispose()


@pytest.fixture
def louise_package(qtbot, demo_services, operations, language, save_as) -> Path:  # type: ignore[no-untyped-def]
    """Louise's package, written by the wizard from the sample office."""
    giving = HandoverWizard(demo_services, operations, mode="export", pdf=lambda html: b"")
    qtbot.addWidget(giving)
    choose(giving.staff_combo, LOUISE)
    click(qtbot, giving.browse_button)
    click(qtbot, giving.run_button)
    return save_as


@pytest.fixture
def new_office(tmp_path: Path) -> Iterator[Any]:
    from crm.services.bundle import Services

    bundle = Services.open(str(tmp_path / "new-office.sqlite3"))
    yield bundle
    bundle.db.dispose()


@shown
def test_a_stopped_import_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, operations, louise_package, new_office, monkeypatch
) -> None:
    monkeypatch.setattr(wizard_module, "ask_to_discard", lambda *a, **k: True)
    receiving = HandoverWizard(new_office, operations, mode="import", package=louise_package)
    qtbot.addWidget(receiving)
    receiving.show()
    click(qtbot, receiving.next_button)

    def pressed_esc(done: int, total: int) -> None:
        if done > 0 and receiving.isVisible():
            qtbot.keyClick(receiving, Qt.Key.Key_Escape)

    receiving.progressed.connect(pressed_esc)
    click(qtbot, receiving.run_button)
    assert not receiving.isVisible()
    assert new_office.contacts.count() == 0
    assert new_office.directory.staff() == []


def test_a_tampered_package_is_refused(  # type: ignore[no-untyped-def]
    qtbot, operations, louise_package, new_office, tmp_path, monkeypatch
) -> None:
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(louise_package) as original, zipfile.ZipFile(tampered, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "contacts.json":
                data = data.replace(b"Wang", b"Wong")
            copy.writestr(item, data)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tampered), ""))
    receiving = HandoverWizard(new_office, operations, mode="import")
    qtbot.addWidget(receiving)
    click(qtbot, receiving.package_browse_button)
    sentence = receiving.package_error.text()
    assert sentence and "tampered.zip" in sentence, sentence
    assert sentence.count(".") >= 1 and "\n" not in sentence  # one sentence
    assert receiving.package_error.isVisibleTo(receiving)
    assert not receiving.package_details.isVisibleTo(receiving)
    assert not receiving.next_button.isEnabled()


def test_a_missing_file_is_said_so(qtbot, operations, new_office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    receiving = HandoverWizard(new_office, operations, mode="import")
    qtbot.addWidget(receiving)
    receiving.package_edit.setText(str(tmp_path / "nowhere.zip"))
    receiving.package_edit.editingFinished.emit()
    assert receiving.package_error.text() == "There is no file “nowhere.zip” to import."
    assert not receiving.next_button.isEnabled()
