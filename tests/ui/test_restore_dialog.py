"""Restoring from a backup as a user does it, and the offer made at start for a damaged file.

The restore dialog lists the backups newest first with their date in the UI language, checks
the chosen one, and restores it after a question; the file it replaced is kept aside. At start,
a damaged file brings up the offer to restore the latest backup.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.exc import OperationalError

from crm.domain.contacts import ContactDraft
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.restore import RestoreService
from crm.store import errors, migrate
from crm.store.backup import backup_sqlite
from crm.store.database import Database
from crm.store.errors import DamagedDatabase, NotLiaison
from crm.ui import recovery
from crm.ui.dialogs.restore_dialog import RestoreDialog
from crm.ui.operations import describe_error
from crm.ui.recovery import Choice, offer_recovery, recovery_message

YESTERDAY = "liaison-20261124-104200.sqlite3"
LAST_WEEK = "liaison-20261117-090500.sqlite3"


def family_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [row[0] for row in conn.execute("SELECT family_name FROM contact ORDER BY 1")]
    conn.close()
    return names


def with_backups(db_path: Path) -> tuple[Services, Path]:
    """A database of Holst and Wang with two backups: last week's (Holst alone) and
    yesterday's (Holst and Wang); since then Berg was added."""
    services = Services.open(str(db_path))
    folder = db_path.parent / "backups"
    services.contacts.create(ContactDraft(family_name="Holst"))
    backup_sqlite(services.db, folder / LAST_WEEK)
    services.contacts.create(ContactDraft(family_name="Wang"))
    backup_sqlite(services.db, folder / YESTERDAY)
    services.contacts.create(ContactDraft(family_name="Berg"))
    return services, folder / YESTERDAY


def open_dialog(qtbot, services: Services, operations) -> RestoreDialog:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(RestoreService(services.db), operations)
    qtbot.addWidget(dialog)
    return dialog


def cells(dialog: RestoreDialog) -> list[str]:
    table = dialog.table
    return [table.item(row, 0).text() for row in range(table.rowCount())]  # type: ignore[union-attr]


@pytest.fixture
def restoring(qtbot, db_path: Path, operations, language):  # type: ignore[no-untyped-def]
    services, yesterday = with_backups(db_path)
    dialog = open_dialog(qtbot, services, operations)
    yield services, dialog, yesterday
    services.db.dispose()


def test_the_backups_are_listed_newest_first_and_the_newest_is_checked(restoring) -> None:  # type: ignore[no-untyped-def]
    services, dialog, yesterday = restoring
    assert dialog.windowTitle() == "Restore from a backup"
    assert cells(dialog) == ["24 November 2026 10:42", "17 November 2026 09:05"]
    assert dialog.paths()[0] == yesterday
    # "2 contacts" once the English catalogue holds the plural forms of this new sentence.
    assert dialog.details.text().startswith("Made on 24 November 2026 10:42: 2 contact")
    assert dialog.restore_button.isEnabled()
    assert str(services.db.path.parent / "backups") in dialog.intro.text()


def test_restoring_replaces_the_contacts_and_keeps_the_database_aside(
    restoring, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    services, dialog, _yesterday = restoring
    asked: list[str] = []
    monkeypatch.setattr(
        dialog, "confirm", lambda info: asked.append(dialog._question(info)) or True
    )
    with qtbot.waitSignal(dialog.changed, timeout=5000) as signal:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == Changes(everything=True)
    assert asked == [
        "Restore the backup from 24 November 2026 10:42? The database you have now is not "
        f"deleted: it is kept in “{services.db.path.parent / 'backups'}”."
    ]
    names = [row.family_name for row in services.contacts.rows(services.contacts.search(""))]
    assert sorted(names) == ["Holst", "Wang"]
    kept = dialog.result_of_restore.kept_aside
    assert kept is not None and kept.parent == services.db.path.parent / "backups"
    assert family_names(kept) == ["Berg", "Holst", "Wang"]
    assert dialog.done_label.text() == (
        f"The backup from 24 November 2026 10:42 is restored. The database it replaced is kept "
        f"as “{kept}”."
    )
    assert dialog.restore_button.isHidden()
    assert dialog.close_button.text() == "Close"


def test_saying_no_to_the_question_changes_nothing(restoring, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services, dialog, _yesterday = restoring
    monkeypatch.setattr(dialog, "confirm", lambda info: False)
    dialog.restore_button.click()
    assert services.contacts.count() == 3
    assert dialog.result_of_restore is None
    assert sorted(p.name for p in (services.db.path.parent / "backups").iterdir()) == [
        LAST_WEEK,
        YESTERDAY,
    ]


def test_an_older_backup_can_be_chosen(restoring, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services, dialog, _yesterday = restoring
    dialog.table.selectRow(1)
    assert dialog.details.text().startswith("Made on 17 November 2026 09:05: 1 contact")
    monkeypatch.setattr(dialog, "confirm", lambda info: True)
    dialog.restore_button.click()
    assert services.contacts.count() == 1


def test_a_chosen_file_that_is_not_a_backup_is_refused_in_one_sentence(
    restoring, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    services, dialog, _yesterday = restoring
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("Meeting notes\n" * 40, encoding="utf-8")
    monkeypatch.setattr(dialog, "ask_for_file", lambda: str(notes))
    dialog.choose_button.click()
    assert cells(dialog)[0] == "notes.sqlite3"
    assert dialog.error_label.text() == (
        "“notes.sqlite3” is not a Liaison database, so it cannot be restored."
    )
    assert not dialog.error_label.isHidden()
    assert not dialog.restore_button.isEnabled()
    # The next backup chosen clears the sentence.
    dialog.table.selectRow(1)
    assert dialog.error_label.isHidden()
    assert dialog.restore_button.isEnabled()
    assert services.contacts.count() == 3


def test_in_chinese_the_dates_are_chinese_and_the_restore_works_alike(
    restoring, monkeypatch, language, qtbot
) -> None:  # type: ignore[no-untyped-def]
    services, dialog, _yesterday = restoring
    language.switch("zh_CN", remember=False)
    qtbot.waitUntil(lambda: cells(dialog) == ["2026年11月24日 10:42", "2026年11月17日 09:05"])
    monkeypatch.setattr(dialog, "confirm", lambda info: True)
    dialog.restore_button.click()
    assert services.contacts.count() == 2
    assert dialog.result_of_restore is not None
    assert dialog.result_of_restore.kept_aside is not None
    assert str(dialog.result_of_restore.kept_aside) in dialog.done_label.text()


def test_a_database_with_no_backups_says_so(qtbot, db_path: Path, operations, language) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(str(db_path))
    try:
        dialog = open_dialog(qtbot, services, operations)
        assert dialog.table.rowCount() == 0
        assert not dialog.empty_label.isHidden()
        assert not dialog.restore_button.isEnabled()
    finally:
        services.db.dispose()


def test_faults_are_described_in_the_stores_sentences(qapp) -> None:  # type: ignore[no-untyped-def]
    locked = OperationalError(
        "UPDATE contact …", {}, sqlite3.OperationalError("database is locked")
    )
    assert describe_error(locked) == errors.BUSY.render()
    assert describe_error(OSError(28, "No space left on device")) == errors.DISK_FULL.render()
    assert describe_error(RuntimeError("a bug")) == (
        "Something went wrong and nothing was changed. Details are in the log."
    )


# At start: a damaged file ---------------------------------------------------------------------


def damaged(db_path: Path) -> tuple[DamagedDatabase, bytes]:
    """The database cut in half after yesterday's backup; the error opening it raises."""
    services, _yesterday = with_backups(db_path)
    services.db.checkpoint()
    services.db.dispose()
    with db_path.open("r+b") as handle:
        handle.truncate(db_path.stat().st_size // 2)
    db = Database(db_path)
    try:
        with pytest.raises(DamagedDatabase) as refused:
            migrate.upgrade(db)
    finally:
        db.dispose()
    return refused.value, db_path.read_bytes()


def test_the_offer_names_the_damage_and_the_latest_backup(db_path: Path, language) -> None:  # type: ignore[no-untyped-def]
    error, _bytes = damaged(db_path)
    service = RestoreService(Database(db_path))
    try:
        message = recovery_message(error, service.latest(), service)
    finally:
        service.db.dispose()
    assert message == (
        f"The database “{db_path}” is damaged (it may have been cut short when the computer "
        "stopped). Restore the latest backup, from 24 November 2026 10:42? The file as it is "
        f"now is kept in “{db_path.parent / 'backups'}”."
    )


def test_restoring_the_latest_backup_at_start_opens_it_and_keeps_the_damaged_file(
    db_path: Path, operations, language, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    error, damaged_bytes = damaged(db_path)
    asked: list[bool] = []

    def answer(message: str, *, has_latest: bool, parent=None) -> Choice:  # type: ignore[no-untyped-def]
        asked.append(has_latest)
        return Choice.LATEST

    monkeypatch.setattr(recovery, "ask_recovery", answer)
    assert offer_recovery(error, db_path, operations=operations) is True
    assert asked == [True]
    services = Services.open(str(db_path))
    try:
        assert sorted(
            row.family_name for row in services.contacts.rows(services.contacts.search(""))
        ) == ["Holst", "Wang"]
    finally:
        services.db.dispose()
    kept = [p for p in (db_path.parent / "backups").iterdir() if "replaced" in p.name]
    assert len(kept) == 1
    assert hashlib.sha256(kept[0].read_bytes()).digest() == hashlib.sha256(damaged_bytes).digest()


def test_quitting_the_offer_leaves_the_file_as_it_was(
    db_path: Path, operations, language, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    error, damaged_bytes = damaged(db_path)
    monkeypatch.setattr(recovery, "ask_recovery", lambda *a, **k: Choice.QUIT)
    assert offer_recovery(error, db_path, operations=operations) is False
    assert db_path.read_bytes() == damaged_bytes
    assert not [p for p in (db_path.parent / "backups").iterdir() if "replaced" in p.name]


def test_a_file_that_is_not_liaison_can_be_replaced_by_a_chosen_backup(
    db_path: Path, tmp_path: Path, operations, language, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere" / "liaison.sqlite3"
    elsewhere.parent.mkdir()
    services = Services.open(str(elsewhere))
    services.contacts.create(ContactDraft(family_name="Dahl"))
    copy = backup_sqlite(services.db, tmp_path / "copy.sqlite3")
    services.db.dispose()
    db_path.write_text("Meeting notes\n" * 40, encoding="utf-8")
    db = Database(db_path)
    try:
        with pytest.raises(NotLiaison) as refused:
            migrate.upgrade(db)
    finally:
        db.dispose()

    answers = iter([Choice.CHOOSE])
    monkeypatch.setattr(recovery, "ask_recovery", lambda *a, **k: next(answers))
    messages: list[bool] = []

    def pick_and_restore(dialog: RestoreDialog) -> int:
        messages.append(dialog.table.rowCount() == 0)  # no backups of this file
        dialog.ask_for_file = lambda: str(copy)  # type: ignore[method-assign]
        dialog.confirm = lambda info: True  # type: ignore[method-assign]
        dialog.choose_button.click()
        dialog.restore_button.click()
        return 1

    monkeypatch.setattr(RestoreDialog, "exec", pick_and_restore)
    assert offer_recovery(refused.value, db_path, operations=operations) is True
    assert messages == [True]
    assert family_names(db_path) == ["Dahl"]
    kept = [p for p in (db_path.parent / "backups").iterdir() if "replaced" in p.name]
    assert [p.read_text(encoding="utf-8") for p in kept] == ["Meeting notes\n" * 40]
