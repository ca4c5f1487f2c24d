"""Kinds of organisations an international-relations office deals with."""

from __future__ import annotations

from enum import StrEnum

from crm.domain.text import QT_TRANSLATE_NOOP


class OrganisationKind(StrEnum):
    FAO = "fao"
    CITY_COUNCIL = "city_council"
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    PORT = "port"
    UNIVERSITY = "university"
    COMPANY = "company"
    BRIDGING = "bridging"
    OTHER = "other"


KIND_LABELS = {
    OrganisationKind.FAO: QT_TRANSLATE_NOOP("Organisations", "Foreign affairs office"),
    OrganisationKind.CITY_COUNCIL: QT_TRANSLATE_NOOP("Organisations", "City council"),
    OrganisationKind.CHAMBER_OF_COMMERCE: QT_TRANSLATE_NOOP("Organisations", "Chamber of commerce"),
    OrganisationKind.PORT: QT_TRANSLATE_NOOP("Organisations", "Port"),
    OrganisationKind.UNIVERSITY: QT_TRANSLATE_NOOP("Organisations", "University"),
    OrganisationKind.COMPANY: QT_TRANSLATE_NOOP("Organisations", "Company"),
    OrganisationKind.BRIDGING: QT_TRANSLATE_NOOP("Organisations", "Bridging organisation"),
    OrganisationKind.OTHER: QT_TRANSLATE_NOOP("Organisations", "Other"),
}
