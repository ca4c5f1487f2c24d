"""The office's own words for a greeting: one occasion in one language, edited with a live preview
for a chosen contact.

The shipped templates stay as they are (resources/greetings); saving stores the office's own in
the database, and "Restore the original" removes it again. The preview renders the words being
typed, not yet saved, for the chosen contact: the contact is read through the greeting service
once, the rendering itself is the domain's and needs no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm.domain.greetings import (
    GREETING_OCCASIONS,
    TEMPLATE_LANGUAGES,
    TEMPLATE_VARIABLES,
    GreetingTemplate,
    render_greeting,
    validate_template,
)
from crm.domain.text import DomainError, Text, ValidationErrors
from crm.services.bundle import Services
from crm.services.greetings import OCCASION_LABELS, Campaign, CampaignRecipient, GreetingService
from crm.ui.language import LANGUAGE_NAMES, qt_translate, render
from crm.ui.operations import Operations, describe_error
from crm.ui.questions import ask_to_discard
from crm.ui.settings import Settings
from crm.ui.widgets.contact_picker import _ContactPicker
from crm.ui.widgets.error_label import ErrorLabel

PREVIEW_DELAY_MS = 300


def greeting_service(services: Services) -> GreetingService:
    """The bundle's greeting service once it has one; until then one over its database."""
    found = getattr(services, "greetings", None)
    return found if isinstance(found, GreetingService) else GreetingService(services.db)


def campaign_for(settings: Settings | None, occasion: str, year: int, **filters: Any) -> Campaign:
    """A campaign signed as Settings says, for `filters` (the other fields of `Campaign`)."""
    if settings is None:
        return Campaign(occasion, year, translate=qt_translate, **filters)
    return Campaign(
        occasion,
        year,
        sender_name=settings.sender_name,
        sender_title=settings.sender_title,
        sender_name_zh=settings.sender_name_zh,
        sender_title_zh=settings.sender_title_zh,
        sender_address=settings.sender_address,
        our_city=settings.our_city,
        our_city_zh=settings.our_city_zh,
        translate=qt_translate,
        **filters,
    )


def occasion_name(occasion: str) -> str:
    return render(OCCASION_LABELS.get(occasion, OCCASION_LABELS["free"]))


class _AnyExtra(dict[str, Any]):
    """`extra` of a preview outside a campaign: what a campaign fills in shows as "…"."""

    def __missing__(self, key: str) -> str:
        return "…"


class ProblemsLabel(ErrorLabel):
    """What is wrong with the template, one sentence a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Text] = []

    @property
    def problems(self) -> list[Text]:
        return list(self._problems)

    def set_problems(self, problems: list[Text]) -> None:
        self._problems = list(problems)
        self.retranslate()

    def retranslate(self) -> None:
        text = "\n".join(render(problem) for problem in self._problems)
        self.setText(text)
        self.setVisible(bool(text))


class VariableList(QListWidget):
    """The variables a template may use; a click, Enter or Space chooses one."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for name in TEMPLATE_VARIABLES:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.addItem(item)
        self.itemClicked.connect(self._clicked)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        item = self.currentItem()
        if event.key() in keys and item is not None:
            self._clicked(item)
            return
        super().keyPressEvent(event)


class TemplateEditor(QDialog):
    """`saved(occasion, language)` fires when the office's words were saved or restored."""

    saved = Signal(str, str)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        occasion: str,
        language: str,
        contact_id: str | None = None,
        campaign: Campaign | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`campaign` (the wizard's) or else `settings` give the preview its year and sender."""
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._greetings = greeting_service(services)
        year = campaign.year if campaign is not None else dt.date.today().year
        self._campaign = campaign or campaign_for(settings, occasion, year)
        self._occasion = occasion if occasion in GREETING_OCCASIONS else "free"
        self._language = language if language in TEMPLATE_LANGUAGES else "en"
        self._loaded: GreetingTemplate | None = None
        self._customised = False
        self._busy = False
        self._person: CampaignRecipient | None = None
        self._person_key: tuple[str, str] | None = None
        self._preview_error: str | None = None
        self._build()
        self.retranslate()
        self._load()
        if contact_id:
            self.contact_picker.set_selected(contact_id)
        self.contact_picker.currentIndexChanged.connect(lambda _index: self._contact_changed())
        self._contact_changed()

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.occasion_combo = QComboBox()
        for code in GREETING_OCCASIONS:
            self.occasion_combo.addItem("", code)
        self.occasion_combo.setCurrentIndex(self.occasion_combo.findData(self._occasion))
        self.language_combo = QComboBox()
        for code in TEMPLATE_LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self._language))
        self.occasion_combo.currentIndexChanged.connect(self._choice_changed)
        self.language_combo.currentIndexChanged.connect(self._choice_changed)
        self.occasion_label, self.language_label = QLabel(), QLabel()
        self.occasion_label.setBuddy(self.occasion_combo)
        self.language_label.setBuddy(self.language_combo)
        choices = QHBoxLayout()
        choices.addWidget(self.occasion_label)
        choices.addWidget(self.occasion_combo, 1)
        choices.addSpacing(12)
        choices.addWidget(self.language_label)
        choices.addWidget(self.language_combo)

        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.subject_label, self.body_label = QLabel(), QLabel()
        self.subject_label.setBuddy(self.subject_edit)
        self.body_label.setBuddy(self.body_edit)
        self.problems_label = ProblemsLabel()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self._target: QLineEdit | QPlainTextEdit = self.body_edit
        for edit in (self.subject_edit, self.body_edit):
            edit.installEventFilter(self)
        self.subject_edit.textChanged.connect(self._edited)
        self.body_edit.textChanged.connect(self._edited)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.subject_label)
        editor_layout.addWidget(self.subject_edit)
        editor_layout.addWidget(self.body_label)
        editor_layout.addWidget(self.body_edit, 1)
        editor_layout.addWidget(self.problems_label)
        editor_layout.addWidget(self.status_label)

        self.variables = VariableList()
        self.variables.chosen.connect(self.insert_variable)
        self.variables_label = QLabel()
        self.variables_label.setWordWrap(True)
        self.variables_label.setBuddy(self.variables)
        variables = QWidget()
        variables_layout = QVBoxLayout(variables)
        variables_layout.setContentsMargins(0, 0, 0, 0)
        variables_layout.addWidget(self.variables_label)
        variables_layout.addWidget(self.variables, 1)
        self.variables.setMinimumWidth(self.fontMetrics().horizontalAdvance("sender_title_zh") + 40)

        self.contact_picker = _ContactPicker(self._services.contacts, exclude=None)
        self.contact_label = QLabel()
        self.contact_label.setBuddy(self.contact_picker)
        # One line however long: a read-only box scrolls where a label would be cut.
        self.preview_subject = QLineEdit()
        self.preview_subject.setReadOnly(True)
        self.preview_subject.setFrame(False)
        self.preview_subject.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.preview_subject_label = QLabel()
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
        self.preview_error = ErrorLabel()
        self.preview_hint = QLabel()
        self.preview_hint.setWordWrap(True)
        self.preview_hint.hide()
        preview_form = QFormLayout()
        preview_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        preview_form.addRow(self.contact_label, self.contact_picker)
        preview_form.addRow(self.preview_subject_label, self.preview_subject)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addLayout(preview_form)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.preview_hint)
        preview_layout.addWidget(self.preview_error)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(editor)
        splitter.addWidget(variables)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 3)

        self.restore_button = QPushButton()
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_original)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        assert self.save_button is not None and self.close_button is not None
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)
        chain: list[QWidget] = [
            self.occasion_combo,
            self.language_combo,
            self.subject_edit,
            self.body_edit,
            self.variables,
            self.contact_picker,
            self.preview,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.body_edit.setTabChangesFocus(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject_edit, self.body_edit):
            self._target = self.subject_edit if watched is self.subject_edit else self.body_edit
        return super().eventFilter(watched, event)

    # The template ------------------------------------------------------------------------
    @property
    def occasion(self) -> str:
        return self._occasion

    @property
    def language(self) -> str:
        return self._language

    def _load(self) -> None:
        occasion, language = self._occasion, self._language
        greetings = self._greetings

        def read() -> tuple[GreetingTemplate | None, bool]:
            return greetings.template(occasion, language), greetings.is_customised(
                occasion, language
            )

        self._operations.run(read, on_success=self._show_template, parent=self)

    def _show_template(self, result: tuple[GreetingTemplate | None, bool]) -> None:
        template, customised = result
        if template is None:
            template = GreetingTemplate(self._occasion, self._language, "", "")
        self._loaded = template
        self._customised = customised
        self.subject_edit.setText(template.subject)
        self.body_edit.setPlainText(template.body)
        self.refresh()

    def edited_template(self) -> GreetingTemplate:
        return GreetingTemplate(
            self._occasion, self._language, self.subject_edit.text(), self.body_edit.toPlainText()
        )

    def is_dirty(self) -> bool:
        if self._loaded is None:
            return False
        shown = self.edited_template()
        return (shown.subject, shown.body) != (self._loaded.subject, self._loaded.body)

    def _edited(self) -> None:
        self._update_buttons()
        self._timer.start()

    def insert_variable(self, name: str) -> None:
        """`{{ name }}` where the cursor was, in the subject or the text."""
        words = "{{ " + name + " }}"
        if isinstance(self._target, QLineEdit):
            self._target.insert(words)
        else:
            self._target.insertPlainText(words)
        self._target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choice_changed(self) -> None:
        occasion = str(self.occasion_combo.currentData())
        language = str(self.language_combo.currentData())
        if (occasion, language) == (self._occasion, self._language):
            return
        if self.is_dirty() and not self.confirm_discard():
            for combo, value in (
                (self.occasion_combo, self._occasion),
                (self.language_combo, self._language),
            ):
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(value))
                combo.blockSignals(False)
            return
        occasion_changed = occasion != self._occasion
        self._occasion, self._language = occasion, language
        self._loaded = None
        self.retranslate()
        self._load()
        if occasion_changed:
            self._contact_changed()

    # Checking and previewing -------------------------------------------------------------
    def refresh(self) -> None:
        """Check the words and preview them (after a pause in typing, or at once)."""
        self._timer.stop()
        template = self.edited_template()
        problems = validate_template(template.subject, template.body)
        self.problems_label.set_problems(problems)
        self._update_buttons()
        self._render_preview(template if not problems else None)

    def _contact_changed(self) -> None:
        contact_id = self.contact_picker.selected_id()
        self._person = None
        self._preview_error = None
        if contact_id is None:
            self._person_key = None
            self._render_preview(None)
            return
        key = (contact_id, self._occasion)
        self._person_key = key
        greetings, occasion = self._greetings, self._occasion
        # The wizard's filters would hide a contact chosen here; its sender and partnership stay.
        campaign = replace(self._campaign, tag=None, owner_id=None, language=None, country=None)

        def read() -> CampaignRecipient | None:
            """The contact as a campaign for this occasion sees them, else as a free greeting
            does (an anniversary needs a partnership, a birthday a birthday soon)."""
            wanted = replace(campaign, occasion=occasion, contact_ids=(contact_id,))
            try:
                found = greetings.recipients_of(wanted)
            except DomainError:
                found = []
            if found:
                return found[0]
            free = replace(wanted, occasion="free", partnership_id=None)
            for person in greetings.recipients_of(free):
                assert person.context is not None
                context = replace(person.context, occasion=occasion, extra=_AnyExtra())
                return replace(person, context=context)
            return None

        def shown(person: CampaignRecipient | None) -> None:
            if self._person_key != key:
                return  # another contact was chosen meanwhile
            self._person = person
            self.refresh()

        def failed(error: BaseException) -> bool:
            if self._person_key == key:
                self._preview_error = describe_error(error)
                self._render_preview(None)
            return True

        self._operations.run(read, on_success=shown, on_error=failed, parent=self)

    def _render_preview(self, template: GreetingTemplate | None) -> None:
        problem = self._preview_error
        greeting = None
        if template is not None and self._person is not None and problem is None:
            assert self._person.context is not None
            try:
                greeting = render_greeting([template], self._person.recipient, self._person.context)
            except DomainError as error:
                problem = render(error)
        self.preview_hint.setVisible(self.contact_picker.selected_id() is None)
        if problem is not None:
            self.preview_error.setText(problem)
        self.preview_error.setVisible(problem is not None)
        if greeting is None:
            self.preview_subject.clear()
            self.preview.clear()
            return
        self.preview_subject.setText(greeting.subject)
        self.preview_subject.setCursorPosition(0)
        self.preview.setHtml(greeting.html)

    def _update_buttons(self) -> None:
        ok = self._loaded is not None and not self.problems_label.problems
        self.save_button.setEnabled(ok and self.is_dirty() and not self._busy)
        self.restore_button.setEnabled(self._customised and not self._busy)

    # Saving ------------------------------------------------------------------------------
    def save(self) -> None:
        if self._timer.isActive():
            self.refresh()
        if not self.save_button.isEnabled():
            return
        template = self.edited_template()
        self._set_busy(True)
        self._operations.run(
            lambda: self._greetings.save_template(template),
            on_success=lambda _none: self._saved(template, customised=True),
            on_error=self._refused,
            parent=self,
        )

    def restore_original(self) -> None:
        if not self._customised or not self.confirm_restore():
            return
        occasion, language = self._occasion, self._language
        self._set_busy(True)

        def restore() -> GreetingTemplate | None:
            self._greetings.reset_template(occasion, language)
            return self._greetings.template(occasion, language)

        def restored(template: GreetingTemplate | None) -> None:
            empty = GreetingTemplate(occasion, language, "", "")
            self._saved(template or empty, customised=False)
            self.subject_edit.setText(template.subject if template else "")
            self.body_edit.setPlainText(template.body if template else "")
            self.refresh()

        self._operations.run(restore, on_success=restored, on_error=self._refused, parent=self)

    def _saved(self, template: GreetingTemplate, *, customised: bool) -> None:
        self._set_busy(False)
        self._loaded = template
        self._customised = customised
        self._retranslate_status()
        self._update_buttons()
        self.saved.emit(template.occasion, template.language)

    def _refused(self, error: BaseException) -> bool:
        self._set_busy(False)
        if isinstance(error, ValidationErrors):
            self.problems_label.set_problems([e.text for e in error.errors])
            self._update_buttons()
            return True
        return False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    # Questions (tests answer them) --------------------------------------------------------
    def confirm_discard(self) -> bool:
        return ask_to_discard(
            self,
            title=self.tr("Unsaved changes"),
            question=self.tr("Discard your changes to this template?"),
            discard=self.tr("Discard"),
            keep=self.tr("Keep editing"),
        )

    def confirm_restore(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Restore the original"),
            self.tr("Replace your office's words with the ones Liaison comes with?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        """Close, Esc and closing the window: asks before unsaved words are lost."""
        if self._busy:
            return
        if self.is_dirty() and not self.confirm_discard():
            return
        self._timer.stop()
        super().reject()

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Greeting template: {occasion}").format(occasion=occasion_name(self._occasion))
        )
        self.occasion_label.setText(self.tr("&Occasion:"))
        self.language_label.setText(self.tr("&Language:"))
        for index in range(self.occasion_combo.count()):
            code = str(self.occasion_combo.itemData(index))
            self.occasion_combo.setItemText(index, occasion_name(code))
        self.subject_label.setText(self.tr("&Subject:"))
        self.body_label.setText(self.tr("&Text:"))
        self.variables_label.setText(self.tr("&Variables (click to insert):"))
        descriptions = self._descriptions()
        for index in range(self.variables.count()):
            item = self.variables.item(index)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            item.setToolTip(descriptions.get(name, ""))
        self.contact_label.setText(self.tr("Preview &for:"))
        self.contact_picker.set_none_label(self.tr("(choose a contact)"))
        self.preview_subject_label.setText(self.tr("Subject:"))
        self.preview_hint.setText(self.tr("Choose a contact to see the message they would get."))
        self.restore_button.setText(self.tr("&Restore the original"))
        self.restore_button.setToolTip(
            self.tr("Use the words Liaison comes with again for this occasion and language.")
        )
        self.save_button.setText(self.tr("Sa&ve"))
        self.close_button.setText(self.tr("&Close"))
        self._retranslate_status()
        self.problems_label.retranslate()

    def _retranslate_status(self) -> None:
        if self._customised:
            self.status_label.setText(self.tr("These are your office's own words."))
        else:
            self.status_label.setText(self.tr("These are the words Liaison comes with."))

    def _descriptions(self) -> dict[str, str]:
        return {
            "salutation": self.tr("The opening line: “Dear Dr Müller,” / “尊敬的王主任：”"),
            "family_name": self.tr("The contact's family name in Latin letters"),
            "given_name": self.tr("The contact's given name in Latin letters"),
            "name_zh": self.tr("The contact's Chinese name"),
            "position": self.tr("The contact's position in English"),
            "position_zh": self.tr("The contact's position in Chinese"),
            "honorific": self.tr("The contact's honorific, as typed"),
            "recipient": self.tr("The contact's names and position: {{ recipient.family_name }}"),
            "occasion": self.tr("The occasion's name in the template's language"),
            "occasion_code": self.tr("The occasion's code, such as mid_autumn"),
            "language": self.tr("The template's language: en or zh_CN"),
            "year": self.tr("The year of the occasion"),
            "our_city": self.tr("Our city"),
            "our_city_zh": self.tr("Our city in Chinese"),
            "sender": self.tr("Who signs"),
            "sender_zh": self.tr("Who signs, in Chinese"),
            "sender_title": self.tr("The signer's title"),
            "sender_title_zh": self.tr("The signer's title in Chinese"),
            "partner": self.tr("The partner city (anniversaries)"),
            "partner_zh": self.tr("The partner city in Chinese (anniversaries)"),
            "years": self.tr("Which anniversary, as a number"),
            "country": self.tr("The country whose national day it is"),
            "country_zh": self.tr("The country whose national day it is, in Chinese"),
            "extra": self.tr("Anything else the campaign passes: {{ extra.name }}"),
            "zodiac": self.tr("The animal of the Chinese year"),
            "zodiac_zh": self.tr("The animal of the Chinese year, in Chinese"),
        }
