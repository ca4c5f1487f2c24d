"""Builds the application: QApplication, language, database, services, main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from crm.domain.text import DomainError
from crm.i18n import translator
from crm.logs import configure_logging


def run_app(
    *, database: str | None = None, language: str | None = None, minimized: bool = False
) -> int:
    from crm.services.bundle import Services
    from crm.ui.language import LanguageManager, render
    from crm.ui.main_window import MainWindow
    from crm.ui.operations import Operations
    from crm.ui.reminder_scheduler import ReminderScheduler
    from crm.ui.settings import Settings
    from crm.ui.tray import Tray

    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Liaison")
    app.setOrganizationName("Liaison")
    app.setApplicationDisplayName("Liaison")
    settings = Settings()
    languages = LanguageManager(settings)
    languages.switch(languages.initial_language(language), remember=language is None)
    try:
        services = Services.open(database)
    except DomainError as error:
        QMessageBox.critical(None, "Liaison", render(error))
        print(error.render(translator(languages.language)), file=sys.stderr)
        return 1
    services.agenda.home_country = settings.our_country
    operations = Operations()
    window = MainWindow(services, operations, languages, settings)
    tray = Tray(language=languages.language)
    scheduler = ReminderScheduler(services)
    window.attach_reminders(tray, scheduler)
    # With a tray the app lives on when its window is closed; without one it never hides.
    app.setQuitOnLastWindowClosed(not tray.available)
    if minimized and tray.available:
        pass  # waiting in the tray
    elif minimized:
        window.showMinimized()
    else:
        window.show()
    scheduler.start(settings.reminder_time)
    code = app.exec()
    operations.wait()
    services.db.checkpoint()
    services.db.dispose()
    return code
