"""Write contacts as vCard 4.0 (RFC 6350), or 3.0 (RFC 2426) for older address books.

The cards are meant to come back into Liaison losslessly (`readers.read_vcards`) and to look
right in a phone or mail program. What vCard has a place for goes there (N, FN, EMAIL, TEL,
ORG, TITLE, CATEGORIES, BDAY, NOTE, LANG); the rest goes into X-LIAISON-* properties, which
other programs keep and ignore. A lunar birthday has no BDAY: a phone would show 12 August
as a Gregorian date and greet on the wrong day; it is kept in X-LIAISON-BIRTHDAY with its
calendar. vobject does the escaping of `,;\\` and newlines, folds lines at 75 octets without
splitting a UTF-8 character, and ends lines with CRLF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crm.domain.names import latin_name
from crm.services.exchange.writers import replacing

VCARD_VERSIONS = ("4.0", "3.0")


def write_vcards(path: Path, contacts: Sequence[dict[str, Any]], *, version: str = "4.0") -> int:
    """Write one card per contact (`ContactService.as_dicts` shape); how many were written.

    The file appears whole or not at all (written beside `path`, then moved into place).
    """
    if version not in VCARD_VERSIONS:
        raise ValueError(f"vCard version {version!r}: use one of {', '.join(VCARD_VERSIONS)}")
    with replacing(path, "w", encoding="utf-8", newline="") as handle:
        for contact in contacts:
            handle.write(vcard_text(contact, version=version))
    return len(contacts)


def vcard_text(contact: dict[str, Any], *, version: str = "4.0") -> str:
    """One contact as the text of one card, CRLF line ends."""
    import vobject

    modern = version == "4.0"
    card = vobject.vCard()

    def add(name: str, value: Any, **params: list[str]) -> None:
        if value in (None, "", []):
            return
        line = card.add(name)
        line.value = value
        for key, values in params.items():
            line.params[key.upper()] = values

    add("version", version)
    add("uid", f"urn:uuid:{contact['id']}")
    family, given = contact.get("family_name") or "", contact.get("given_name") or ""
    name_zh = contact.get("name_zh") or ""
    # N holds the Latin name only: the Chinese one has its own property, so that a card of
    # 王芳 with no Latin name does not come back as family name 王, given name 芳.
    add(
        "n",
        vobject.vcard.Name(family=family, given=given, prefix=contact.get("honorific") or ""),
    )
    add("fn", latin_name(family, given, name_zh) or name_zh)
    add("x-liaison-name-zh", name_zh)
    for index, address in enumerate(contact.get("emails") or []):
        preferred = {"pref": ["1"]} if modern else {"type": ["pref"]}
        add("email", address, **(preferred if index == 0 else {}))
    for number in contact.get("phones") or []:
        add("tel", number)
    if contact.get("organisation"):
        add("org", [contact["organisation"]])
    add("title", contact.get("position") or "")
    add("x-liaison-position-zh", contact.get("position_zh") or "")
    add("categories", list(contact.get("tags") or []))
    _add_birthday(add, contact, modern=modern)
    add("note", contact.get("notes") or "")
    language = contact.get("language") or ""
    if modern:
        add("lang", language.replace("_", "-"))  # a BCP 47 tag: zh-CN
    else:
        add("x-liaison-language", language)
    add("x-liaison-wechat", contact.get("wechat") or "")
    add("x-liaison-status", contact.get("status") or "")
    add("x-liaison-owner", contact.get("owner") or "")
    text: str = card.serialize()
    return text


def _add_birthday(add: Callable[..., None], contact: dict[str, Any], *, modern: bool) -> None:
    birthday = contact.get("birthday") or ""
    if not birthday:
        return
    calendar = contact.get("birthday_calendar") or "gregorian"
    if calendar != "gregorian":
        add("x-liaison-birthday", birthday)
        add("x-liaison-birthday-calendar", calendar)
        if contact.get("birthday_leap_month"):
            add("x-liaison-birthday-leap-month", "true")
        return
    # 4.0: 19860719 or --0719 (RFC 6350 date); 3.0: 1986-07-19, or --07-19 without a year as
    # Apple and Google write it.
    if modern:
        year_less = birthday.startswith("--")
        birthday = ("--" if year_less else "") + birthday.removeprefix("--").replace("-", "")
    add("bday", birthday)
