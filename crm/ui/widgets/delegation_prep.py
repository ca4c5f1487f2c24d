"""Prepare the visit: one screen with everything a protocol officer needs.

Who is coming, in protocol order, with names and titles in both languages and their
organisation; and for each of them our history: the visits they were on, what we gave them and
received from them last time, the latest contacts. Then the programme, this visit's gifts and
what is still to do with the partner. A rich-text page, so it can be read, searched and copied.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from crm.domain.partnerships import (
    DELEGATION_DIRECTION_LABELS,
    DELEGATION_STATUS_LABELS,
    INTERACTION_KIND_LABELS,
    VALUE_BAND_LABELS,
    DelegationDirection,
    DelegationStatus,
    InteractionKind,
    ValueBand,
)
from crm.domain.text import DomainError
from crm.domain.visit_formatting import format_day, format_programme_day, format_visit_dates
from crm.services.bundle import Services
from crm.services.gifts import GiftRow
from crm.services.preparation import MemberBrief, Preparation
from crm.ui.language import render
from crm.ui.ui_locale import current_language

_STYLE = """
h1 { font-size: x-large; margin-bottom: 2px; } h2 { font-size: large; margin-top: 18px; }
h3 { margin: 14px 0 4px 0; }
td { padding: 2px 10px 2px 0; vertical-align: top; } th { text-align: left; padding-right: 10px; }
.key { font-weight: 600; white-space: nowrap; } .muted { color: %(muted)s; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _label(labels: dict, kind: type, value: str) -> str:  # type: ignore[type-arg]
    try:
        return render(labels[kind(value)])
    except (ValueError, KeyError):
        return value


class DelegationPreparation(QDialog):
    def __init__(
        self, services: Services, delegation_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.delegation_id = delegation_id
        self._preparation: Preparation | None = None
        self._error: DomainError | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.browser.document().setDefaultStyleSheet(_STYLE % {"muted": muted})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.refresh_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        assert self.refresh_button is not None
        self.refresh_button.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.reload()
        metrics = self.fontMetrics()
        wanted = QSize(metrics.averageCharWidth() * 130, metrics.lineSpacing() * 46)
        screen = self.screen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(wanted)

    def reload(self) -> None:
        try:
            self._preparation = self._services.delegations.preparation(self.delegation_id)
            self._error = None
        except DomainError as error:
            self._preparation, self._error = None, error
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Prepare the visit"))
        self.refresh_button.setText(self.tr("Refresh"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(self.page())
        self.browser.verticalScrollBar().setValue(scroll)

    def text(self) -> str:
        """What the page says, as plain text."""
        return self.browser.toPlainText()

    # The page ----------------------------------------------------------------------------
    def page(self) -> str:
        prep = self._preparation
        if prep is None:
            return f"<p>{_e(render(self._error)) if self._error else ''}</p>"
        language = current_language()
        visit = prep.visit
        partner = " · ".join(p for p in (visit.partner, visit.partner_zh) if p)
        facts = [
            _label(DELEGATION_DIRECTION_LABELS, DelegationDirection, visit.direction),
            partner,
            format_visit_dates(visit.start_on, visit.end_on, language)
            or self.tr("dates not yet known"),
            _label(DELEGATION_STATUS_LABELS, DelegationStatus, visit.status),
        ]
        parts = [
            f"<h1>{_e(visit.title)}</h1>",
            f"<p>{_e(' — '.join(f for f in facts if f))}</p>",
        ]
        if prep.purpose:
            purpose = self.tr("Purpose:")
            parts.append(f"<p><b>{_e(purpose)}</b> {_e(prep.purpose)}</p>")
        coming = self.tr("Who is coming ({n})").format(n=len(prep.members))
        parts.append(f"<h2>{_e(coming)}</h2>")
        if not prep.members:
            parts.append(self._muted(self.tr("No members yet: add them on the Members tab.")))
        for number, brief in enumerate(prep.members, start=1):
            parts.append(self._member(number, brief, language))
        parts += self._programme(prep, language)
        parts += self._visit_gifts(prep.gifts, language)
        parts += self._follow_ups(prep, language)
        return "\n".join(parts)

    def _muted(self, text: str) -> str:
        return f'<p class="muted">{_e(text)}</p>'

    def _member(self, number: int, brief: MemberBrief, language: str) -> str:
        m = brief.member
        latin = " ".join(p for p in (m.honorific, m.latin) if p)
        # Each reader sees first the name in their own script.
        names = (m.name_zh, latin) if language == "zh_CN" else (latin, m.name_zh)
        heading = " · ".join(p for p in names if p)
        extras = [m.role] if m.role else []
        if brief.leader:
            extras.append(self.tr("leader of the delegation"))
        suffix = f" <small>— {_e(', '.join(extras))}</small>" if extras else ""
        none = self.tr("nothing recorded")
        rows = [
            (self.tr("Position"), m.position, m.position_zh),
            (self.tr("Organisation"), m.organisation, m.organisation_zh),
        ]
        cells = [
            f'<tr><td class="key" width="16%">{_e(key)}</td><td width="42%">{_e(en or "—")}</td>'
            f'<td width="42%">{_e(zh or "—")}</td></tr>'
            for key, en, zh in rows
        ]
        visits = [
            f"{_e(v.title)} ({_e(_label(DELEGATION_DIRECTION_LABELS, DelegationDirection, v.direction))}, "
            f"{_e(format_visit_dates(v.start_on, v.end_on, language) or '—')}"
            + (f", {_e(v.role)}" if v.role else "")
            + ")"
            for v in brief.past_visits
        ]
        contacts = [
            f"{_e(format_day(i.occurred_on, language))} — "
            f"{_e(_label(INTERACTION_KIND_LABELS, InteractionKind, i.kind))}"
            + (f": {_e(i.note)}" if i.note else "")
            for i in brief.interactions
        ]
        history = [
            (self.tr("Earlier visits"), visits),
            (self.tr("We gave them"), [self._gift(g, language) for g in brief.gifts_given]),
            (self.tr("They gave us"), [self._gift(g, language) for g in brief.gifts_received]),
            (self.tr("Latest contacts"), contacts),
        ]
        for key, items in history:
            text = "<br>".join(items) if items else f'<span class="muted">{_e(none)}</span>'
            cells.append(f'<tr><td class="key">{_e(key)}</td><td colspan="2">{text}</td></tr>')
        return (
            f"<h3>{number}. {_e(heading)}{suffix}</h3>"
            f'<table width="100%" cellspacing="0">{"".join(cells)}</table>'
        )

    def _gift(self, gift: GiftRow, language: str, *, visit: bool = True) -> str:
        details = [format_day(gift.on, language)] if gift.on else []
        details += [d for d in ((gift.delegation if visit else "") or gift.occasion,) if d]
        if gift.value_band:
            details.append(_label(VALUE_BAND_LABELS, ValueBand, gift.value_band))
        more = f" ({_e('; '.join(details))})" if details else ""
        return f"{_e(gift.description)}{more}"

    def _programme(self, prep: Preparation, language: str) -> list[str]:
        if not prep.itinerary:
            return []
        rows = "".join(
            f"<tr><td>{_e(format_programme_day(i.day, language))}</td>"
            f"<td>{_e(i.time)}</td><td>{_e(i.description)}</td></tr>"
            for i in prep.itinerary
        )
        programme = self.tr("Programme")
        return [f"<h2>{_e(programme)}</h2>", f'<table cellspacing="0">{rows}</table>']

    def _visit_gifts(self, gifts: list[GiftRow], language: str) -> list[str]:
        if not gifts:
            return []
        items = []
        for gift in gifts:
            whom = (
                self.tr("to {name}") if gift.direction == "given" else self.tr("from {name}")
            ).format(name=gift.contact or "—")
            items.append(f"<li>{self._gift(gift, language, visit=False)} — {_e(whom)}</li>")
        heading = self.tr("Gifts of this visit")
        return [f"<h2>{_e(heading)}</h2>", f"<ul>{''.join(items)}</ul>"]

    def _follow_ups(self, prep: Preparation, language: str) -> list[str]:
        if not prep.open_follow_ups:
            return []
        items = []
        for f in prep.open_follow_ups:
            details = [d for d in (f.assignee, format_day(f.due_on, language)) if d]
            if f.overdue:
                details.append(self.tr("overdue"))
            more = f" ({_e(', '.join(details))})" if details else ""
            items.append(f"<li>{_e(f.description)}{more}</li>")
        title = self.tr("Still to do with this partner")
        return [f"<h2>{_e(title)}</h2>", f"<ul>{''.join(items)}</ul>"]
