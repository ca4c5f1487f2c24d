"""Undoable contact actions: archive, restore from the archive, delete.

Each command hands its service call to `run` (the page's operation runner), so the work goes
through the operation helper like any other: off the GUI thread, errors told in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.contacts import DeletedContact

Runner = Callable[[Callable[[], Changes]], None]


class ArchiveContacts(QUndoCommand):
    def __init__(
        self, run: Runner, services: Services, ids: list[str], *, archived: bool, text: str
    ) -> None:
        super().__init__(text)
        self._run = run
        self._services = services
        self._ids = list(ids)
        self._archived = archived

    def _apply(self, archived: bool) -> None:
        def work() -> Changes:
            changes = Changes()
            for contact_id in self._ids:
                changes = changes | self._services.contacts.set_archived(contact_id, archived)
            return changes

        self._run(work)

    def redo(self) -> None:
        self._apply(self._archived)

    def undo(self) -> None:
        self._apply(not self._archived)


class DeleteContacts(QUndoCommand):
    """Deleting keeps a full copy of each contact, so that Undo puts it back exactly."""

    def __init__(self, run: Runner, services: Services, ids: list[str], *, text: str) -> None:
        super().__init__(text)
        self._run = run
        self._services = services
        self._ids = list(ids)
        self._deleted: list[DeletedContact] = []

    def redo(self) -> None:
        def work() -> Changes:
            changes = Changes()
            self._deleted = []
            for contact_id in self._ids:
                deleted, changed = self._services.contacts.delete(contact_id)
                self._deleted.append(deleted)
                changes = changes | changed
            return changes

        self._run(work)

    def undo(self) -> None:
        def work() -> Changes:
            changes = Changes()
            for deleted in reversed(self._deleted):
                changes = changes | self._services.contacts.restore(deleted)
            self._deleted = []
            return changes

        self._run(work)
