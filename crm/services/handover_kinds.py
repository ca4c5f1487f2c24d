"""The kinds of record a handover package holds, in the database's terms: each one's table, the
columns an import writes and compares, its child rows, and what it refers to.

Listed in the order an import writes them: what is referred to comes before what refers to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crm.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Organisation
from crm.store.partnership_models import (
    Agreement,
    AgreementDocument,
    AgreementSignatory,
    Delegation,
    DelegationMember,
    FollowUp,
    Gift,
    Interaction,
    InteractionContact,
    ItineraryItem,
    Partnership,
    PartnershipArea,
    PartnershipChampion,
)

# Kept as they are on an update: when a record was first made is not a matter of versions.
CREATION = frozenset({"created_at", "added_at"})
STAMPS = frozenset({"version", "updated_at"}) | CREATION
REPORT_KINDS = (
    "contacts",
    "organisations",
    "partnerships",
    "delegations",
    "agreements",
    "interactions",
    "follow_ups",
    "templates",
    "documents",
    "gifts",
)


def table_of(model: Any) -> Any:
    return model.__table__


@dataclass(frozen=True)
class Child:
    """Rows of `model` under a record (its `parent` column), as tuples of `columns`.
    `ordered`: the list order is the `position` column; `compared`: the tuple positions that
    say whether two lists differ (an itinerary entry's id does not); `inherit`: columns copied
    from the record."""

    key: str
    model: Any
    parent: str
    columns: tuple[str, ...]
    ordered: bool = False
    compared: tuple[int, ...] | None = None
    inherit: tuple[str, ...] = ()

    @property
    def order(self) -> tuple[str, ...]:
        if not self.ordered:
            return self.columns
        table = table_of(self.model)
        return ("position", "id") if "id" in table.c else ("position", *self.columns)

    def comparable(self, rows: Sequence[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
        picked = [tuple(r[i] for i in self.compared) for r in rows] if self.compared else rows
        return tuple(picked if self.ordered else sorted(picked))


@dataclass(frozen=True)
class Kind:
    """One kind of record: its table, the columns written, its children, and what it refers
    to ((column, kind, nullable); a child's contact is (key, "contacts", False))."""

    name: str
    model: Any
    columns: tuple[str, ...]
    children: tuple[Child, ...] = ()
    refs: tuple[tuple[str, str, bool], ...] = ()
    versioned: bool = False
    owned: bool = False

    @property
    def table(self) -> Any:
        return table_of(self.model)

    @property
    def compared(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in STAMPS)


_STAMPED = ("version", "created_at", "updated_at")
KINDS: tuple[Kind, ...] = (  # in the order they are written: what is referred to comes first
    Kind(
        "organisations",
        Organisation,
        ("name", "name_zh", "kind", "place_id", "website", "created_at"),
    ),
    Kind(
        "contacts",
        Contact,
        (
            "family_name",
            "given_name",
            "name_zh",
            "honorific",
            "position",
            "position_zh",
            "organisation_id",
            "wechat",
            "language",
            "birthday",
            "birthday_calendar",
            "birthday_leap_month",
            "owner_id",
            "status",
            "successor_of_id",
            "keep_in_touch_days",
            "notes",
            "archived",
            *_STAMPED,
        ),
        (
            Child("emails", ContactEmail, "contact_id", ("address",), ordered=True),
            Child("phones", ContactPhone, "contact_id", ("number",), ordered=True),
            Child("tags", ContactTag, "contact_id", ("tag",)),
        ),
        (("organisation_id", "organisations", True), ("successor_of_id", "contacts", True)),
        versioned=True,
        owned=True,
    ),
    Kind(
        "partnerships",
        Partnership,
        (
            "place_id",
            "type",
            "formalised_on",
            "status",
            "owner_id",
            "notes",
            "keep_in_touch_days",
            *_STAMPED,
        ),
        (
            Child("areas", PartnershipArea, "partnership_id", ("area",)),
            Child("champions", PartnershipChampion, "partnership_id", ("contact_id",)),
        ),
        (("champions", "contacts", False),),
        versioned=True,
        owned=True,
    ),
    Kind(
        "agreements",
        Agreement,
        (
            "partnership_id",
            "kind",
            "title",
            "signed_on",
            "review_on",
            "expires_on",
            "notes",
            "created_at",
        ),
        (Child("signatories", AgreementSignatory, "agreement_id", ("contact_id",)),),
        (("partnership_id", "partnerships", False), ("signatories", "contacts", False)),
    ),
    Kind(
        "documents",
        AgreementDocument,
        ("agreement_id", "filename", "stored_name", "sha256", "added_at"),
        refs=(("agreement_id", "agreements", False),),
    ),
    Kind(
        "delegations",
        Delegation,
        (
            "partnership_id",
            "direction",
            "title",
            "start_on",
            "end_on",
            "status",
            "leader_id",
            "purpose",
            "outcomes",
            "notes",
            *_STAMPED,
        ),
        (
            Child(
                "members", DelegationMember, "delegation_id", ("contact_id", "role"), ordered=True
            ),
            Child(
                "itinerary",
                ItineraryItem,
                "delegation_id",
                ("id", "day", "time", "description"),
                ordered=True,
                compared=(1, 2, 3),
            ),
        ),
        (
            ("partnership_id", "partnerships", True),
            ("leader_id", "contacts", True),
            ("members", "contacts", False),
        ),
        versioned=True,
    ),
    Kind(
        "gifts",
        Gift,
        (
            "direction",
            "description",
            "contact_id",
            "delegation_id",
            "partnership_id",
            "occasion",
            "given_on",
            "value_band",
            "photo",
            "notes",
            "created_at",
        ),
        refs=(
            ("contact_id", "contacts", True),
            ("delegation_id", "delegations", True),
            ("partnership_id", "partnerships", True),
        ),
    ),
    Kind(
        "follow_ups",
        FollowUp,
        ("partnership_id", "delegation_id", "description", "assignee_id", "due_on", "created_at"),
        refs=(("partnership_id", "partnerships", True), ("delegation_id", "delegations", True)),
    ),
    Kind(
        "interactions",
        Interaction,
        (
            "kind",
            "occurred_on",
            "partnership_id",
            "delegation_id",
            "staff_id",
            "note",
            "created_at",
        ),
        (
            Child(
                "participants",
                InteractionContact,
                "interaction_id",
                ("contact_id",),
                inherit=("occurred_on",),
            ),
        ),
        (
            ("partnership_id", "partnerships", True),
            ("delegation_id", "delegations", True),
            ("participants", "contacts", False),
        ),
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}
