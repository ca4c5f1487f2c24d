"""The first run: the language, our city and your name, where the data lives, the daily
reminder and starting at login; then Liaison opens on Today, which offers sample data or an
import.

The app shows the wizard before it opens a database (the Database page decides which one),
and only while `needs_first_run`. Choosing a language switches the whole app at once, the
wizard included, without storing it. Finish stores everything in `Settings` (the database and
its password through the Settings dialog's own `DatabasePage`, starting at login through
`Autostart`) and marks the first run done; the app then opens the database and puts
`answers()` into it with `crm.services.first_run.set_up_office`. Cancel stores nothing: the
language chosen stays for this session only, and the wizard shows again at the next start.

`needs_first_run` lives in `crm.ui.settings`, which every start imports anyway: this module
(with SQLAlchemy behind the Database page) is imported only when the wizard is shown.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QLocale, Qt, QTime
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm.domain.formatting import babel_locale, country_names
from crm.domain.places import country_name, known_countries
from crm.domain.text import DomainError
from crm.paths import resources_dir
from crm.services.autostart import Autostart
from crm.services.connection import database_file
from crm.services.first_run import OfficeAnswers, check_office, office_problems, suggested_name
from crm.ui.dialogs.settings_database import DatabasePage
from crm.ui.language import LANGUAGE_NAMES, LanguageManager
from crm.ui.operations import Operations
from crm.ui.settings import Settings
from crm.ui.widgets.error_label import ErrorLabel, field_column

WELCOME, OFFICE, DATABASE, REMINDERS, SUMMARY = range(5)
ZERO_WIDTH_SPACE = "\u200b"
BUTTONS = (
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
)


class _Page(QWizardPage):
    """A page whose Next (or Finish) waits until `complete()` says yes."""

    def __init__(self, complete: Callable[[], bool] | None = None) -> None:
        super().__init__()
        self._complete = complete

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return super().isComplete() and (self._complete is None or self._complete())


class CountryCombo(QComboBox):
    """Every country, named in the UI language; typing finds one by any part of its name.
    `code()` is the country chosen, or the text typed when it names none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        # As wide in every language, whatever its longest country name.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        completer = self.completer()
        assert completer is not None  # an editable box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def line_edit(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None  # editable
        return line

    def fill(self, language: str, chosen: str) -> None:
        """The names in `language`, the country `chosen` (a code, or text to keep) shown."""
        known = known_countries()
        self.blockSignals(True)
        self.clear()
        for code, name in country_names(language).items():
            if code in known:
                self.addItem(name, code)
        self.blockSignals(False)
        self.choose(chosen)

    def choose(self, code: str) -> None:
        index = self.findData(code.upper()) if code else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)

    def code(self) -> str:
        text = " ".join(self.currentText().split())
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)  # case aside
        if index >= 0:
            return str(self.itemData(index))
        if text.upper() in known_countries():
            return text.upper()
        wanted = text.casefold()
        for language in ("en", "zh_CN"):  # a name in the other language
            for code, name in country_names(language).items():
                if name.casefold() == wanted:
                    return code
        return text


def _system_country() -> str:
    """The country of the system's locale ("nb_NO" → "NO"), if it names one."""
    parts = QLocale.system().name().split("_")
    return parts[1] if len(parts) == 2 and len(parts[1]) == 2 else ""


class FirstRunWizard(QWizard):
    """`answers()` after Finish: what the database needs (your name, our city and country)."""

    def __init__(
        self,
        settings: Settings,
        operations: Operations,
        language: LanguageManager,
        *,
        autostart: Autostart | None = None,
        ask_database: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """`ask_database` False: the database was named on the command line or in
        CRM_DATABASE, so the wizard does not ask where the data lives."""
        super().__init__(parent)
        self._settings = settings
        self._operations = operations
        self._language = language
        self._autostart = autostart if autostart is not None else Autostart()
        self._touched: set[str] = set()
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        icon = QIcon(str(resources_dir() / "icons" / "liaison.svg"))
        self.setWindowIcon(icon)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon.pixmap(48, 48))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # Room for the server's fields with a sentence under them, in either language.
        metrics = self.fontMetrics()
        self.setMinimumSize(metrics.averageCharWidth() * 88, metrics.lineSpacing() * 34)
        self.setPage(WELCOME, self._build_welcome())
        self.setPage(OFFICE, self._build_office())
        self.database: DatabasePage | None = None
        if ask_database:
            self.setPage(DATABASE, self._build_database())
        self.setPage(REMINDERS, self._build_reminders())
        self.setPage(SUMMARY, self._build_summary())
        self.currentIdChanged.connect(self._page_shown)
        self._show_settings()
        self.retranslate()

    # Building ----------------------------------------------------------------------------
    def _build_welcome(self) -> QWizardPage:
        self.welcome_page = _Page()
        self.welcome_text = QLabel()
        self.welcome_text.setWordWrap(True)
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_combo)
        # The language first: whoever does not read the one shown finds theirs at once.
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(self.welcome_page)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(self.welcome_text)
        layout.addStretch(1)
        return self.welcome_page

    def _build_office(self) -> QWizardPage:
        self.office_page = _Page(lambda: not self.office_problems())
        self.city_edit, self.city_zh_edit, self.my_name_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.country_combo = CountryCombo()
        self.my_name_hint = QLabel()
        self.my_name_hint.setWordWrap(True)
        self.office_error = ErrorLabel()
        self.office_labels: dict[QWidget, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in (self.city_edit, self.city_zh_edit, self.country_combo, self.my_name_edit):
            label = QLabel()
            label.setBuddy(field)
            self.office_labels[field] = label
            if field is self.my_name_edit:
                form.addRow(label, field_column(field, self.my_name_hint))
            else:
                form.addRow(label, field)
        layout = QVBoxLayout(self.office_page)
        layout.addLayout(form)
        layout.addWidget(self.office_error)
        layout.addStretch(1)
        touched = {self.city_edit: "city", self.city_zh_edit: "city", self.my_name_edit: "my_name"}
        for edit, name in touched.items():
            edit.textEdited.connect(lambda _text, n=name: self._office_edited(n))
        # A country is judged once chosen or left, not at each letter of its name.
        country = self.country_combo.line_edit()
        country.textEdited.connect(lambda _text: self._office_edited(None))
        country.editingFinished.connect(lambda: self._office_edited("country"))
        self.country_combo.activated.connect(lambda _index: self._office_edited("country"))
        self._tab_order(self.city_edit, self.city_zh_edit, self.country_combo, self.my_name_edit)
        return self.office_page

    def _build_database(self) -> QWizardPage:
        self.database = page = DatabasePage(self._settings, None, self._operations)
        self.database_page = _Page(lambda: self._database_problem() is None)
        layout = QVBoxLayout(self.database_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        # After the page's own slots, which clear its error at every edit.
        page.local_radio.toggled.connect(self._database_edited)
        for edit in (page.host_edit, page.database_edit, page.user_edit, page.password_edit):
            edit.textChanged.connect(self._database_edited)
        page.port_spin.valueChanged.connect(self._database_edited)
        self._tab_order(*page.focus_chain())
        return self.database_page

    def _build_reminders(self) -> QWizardPage:
        self.reminders_page = _Page()
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_label = QLabel()
        self.time_label.setBuddy(self.time_edit)
        self.autostart_check = QCheckBox()
        self.autostart_hint = QLabel()
        self.autostart_hint.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.time_label, self.time_edit)
        layout = QVBoxLayout(self.reminders_page)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(self.autostart_check)
        layout.addWidget(self.autostart_hint)
        layout.addStretch(1)
        self._tab_order(self.time_edit, self.autostart_check)
        return self.reminders_page

    def _build_summary(self) -> QWizardPage:
        self.summary_page = _Page()
        self.summary_keys = ("language", "city", "country", "my_name", "database", "reminders")
        self.summary_labels = {key: QLabel() for key in self.summary_keys}
        self.summary_values = {key: QLabel() for key in self.summary_keys}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in self.summary_keys:
            value = self.summary_values[key]
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.summary_labels[key], value)
        self.summary_next = QLabel()
        self.summary_next.setWordWrap(True)
        self.finish_error = ErrorLabel()
        layout = QVBoxLayout(self.summary_page)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(self.summary_next)
        layout.addWidget(self.finish_error)
        layout.addStretch(1)
        return self.summary_page

    def _tab_order(self, *fields: QWidget) -> None:
        for first, second in zip(fields, fields[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # Showing what is stored --------------------------------------------------------------
    def _show_settings(self) -> None:
        settings = self._settings
        self.language_combo.setCurrentIndex(
            max(self.language_combo.findData(self._language.language), 0)
        )
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.city_edit.setText(settings.our_city)
        self.city_zh_edit.setText(settings.our_city_zh)
        self.country_combo.fill(self._language.language, settings.our_country or _system_country())
        self.my_name_edit.setText(settings.my_name or settings.sender_name or suggested_name())
        at = settings.reminder_time
        self.time_edit.setTime(QTime(at.hour, at.minute))
        # Started at login, Liaison reminds without being opened: what it is for.
        self.autostart_check.setChecked(True)

    # The pages ---------------------------------------------------------------------------
    def _language_chosen(self) -> None:
        code = str(self.language_combo.currentData())
        if code != self._language.language:
            # Stored at Finish; the wizard hears LanguageChange like every window.
            self._language.switch(code, remember=False)

    def office_problems(self) -> list[DomainError]:
        return office_problems(
            my_name=self.my_name_edit.text(),
            city=self.city_edit.text(),
            city_zh=self.city_zh_edit.text(),
            country=self.country_combo.code(),
        )

    def _office_edited(self, field: str | None) -> None:
        if field is not None:
            self._touched.add(field)
        self._show_office_problem()
        self.office_page.completeChanged.emit()

    def _show_office_problem(self) -> None:
        """The first problem of a field the user has been at, in one sentence."""
        shown = [p for p in self.office_problems() if p.field in self._touched]
        self.office_error.set_error(shown[0] if shown else None)

    def _database_problem(self) -> DomainError | None:
        if self.database is None:
            return None
        try:
            self.database.chosen_address()
        except DomainError as error:
            return error
        return None

    def _database_edited(self) -> None:
        assert self.database is not None
        self.database.server_error.set_error(self._database_problem())
        self.database_page.completeChanged.emit()

    def _page_shown(self, page_id: int) -> None:
        if page_id == OFFICE:
            self.city_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page_id == SUMMARY:
            self.finish_error.set_error(None)
            self._fill_summary()

    def _fill_summary(self) -> None:
        values = self.summary_values
        values["language"].setText(LANGUAGE_NAMES[self._language.language])
        city, city_zh = self.city_edit.text().strip(), "".join(self.city_zh_edit.text().split())
        values["city"].setText(f"{city} ({city_zh})" if city and city_zh else city or city_zh)
        values["country"].setText(
            country_name(self.country_combo.code(), babel_locale(self._language.language))
        )
        values["my_name"].setText(" ".join(self.my_name_edit.text().split()))
        values["database"].setText(self._database_summary())
        at = self.time_edit.time().toString("HH:mm")
        if self.autostart_check.isChecked():
            reminders = self.tr("Every day at {time}; Liaison starts when you log in.")
        else:
            reminders = self.tr("Every day at {time}, while Liaison is running.")
        values["reminders"].setText(reminders.format(time=at))

    def _database_summary(self) -> str:
        page = self.database
        if page is None:
            return self.tr("As given when Liaison was started")
        if page.local_radio.isChecked():
            path = str(database_file(page.chosen_address()) or "")
            # A long path may wrap after any of its separators.
            path = path.replace(os.sep, os.sep + ZERO_WIDTH_SPACE)
            return self.tr("On this computer, in {path}").format(path=path)
        try:
            address = page.chosen_address()
        except DomainError:
            address = ""
        return self.tr("On the office's server: {address}").format(address=address)

    # Finishing ---------------------------------------------------------------------------
    def accept(self) -> None:
        """Store everything, what may be refused first (starting at login, then a server's
        password in the keyring): on a refusal the wizard stays open on its summary, saying
        why, and nothing else is stored (what was already set up stays so)."""
        if not self._apply_autostart() or not self._apply_database():
            return
        settings = self._settings
        answers = self.answers()
        settings.language = self._language.language
        settings.my_name = answers.my_name
        settings.our_city = answers.city
        settings.our_city_zh = answers.city_zh
        settings.our_country = answers.country
        at = self.time_edit.time()
        settings.reminder_time = dt.time(at.hour(), at.minute())
        settings.first_run_done = True
        settings.sync()
        super().accept()

    def _apply_autostart(self) -> bool:
        wanted = self.autostart_check.isChecked()
        try:
            if wanted != self._autostart.is_enabled():
                if wanted:
                    self._autostart.enable()
                else:
                    self._autostart.disable()
        except DomainError as error:
            self.finish_error.set_error(error)
            return False
        return True

    def _apply_database(self) -> bool:
        """The database page stores the choice, and a server's password in the keyring."""
        if self.database is None or self.database.apply():
            return True
        self.finish_error.set_error(self.database.server_error.error)
        return False

    def answers(self) -> OfficeAnswers:
        """What the database needs from the wizard, tidied; a DomainError while the Our
        office page has a problem (Finish waits until it has none)."""
        return check_office(
            my_name=self.my_name_edit.text(),
            city=self.city_edit.text(),
            city_zh=self.city_zh_edit.text(),
            country=self.country_combo.code(),
        )

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Liaison"))
        # Qt translates its buttons, but shows the new words only on the next page.
        for which in BUTTONS:
            self.button(which).setText(self.buttonText(which))
        self.welcome_page.setTitle(self.tr("Welcome to Liaison"))
        self.welcome_page.setSubTitle(
            self.tr("A few questions to set Liaison up for your office: it takes a minute.")
        )
        self.welcome_text.setText(
            self.tr(
                "Liaison keeps your city's partnerships alive: the people behind them, in "
                "Latin letters and in Chinese, the agreements, the visits both ways, and the "
                "anniversaries, birthdays and festivals to greet them on. Everything you set "
                "up here can be changed later in File › Settings."
            )
        )
        self.language_label.setText(self.tr("&Language:"))
        self._retranslate_office()
        if self.database is not None:
            self.database_page.setTitle(self.tr("Database"))
            self.database_page.setSubTitle(
                self.tr(
                    "On this computer, for you alone; or in your office's shared database on a "
                    "server, so that colleagues work on the same contacts and partnerships."
                )
            )
        self.reminders_page.setTitle(self.tr("Reminders"))
        self.reminders_page.setSubTitle(
            self.tr(
                "Every day Liaison looks for what is coming: anniversaries, birthdays, "
                "festivals, follow-ups and partners not heard from for a long time."
            )
        )
        self.time_label.setText(self.tr("Check for reminders every &day at:"))
        self.autostart_check.setText(self.tr("&Start Liaison when I log in"))
        self.autostart_hint.setText(
            self.tr(
                "Liaison then waits in the tray and tells you of new reminders without being "
                "opened."
            )
        )
        self._retranslate_summary()
        self.office_error.retranslate()
        self.finish_error.retranslate()

    def _retranslate_office(self) -> None:
        self.office_page.setTitle(self.tr("Our office"))
        self.office_page.setSubTitle(
            self.tr("The city your office works for, and your name as colleagues will see it.")
        )
        labels = {
            self.city_edit: self.tr("Our &city:"),
            self.city_zh_edit: self.tr("Our city in C&hinese:"),
            self.country_combo: self.tr("C&ountry:"),
            self.my_name_edit: self.tr("&Your name:"),
        }
        for field, text in labels.items():
            self.office_labels[field].setText(text)
        self.city_edit.setPlaceholderText("Stavanger")
        self.city_zh_edit.setPlaceholderText("斯塔万格")
        self.country_combo.line_edit().setPlaceholderText(self.tr("Type to find it, e.g. Norway"))
        self.country_combo.fill(self._language.language, self.country_combo.code())
        self.my_name_hint.setText(
            self.tr(
                "You become a member of staff: what you add is yours to look after, and "
                "colleagues see your name on what you change."
            )
        )
        self._show_office_problem()

    def _retranslate_summary(self) -> None:
        self.summary_page.setTitle(self.tr("Ready to start"))
        self.summary_page.setSubTitle(
            self.tr("Liaison starts with these settings. File › Settings changes any of them.")
        )
        labels = {
            "language": self.tr("Language:"),
            "city": self.tr("Our city:"),
            "country": self.tr("Country:"),
            "my_name": self.tr("Your name:"),
            "database": self.tr("Database:"),
            "reminders": self.tr("Reminders:"),
        }
        for key, text in labels.items():
            self.summary_labels[key].setText(text)
        self.summary_next.setText(
            self.tr(
                "Press Finish to open Liaison. Its Today page then offers a sample office to "
                "look around in, or to import your address book."
            )
        )
        if self.currentId() == SUMMARY:
            self._fill_summary()
