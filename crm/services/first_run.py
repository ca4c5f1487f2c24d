"""Our office in the database: the first run's answers as records.

The first-run wizard asks who you are and which city your office works for; the staff member
of that name owns what you add, and our city is the place partnerships are "ours ↔ theirs".
Setting them up finds before it creates: a staff member of the same name (case aside) and a
place of the same name (English or Chinese) in the same country are the ones meant, so a
second run, or a run over a database colleagues already filled, adds nothing twice. A place
found gets the name it was missing (its Chinese name, or its English one where its Chinese
name stood in for it); a name it already has is never overwritten.

`office_is_empty` is what the Today page asks to offer sample data or an import.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlmodel import Session, col

from crm.domain.partnership_rules import MAX_NAME, TEXT_TOO_LONG
from crm.domain.places import known_countries
from crm.domain.search import fold
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.acting import login_name
from crm.services.changes import Changes
from crm.store.database import Database
from crm.store.models import Contact, Place, Staff
from crm.store.partnership_models import Partnership

MY_NAME_REQUIRED = QT_TRANSLATE_NOOP(
    "FirstRun", "Give your name: colleagues see it on what you add and change."
)
CITY_REQUIRED = QT_TRANSLATE_NOOP("FirstRun", "Give our city's name, in English or in Chinese.")
COUNTRY_REQUIRED = QT_TRANSLATE_NOOP("FirstRun", "Choose our city's country.")
UNKNOWN_COUNTRY = QT_TRANSLATE_NOOP("FirstRun", "“{value}” is not a country Liaison knows.")


@dataclass(frozen=True)
class OfficeAnswers:
    """What the first run asked about our office: your name as staff, our city and country
    (an ISO 3166 two-letter code)."""

    my_name: str
    city: str
    city_zh: str
    country: str


def office_problems(*, my_name: str, city: str, city_zh: str, country: str) -> list[DomainError]:
    """Every problem of the answers, one sentence each, in the order they are asked (our city,
    its country, your name); each error's `field` is "city", "country" or "my_name"."""
    answers = _tidied(my_name=my_name, city=city, city_zh=city_zh, country=country)
    problems: list[DomainError] = []
    if not (answers.city or answers.city_zh):
        problems.append(DomainError(CITY_REQUIRED, field="city"))
    elif max(len(answers.city), len(answers.city_zh)) > MAX_NAME:
        problems.append(DomainError(TEXT_TOO_LONG.with_params(limit=MAX_NAME), field="city"))
    if not answers.country:
        problems.append(DomainError(COUNTRY_REQUIRED, field="country"))
    elif answers.country not in known_countries():
        value = country.strip()
        problems.append(DomainError(UNKNOWN_COUNTRY.with_params(value=value), field="country"))
    if not answers.my_name:
        problems.append(DomainError(MY_NAME_REQUIRED, field="my_name"))
    elif len(answers.my_name) > MAX_NAME:
        problems.append(DomainError(TEXT_TOO_LONG.with_params(limit=MAX_NAME), field="my_name"))
    return problems


def check_office(*, my_name: str, city: str, city_zh: str, country: str) -> OfficeAnswers:
    """The answers tidied (spaces, the country in capitals), or a DomainError with the first
    of `office_problems`."""
    problems = office_problems(my_name=my_name, city=city, city_zh=city_zh, country=country)
    if problems:
        raise problems[0]
    return _tidied(my_name=my_name, city=city, city_zh=city_zh, country=country)


def _tidied(*, my_name: str, city: str, city_zh: str, country: str) -> OfficeAnswers:
    return OfficeAnswers(
        my_name=" ".join(my_name.split()),
        city=" ".join(city.split()),
        city_zh="".join(city_zh.split()),
        country=country.strip().upper(),
    )


def suggested_name() -> str:
    """Your name as this computer knows it, to start the first run with: the account's full
    name where the system keeps one (Linux, macOS), else the login name."""
    user = login_name()
    try:
        import pwd

        full_name = pwd.getpwnam(user).pw_gecos.split(",")[0]
    except (ImportError, KeyError, OSError):  # Windows, or an account the system cannot find
        return user
    return " ".join(full_name.split()) or user


def set_up_office(
    db: Database, *, my_name: str, city: str, city_zh: str = "", country: str
) -> Changes:
    """Find or create the staff member `my_name` and the place of our city, in one
    transaction; what was created or completed is in the Changes (none on a second run).
    Raises a DomainError of one sentence, writing nothing, when an answer is missing or
    wrong."""
    answers = check_office(my_name=my_name, city=city, city_zh=city_zh, country=country)
    with db.write() as session:
        staff = _ensure_staff(session, answers.my_name)
        places = _ensure_place(session, answers)
    return Changes(staff=staff, places=places)


def set_up_answers(db: Database, answers: OfficeAnswers) -> Changes:
    """`set_up_office` with the wizard's `answers()`."""
    return set_up_office(
        db,
        my_name=answers.my_name,
        city=answers.city,
        city_zh=answers.city_zh,
        country=answers.country,
    )


def office_is_empty(db: Database) -> bool:
    """Whether the office has neither a contact nor a partnership yet (archived ones count)."""
    with db.session() as session:
        anyone = session.execute(select(exists().select_from(Contact))).scalar()
        anything = session.execute(select(exists().select_from(Partnership))).scalar()
    return not (anyone or anything)


def _ensure_staff(session: Session, name: str) -> bool:
    """True when the staff member had to be created."""
    wanted = name.casefold()
    for member in session.execute(select(Staff)).scalars():
        if member.name.casefold() == wanted:
            return False
    session.add(Staff(name=name))
    return True


def _ensure_place(session: Session, answers: OfficeAnswers) -> bool:
    """True when our city was created, or given a name it lacked."""
    place = _find_place(session, answers)
    if place is None:
        session.add(
            Place(
                name=answers.city or answers.city_zh,
                name_zh=answers.city_zh,
                country=answers.country,
            )
        )
        return True
    changed = False
    if answers.city_zh and not place.name_zh:
        place.name_zh = answers.city_zh
        changed = True
    # A place known only in Chinese carries its Chinese name as its English one as well.
    if answers.city and place.name == place.name_zh and fold(answers.city) != fold(place.name):
        place.name = answers.city
        changed = True
    if changed:
        session.add(place)
    return changed


def _find_place(session: Session, answers: OfficeAnswers) -> Place | None:
    """The place in our country with our city's name, in English or in Chinese."""
    wanted = {fold(answers.city), fold(answers.city_zh)} - {""}
    candidates = session.execute(
        select(Place).where(col(Place.country) == answers.country)
    ).scalars()
    for place in candidates:
        if wanted & ({fold(place.name), fold(place.name_zh)} - {""}):
            return place
    return None
