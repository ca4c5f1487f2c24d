"""What a partnership or delegation import finds by name: places, staff, contacts, partnerships.

Names are compared folded (case, accents and spacing ignored: "Gdańsk" = "gdansk", "合 肥" =
"合肥"); a country written as a name ("China", "中国", "Belgium") is read as its code.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from babel import Locale
from sqlalchemy import select
from sqlmodel import Session

from crm.domain.names import has_han
from crm.domain.partnership_rules import known_countries
from crm.domain.search import fold, name_keys
from crm.services.exchange.readers import is_uuid
from crm.store.models import Contact, Place, Staff
from crm.store.partnership_models import Partnership


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    codes = known_countries()
    for language in ("en", "zh"):
        for code, name in Locale(language).territories.items():
            if code in codes:
                names.setdefault(fold(name), code)
    return names


def country_code(value: str) -> str | None:
    """ "cn", "CN", "China", "中国" → "CN"; None when it is no country."""
    text = value.strip()
    if text.upper() in known_countries():
        return text.upper()
    return _country_names().get(fold(text))


class Lookup:
    """Indexes over the database as the import goes: rows it adds are remembered at once, so a
    later row of the same file finds them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.places: dict[str, Place] = {}
        self._place_names: dict[str, list[str]] = defaultdict(list)
        for place in session.execute(select(Place)).scalars():
            self.remember_place(place)
        self.partnership_places: dict[str, str] = {}
        self._by_place: dict[str, str] = {}
        table = Partnership.__table__  # type: ignore[attr-defined]
        for partnership_id, place_id in session.execute(
            select(table.c.id, table.c.place_id).order_by(table.c.created_at, table.c.id)
        ):
            self.remember_partnership(partnership_id, place_id)
        self.staff = {_staff_key(s.name): s.id for s in session.execute(select(Staff)).scalars()}
        contacts = Contact.__table__  # type: ignore[attr-defined]
        self.contacts: set[str] = set()
        self._contact_names: dict[str, str] = {}
        for contact_id, family, given, name_zh in session.execute(
            select(contacts.c.id, contacts.c.family_name, contacts.c.given_name, contacts.c.name_zh)
        ):
            self.contacts.add(contact_id)
            for key in name_keys(family_name=family, given_name=given, name_zh=name_zh):
                self._contact_names.setdefault(key, contact_id)

    # Places and partnerships --------------------------------------------------------------
    def remember_place(self, place: Place) -> None:
        self.places[place.id] = place
        for name in (place.name, place.name_zh):
            if name and place.id not in self._place_names[fold(name)]:
                self._place_names[fold(name)].append(place.id)

    def find_place(self, names: list[str], country: str | None) -> Place | None:
        """The place with one of these names (English or Chinese) in this country."""
        for name in names:
            for place_id in self._place_names.get(fold(name), []):
                if self.place_is(self.places[place_id], [name], country):
                    return self.places[place_id]
        return None

    @staticmethod
    def place_is(place: Place, names: list[str], country: str | None) -> bool:
        known = {fold(place.name), fold(place.name_zh)} - {""}
        in_country = country is None or place.country == country
        return in_country and any(fold(name) in known for name in names)

    def remember_partnership(self, partnership_id: str, place_id: str) -> None:
        self.partnership_places[partnership_id] = place_id
        self._by_place.setdefault(place_id, partnership_id)

    def partnership_at(self, place_id: str) -> str | None:
        return self._by_place.get(place_id)

    def find_partnership(self, value: str) -> str | None:
        """A partnership by its id, or by its partner's name ("Hefei", "合肥")."""
        if (found := is_uuid(value)) and found in self.partnership_places:
            return found
        place = self.find_place([value], None)
        return self.partnership_at(place.id) if place else None

    # People -------------------------------------------------------------------------------
    def owner(self, name: str) -> str:
        """The staff member of this name, created if new (as the contact import does)."""
        key = _staff_key(name)
        if key not in self.staff:
            member = Staff(name=" ".join(name.split()))
            self.session.add(member)
            self.session.flush()
            self.staff[key] = member.id
        return self.staff[key]

    def contact(self, value: str, name: str = "") -> str | None:
        """A contact by id, else by name ("Wang Fang", "王芳", "Wang Fang (王芳)")."""
        if (found := is_uuid(value)) and found in self.contacts:
            return found
        for text in (value, name):
            if text and not is_uuid(text):
                for candidate in (text, *_label_parts(text)):
                    if key := _contact_key(candidate, self._contact_names):
                        return key
        return None


def _staff_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _label_parts(label: str) -> list[str]:
    """ "Wang Fang (王芳)" → ["Wang Fang", "王芳"]."""
    if label.endswith(")") and " (" in label:
        latin, _, rest = label.rpartition(" (")
        return [latin, rest[:-1]]
    return []


def _contact_key(text: str, names: dict[str, str]) -> str | None:
    han = has_han(text)
    keys = name_keys(family_name="" if han else text, given_name="", name_zh=text if han else "")
    return next((names[key] for key in sorted(keys) if key in names), None)
