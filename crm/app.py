"""Builds the application: the window first, then the database, the services and the pages.

Someone who starts Liaison wants to see it. The window (its menus and an "opening" pane) needs
only Qt and the settings, so it is shown first; SQLAlchemy, the services and the pages, whose
imports alone take longer than showing a window, and the opening of the database with its
schema check, follow the window's first paint, on the GUI thread, and fill it. With
`--minimized` nobody is waiting for the window: everything is opened before it is shown, as
the tray needs it.

Before all that, a start asks whether Liaison already runs on the same database, and if so
hands over to it and ends (crm/ui/single_instance.py). Once the QApplication exists, faults of
ours go to one hook that logs them and says so in a dialog (crm/ui/error_dialog.py).

LIAISON_STARTUP_PROBE=FILE makes a start measure itself for the scale benchmark
(`benchmarks/scale.py`): see `StartupProbe`.
"""

from __future__ import annotations

import faulthandler
import json
import linecache
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm.logs import configure_logging

if TYPE_CHECKING:
    from crm.services.bundle import Services
    from crm.services.first_run import OfficeAnswers
    from crm.ui.language import LanguageManager
    from crm.ui.main_window import MainWindow
    from crm.ui.operations import Operations
    from crm.ui.settings import Settings

logger = logging.getLogger("crm.app")

PROBE_VARIABLE = "LIAISON_STARTUP_PROBE"
DESKTOP_ID = "io.github.liaison_crm.Liaison"
# Should the window system never expose the window (on another workspace, say), the database is
# opened after this long all the same.
UNPAINTED_START_MS = 500
# How often a running app looks whether today's backup is still to be made.
BACKUP_CHECK_MS = 3 * 60 * 60 * 1000


def run_app(
    *, database: str | None = None, language: str | None = None, minimized: bool = False
) -> int:
    from crm.ui.pyside_feature import lighten
    from crm.ui.settings import Settings, needs_first_run
    from crm.ui.single_instance import MINIMIZED, SHOW, hand_over, server_name

    lighten()  # before the heavy imports: see crm/ui/pyside_feature.py

    log_file = configure_logging()
    settings = Settings()
    # Liaison already running on this database takes over (see crm/ui/single_instance.py):
    # asked before anything heavy is imported, so that a second start ends at once.
    instance = server_name(database or os.environ.get("CRM_DATABASE") or settings.database)
    message = MINIMIZED if minimized else SHOW
    if hand_over(message, instance):
        logger.info("Liaison already runs on this database: handed over (%s)", message)
        return 0

    from crm.ui.error_dialog import install_excepthook
    from crm.ui.language import LanguageManager
    from crm.ui.main_window import MainWindow
    from crm.ui.operations import Operations
    from crm.ui.single_instance import bring_to_front, start_server

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    server = start_server(instance, message, app)
    if server is None:  # another start got there first, and has the message
        return 0
    errors = install_excepthook(log_file=log_file)
    window: MainWindow | None = None
    probe_file = os.environ.get(PROBE_VARIABLE, "")
    try:
        app.setApplicationName("Liaison")
        app.setOrganizationName("Liaison")
        app.setApplicationDisplayName("Liaison")
        app.setDesktopFileName(DESKTOP_ID)  # the desktop matches the window to its menu entry
        languages = LanguageManager(settings)
        languages.switch(languages.initial_language(language), remember=language is None)
        operations = Operations()
        office = None
        # Nobody is there to answer at a login start, nor in a measured one.
        if not minimized and not probe_file and needs_first_run(settings):
            office = _first_run(settings, operations, languages, database)
        if database is None and not os.environ.get("CRM_DATABASE"):
            from crm.ui.settings import database_url_with_password

            database = database_url_with_password(settings) or None  # Settings › Database
        window = MainWindow(None, operations, languages, settings)
        errors.window = window

        def later_start(said: str) -> None:
            # "show" brings the window forward, out of the tray if need be; "minimized" (the
            # login start of someone who opened Liaison already) changes nothing.
            if said == SHOW:
                bring_to_front(window)

        server.message_received.connect(later_start)
        startup = Startup(window, database=database, languages=languages, settings=settings)
        startup.office = office
        if probe_file:
            startup.probe = StartupProbe(window, probe_file)
            errors.on_error = startup.probe.refuse_error
        if minimized:
            try:
                opened = startup.start(minimized=True)
            except Exception as error:  # no event loop yet to take it to the hook
                errors.excepthook(type(error), error, error.__traceback__)
                opened = False
            if not opened:
                errors.wait_for_dialog()
                return 1
        else:
            window.show()
            AfterFirstPaint(window, startup.start_or_quit)
        code = app.exec()
        operations.close()
        if startup.services is None:
            errors.wait_for_dialog()  # a fault that ended the start is read before we go
            return 1
        startup.services.db.checkpoint()
        startup.services.db.dispose()
        return code
    finally:
        if window is not None:  # gone with the process, but not with a run in a test's
            window.hide()
            window.deleteLater()
        server.close()
        server.deleteLater()
        errors.uninstall()
        errors.deleteLater()
        if probe_file:
            faulthandler.cancel_dump_traceback_later()  # the measured start has ended


def _first_run(
    settings: Settings, operations: Operations, languages: LanguageManager, database: str | None
) -> OfficeAnswers | None:
    """The first-run wizard, before the window: our office, who the user is, the language,
    where the database lives, the reminders. What it answers about our office is written to
    the database once it is open (`Startup.start`); the rest is in the settings already.
    None when it is cancelled: Liaison starts with its defaults and asks again next time."""
    from PySide6.QtWidgets import QDialog

    from crm.ui.dialogs.first_run_wizard import FirstRunWizard

    named = database is not None or bool(os.environ.get("CRM_DATABASE"))
    wizard = FirstRunWizard(settings, operations, languages, ask_database=not named)
    try:
        if wizard.exec() == QDialog.DialogCode.Accepted:
            return wizard.answers()
        return None
    finally:
        wizard.deleteLater()


def _open_services(
    database: str | None, *, language: str, parent: QWidget | None
) -> Services | None:
    """The services over the database (created, or upgraded after a backup, as need be); None
    when it cannot be opened, once the user has been told why in one sentence: in a message
    box, and on stderr for whoever started Liaison from a shell. The one place the app opens
    its database."""
    from crm.domain.text import DomainError
    from crm.i18n import translator
    from crm.services.bundle import Services
    from crm.store.errors import DamagedDatabase, NotLiaison
    from crm.ui.language import render

    while True:
        try:
            return Services.open(database)
        except (DamagedDatabase, NotLiaison) as error:
            # A file cut short when the computer stopped, or not ours: the latest backup (or
            # another chosen one) is offered, the file itself kept aside; then open again.
            from crm.ui.recovery import offer_recovery

            if error.path is not None and offer_recovery(error, error.path, parent):
                continue
            print(error.render(translator(language)), file=sys.stderr)
            return None
        except DomainError as error:
            QMessageBox.critical(parent, "Liaison", render(error))
            print(error.render(translator(language)), file=sys.stderr)
            return None


class Startup:
    """The second half of a start: the database, the pages, the tray and the daily check."""

    def __init__(
        self,
        window: MainWindow,
        *,
        database: str | None,
        languages: LanguageManager,
        settings: Settings,
    ) -> None:
        self.window = window
        self.database = database
        self.languages = languages
        self.settings = settings
        self.services: Services | None = None
        self.probe: StartupProbe | None = None
        # What the first-run wizard answered about our office, for the database once open.
        self.office: OfficeAnswers | None = None

    def start_or_quit(self) -> None:
        """`start` from the running event loop, which it ends (with 1) if the database could
        not be opened, or on a fault of ours: never a window left "opening" for ever."""
        try:
            opened = self.start()
        except BaseException:
            QApplication.exit(1)
            raise
        if not opened:
            QApplication.exit(1)

    def start(self, *, minimized: bool = False) -> bool:
        """Open the database and fill the window; False if the database could not be opened
        (the user has been told why)."""
        if self.probe is not None:
            self.probe.mark("shown")
        window = self.window
        services = _open_services(
            self.database, language=self.languages.language, parent=None if minimized else window
        )
        if services is None:
            window.hide()
            return False
        from crm.ui.reminder_scheduler import ReminderScheduler
        from crm.ui.tray import Tray

        self.services = services
        if self.office is not None:
            from crm.services.first_run import set_up_answers

            set_up_answers(services.db, self.office)  # our city and the user, as staff
            self.office = None
        services.agenda.home_country = self.settings.our_country
        window.open_services(services)
        # Lines of source read so far (PySide6's own check of each import keeps every line,
        # should `lighten` not have replaced it; see crm/ui/pyside_feature.py): nothing needs
        # them once the pages are built.
        linecache.clearcache()
        tray = Tray(language=self.languages.language)
        scheduler = ReminderScheduler(services)
        window.attach_reminders(tray, scheduler)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # With a tray the app lives on when its window is closed; without one it never hides.
        app.setQuitOnLastWindowClosed(not tray.available)
        if minimized and not tray.available:
            window.showMinimized()
        scheduler.start(self.settings.reminder_time)
        self._daily_backup(services)
        self._take_in_old_files(services)
        if self.probe is not None:
            self.probe.opened()
        return True

    def _daily_backup(self, services: Services) -> None:
        """Today's copy of a SQLite file, if none is dated today, on the worker; again every
        few hours for an app left running for days. A failed backup is said once, in the
        status bar: the work goes on."""
        services.backups.keep = self.settings.backup_keep
        if not self.settings.automatic_backups or services.db.path is None:
            return
        window = self.window

        def run() -> None:
            if self.settings.automatic_backups:
                window.run_daily_backup()

        run()
        timer = QTimer(window)
        timer.setInterval(BACKUP_CHECK_MS)
        timer.timeout.connect(run)
        timer.start()

    def _take_in_old_files(self, services: Services) -> None:
        """Documents and photos this desktop kept in its data folder before they were kept in
        the database, taken in on the worker, so that colleagues on the same server open them
        too. Only a desktop that has such a folder looks."""
        from crm.store.legacy_files import has_old_files, legacy_folder

        if has_old_files(legacy_folder(services.db.engine.url)):
            self.window.take_in_old_files()


class AfterFirstPaint(QObject):
    """Calls `then` once, right after the window's first paint has reached the screen (or after
    UNPAINTED_START_MS if it never paints)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_START_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._run)  # once this paint is flushed, not inside it
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.removeEventFilter(self)
        self._then()


class StartupProbe(QObject):
    """Measures a start, then quits: appends one JSON line to FILE with the wall-clock times
    (`time.time()`) at which the window was shown, the database opened and the pages built,
    the agenda read, and the Contacts page shown with its first rows; and the memory then
    (resident now and at most, in MB). The benchmark subtracts the time it launched us at.

    Nobody answers anything in a measured start, and whoever measures it must learn why one
    did not finish, not wait for ever:
    - a dialog that appears (a message, a wizard) is written to FILE as `{"dialog": …}` and the
      process ends with status 3 at once;
    - an unexpected error is written to FILE as `{"error": …}`, its traceback to stderr, and
      the process ends with status 4 (`refuse_error`, which the app's error hook calls);
    - a start that has not finished after GIVE_UP_S quits with what it has;
    - should the GUI thread itself be stuck, every thread's stack is written to stderr after
      WATCHDOG_S and the process ends (faulthandler: no Python code of ours needs to run);
    - so too, QUIT_WATCHDOG_S after the figures are written, should the app not have ended
      by then (the figures stand; the stacks say what held the app up)."""

    POLL_MS = 10
    GIVE_UP_S = 120
    WATCHDOG_S = 150  # under the bundle smoke test's 180 s
    QUIT_WATCHDOG_S = 60
    DIALOG_EXIT_STATUS = 3
    ERROR_EXIT_STATUS = 4

    def __init__(self, window: MainWindow, path: str) -> None:
        super().__init__(window)
        self._window = window
        self._path = path
        self._figures: dict[str, Any] = {"pid": os.getpid()}
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._dialogs = QTimer(self)
        self._dialogs.setInterval(100)
        self._dialogs.timeout.connect(self._refuse_dialogs)
        self._dialogs.start()
        QTimer.singleShot(self.GIVE_UP_S * 1000, self, self._finish)
        _watchdog(self.WATCHDOG_S)

    def _write(self) -> None:
        """The figures so far, as one more line of FILE."""
        with open(self._path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(self._figures) + "\n")

    def _refuse_dialogs(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        texts = [dialog.windowTitle()]
        text = getattr(dialog, "text", None)
        if callable(text):
            texts.append(str(text()))
        self._figures["dialog"] = " — ".join(t for t in texts if t) or type(dialog).__name__
        self._end(f"a dialog appeared: {self._figures['dialog']}", self.DIALOG_EXIT_STATUS)

    def refuse_error(self, details: str) -> None:
        """An unexpected error (its formatted traceback): said, and the start ends."""
        lines = details.strip().splitlines()
        self._figures["error"] = lines[-1] if lines else "?"
        self._end(f"an unexpected error:\n{details}", self.ERROR_EXIT_STATUS)

    def _end(self, what: str, status: int) -> None:
        self._write()
        if sys.stderr is not None:
            print(f"startup probe: {what}", file=sys.stderr)
            sys.stderr.flush()
        os._exit(status)

    def mark(self, name: str) -> None:
        self._figures.setdefault(name, time.time())

    def opened(self) -> None:
        self.mark("opened")
        self._write()  # how far it got, should it go no further
        window = self._window
        window.show_page(window.pages.indexOf(window.contacts_page))
        self._timer.start()

    def _poll(self) -> None:
        window = self._window
        if window.today_page.loaded:
            self.mark("agenda")
        model = window.contacts_page.model
        if model.rowCount() == 0 or model.cached_rows() > 0:
            self.mark("contacts")
        if "agenda" in self._figures and "contacts" in self._figures:
            self._finish()

    def _finish(self) -> None:
        """The figures written (as far as they go), and the app ends."""
        if "contact_rows" in self._figures:
            return  # finished already
        _watchdog(self.QUIT_WATCHDOG_S)
        window = self._window
        model = window.contacts_page.model
        self._timer.stop()
        self._dialogs.stop()
        self._figures["contact_rows"] = model.rowCount()
        self._figures["rss_mb"] = current_rss_mb()
        # Resident memory of our own (the heap) and of mapped files (Qt's libraries, ICU's
        # data, fonts: shared with every other Qt program running).
        self._figures["rss_anon_mb"] = current_rss_mb("RssAnon")
        self._figures["rss_file_mb"] = current_rss_mb("RssFile")
        self._figures["max_rss_mb"] = peak_rss_mb()
        self._write()
        window.quit()


def _watchdog(seconds: int) -> None:
    """In `seconds`, unless called again first: every thread's stack to stderr, and the end
    of the process. Not where stderr is no file (a windowed program on Windows)."""
    try:
        faulthandler.dump_traceback_later(seconds, exit=True, file=sys.stderr)
    except (AttributeError, ValueError, OSError, RuntimeError):  # None, or no descriptor
        logger.info("no stderr to write a stuck start's stacks to: no watchdog")


def peak_rss_mb() -> float | None:
    """The most memory resident at any time so far (Unix), in MB."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb(field: str = "VmRSS") -> float | None:
    """The resident set now (Linux), in MB, or one of its parts (RssAnon, RssFile); None
    where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None
