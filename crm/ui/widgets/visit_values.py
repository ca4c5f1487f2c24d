"""Between the delegation editor's widgets and the drafts the delegation service takes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from crm.domain.delegation_rules import (
    DelegationDraft,
    FollowUpDraft,
    GiftDraft,
    ItineraryEntry,
    Member,
)
from crm.domain.partnerships import DelegationDirection, DelegationStatus
from crm.services.delegations import FollowUpEdit, GiftEdit
from crm.ui.widgets.follow_ups_table import FollowUpItem
from crm.ui.widgets.gifts_table import GiftItem
from crm.ui.widgets.itinerary_table import ItineraryItemRow
from crm.ui.widgets.members_table import MemberItem
from crm.ui.widgets.visit_form import VisitForm


def select(combo: QComboBox, data: str | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(data)) if data else 0)


def show_visit(form: VisitForm, draft: DelegationDraft) -> None:
    """The visit's own fields (members, programme, gifts and follow-ups are the tables')."""
    form.title_edit.setText(draft.title)
    select(form.partnership_combo, draft.partnership_id)
    select(form.direction_combo, str(draft.direction))
    select(form.status_combo, str(draft.status))
    form.start_edit.set_iso(draft.start_on)
    form.end_edit.set_iso(draft.end_on)
    form.purpose_edit.setPlainText(draft.purpose)
    form.outcomes_edit.setPlainText(draft.outcomes)
    form.notes_edit.setPlainText(draft.notes)


def visit_draft(
    form: VisitForm, members: list[MemberItem], items: list[ItineraryItemRow]
) -> tuple[DelegationDraft, list[int]]:
    """The visit as shown, and for each programme item in it the table row it came from
    (empty rows are left out)."""
    rows = [i for i, item in enumerate(items) if not item.is_empty()]
    draft = DelegationDraft(
        title=form.title_edit.text(),
        direction=DelegationDirection(form.direction_combo.currentData()),
        status=DelegationStatus(form.status_combo.currentData()),
        partnership_id=form.partnership_combo.currentData(),
        start_on=form.start_edit.iso(),
        end_on=form.end_edit.iso(),
        leader_id=form.leader_picker.selected_id(),
        members=[Member(m.contact_id, m.role) for m in members],
        purpose=form.purpose_edit.toPlainText(),
        itinerary=[ItineraryEntry(items[i].day, items[i].time, items[i].description) for i in rows],
        outcomes=form.outcomes_edit.toPlainText(),
        notes=form.notes_edit.toPlainText(),
    )
    return draft, rows


def follow_up_edits(items: list[FollowUpItem], delegation_id: str | None) -> list[FollowUpEdit]:
    return [
        FollowUpEdit(
            f.follow_up_id,
            FollowUpDraft(
                description=f.description,
                assignee_id=f.assignee_id,
                due_on=f.due_on,
                delegation_id=delegation_id,
                done=f.done,
            ),
        )
        for f in items
    ]


def gift_edits(items: list[GiftItem], delegation_id: str | None) -> list[GiftEdit]:
    return [
        GiftEdit(
            g.gift_id,
            GiftDraft(
                description=g.description,
                direction=g.direction,
                contact_id=g.contact_id,
                delegation_id=delegation_id,
                occasion=g.occasion,
                given_on=g.given_on,
                value_band=g.value_band,
                notes=g.notes,
            ),
            g.new_photo,
        )
        for g in items
    ]
