"""The vocabulary of partnerships, agreements, delegations, gifts and interactions.

The agreement ladder follows how Europe–China city partnerships really run: a memorandum of
understanding or friendship-city agreement, then a letter of intent or framework agreement, then
project agreements, and only at the end a project contract, the one legally binding document.
"""

from __future__ import annotations

from enum import StrEnum

from crm.domain.text import QT_TRANSLATE_NOOP, Text


class PartnershipType(StrEnum):
    SISTER_CITY = "sister_city"
    FRIENDSHIP_CITY = "friendship_city"
    TWINNING = "twinning"
    FRIENDLY_EXCHANGE = "friendly_exchange"
    PORT_PARTNERSHIP = "port_partnership"
    OTHER = "other"


class PartnershipStatus(StrEnum):
    EXPLORING = "exploring"
    ACTIVE = "active"
    DORMANT = "dormant"
    ENDED = "ended"


class AgreementKind(StrEnum):
    MOU = "mou"
    LETTER_OF_INTENT = "letter_of_intent"
    PROJECT_AGREEMENT = "project_agreement"
    CONTRACT = "contract"

    @property
    def legally_binding(self) -> bool:
        return self is AgreementKind.CONTRACT


class DelegationDirection(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class DelegationStatus(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    CANCELLED = "cancelled"


class InteractionKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    WECHAT = "wechat"
    GREETING = "greeting"
    GIFT = "gift"
    VISIT = "visit"
    OTHER = "other"


class GiftDirection(StrEnum):
    GIVEN = "given"
    RECEIVED = "received"


class ValueBand(StrEnum):
    """Gifts are recorded by band, as protocol offices (and gift-declaration rules) think of them."""

    TOKEN = "token"
    MODEST = "modest"
    SIGNIFICANT = "significant"
    HIGH = "high"


PARTNERSHIP_TYPE_LABELS: dict[PartnershipType, Text] = {
    PartnershipType.SISTER_CITY: QT_TRANSLATE_NOOP("Partnerships", "Sister city"),
    PartnershipType.FRIENDSHIP_CITY: QT_TRANSLATE_NOOP("Partnerships", "Friendship city"),
    PartnershipType.TWINNING: QT_TRANSLATE_NOOP("Partnerships", "Twinning"),
    PartnershipType.FRIENDLY_EXCHANGE: QT_TRANSLATE_NOOP("Partnerships", "Friendly exchange"),
    PartnershipType.PORT_PARTNERSHIP: QT_TRANSLATE_NOOP("Partnerships", "Port partnership"),
    PartnershipType.OTHER: QT_TRANSLATE_NOOP("Partnerships", "Other"),
}
PARTNERSHIP_STATUS_LABELS: dict[PartnershipStatus, Text] = {
    PartnershipStatus.EXPLORING: QT_TRANSLATE_NOOP("Partnerships", "Exploring"),
    PartnershipStatus.ACTIVE: QT_TRANSLATE_NOOP("Partnerships", "Active"),
    PartnershipStatus.DORMANT: QT_TRANSLATE_NOOP("Partnerships", "Dormant"),
    PartnershipStatus.ENDED: QT_TRANSLATE_NOOP("Partnerships", "Ended"),
}
AGREEMENT_KIND_LABELS: dict[AgreementKind, Text] = {
    AgreementKind.MOU: QT_TRANSLATE_NOOP("Agreements", "MoU / friendship-city agreement"),
    AgreementKind.LETTER_OF_INTENT: QT_TRANSLATE_NOOP(
        "Agreements", "Letter of intent / framework agreement"
    ),
    AgreementKind.PROJECT_AGREEMENT: QT_TRANSLATE_NOOP("Agreements", "Project agreement"),
    AgreementKind.CONTRACT: QT_TRANSLATE_NOOP("Agreements", "Contract (legally binding)"),
}
NOT_BINDING = QT_TRANSLATE_NOOP(
    "Agreements", "Not legally binding: a statement of intent between the cities."
)
BINDING = QT_TRANSLATE_NOOP(
    "Agreements", "Legally binding: a contract with obligations on both sides."
)
DELEGATION_DIRECTION_LABELS: dict[DelegationDirection, Text] = {
    DelegationDirection.INCOMING: QT_TRANSLATE_NOOP("Delegations", "Incoming"),
    DelegationDirection.OUTGOING: QT_TRANSLATE_NOOP("Delegations", "Outgoing"),
}
DELEGATION_STATUS_LABELS: dict[DelegationStatus, Text] = {
    DelegationStatus.PLANNED: QT_TRANSLATE_NOOP("Delegations", "Planned"),
    DelegationStatus.CONFIRMED: QT_TRANSLATE_NOOP("Delegations", "Confirmed"),
    DelegationStatus.DONE: QT_TRANSLATE_NOOP("Delegations", "Done"),
    DelegationStatus.CANCELLED: QT_TRANSLATE_NOOP("Delegations", "Cancelled"),
}
INTERACTION_KIND_LABELS: dict[InteractionKind, Text] = {
    InteractionKind.MEETING: QT_TRANSLATE_NOOP("Interactions", "Meeting"),
    InteractionKind.CALL: QT_TRANSLATE_NOOP("Interactions", "Call"),
    InteractionKind.EMAIL: QT_TRANSLATE_NOOP("Interactions", "E-mail"),
    InteractionKind.WECHAT: QT_TRANSLATE_NOOP("Interactions", "WeChat"),
    InteractionKind.GREETING: QT_TRANSLATE_NOOP("Interactions", "Greeting sent"),
    InteractionKind.GIFT: QT_TRANSLATE_NOOP("Interactions", "Gift"),
    InteractionKind.VISIT: QT_TRANSLATE_NOOP("Interactions", "Visit"),
    InteractionKind.OTHER: QT_TRANSLATE_NOOP("Interactions", "Other"),
}
GIFT_DIRECTION_LABELS: dict[GiftDirection, Text] = {
    GiftDirection.GIVEN: QT_TRANSLATE_NOOP("Gifts", "Given"),
    GiftDirection.RECEIVED: QT_TRANSLATE_NOOP("Gifts", "Received"),
}
VALUE_BAND_LABELS: dict[ValueBand, Text] = {
    ValueBand.TOKEN: QT_TRANSLATE_NOOP("Gifts", "Token (under €50)"),
    ValueBand.MODEST: QT_TRANSLATE_NOOP("Gifts", "Modest (€50–200)"),
    ValueBand.SIGNIFICANT: QT_TRANSLATE_NOOP("Gifts", "Significant (€200–1,000)"),
    ValueBand.HIGH: QT_TRANSLATE_NOOP("Gifts", "High (over €1,000: declare it)"),
}
