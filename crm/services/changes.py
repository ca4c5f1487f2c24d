"""What an operation changed, so that pages refresh only that."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    contacts: frozenset[str] = field(default_factory=frozenset)
    organisations: bool = False
    staff: bool = False
    everything: bool = False
    # Partnerships whose list row or detail changed (an agreement, an interaction logged…).
    partnerships: frozenset[str] = field(default_factory=frozenset)
    places: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            contacts=self.contacts | other.contacts,
            organisations=self.organisations or other.organisations,
            staff=self.staff or other.staff,
            everything=self.everything or other.everything,
            partnerships=self.partnerships | other.partnerships,
            places=self.places or other.places,
        )

    @property
    def any_contacts(self) -> bool:
        return self.everything or bool(self.contacts)

    @property
    def any_partnerships(self) -> bool:
        return self.everything or bool(self.partnerships) or self.places


# Anything may have changed (another program or a colleague wrote to the database): every page
# reads afresh.
EVERYTHING = Changes(everything=True)
