"""Partnership queries: the list, read whole, and the writes of a partnership's children.

Partnerships are few (thousands), so the list is read whole in a handful of set-based queries,
never a query per row; the last contact of each comes from the (partnership_id, occurred_on)
index of `interaction`, one index probe per partnership. One partnership's detail is read by
`crm.store.partnership_detail`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from crm.store.models import Contact, Place, Staff
from crm.store.partnership_models import (
    Delegation,
    FollowUp,
    Interaction,
    Partnership,
    PartnershipArea,
    PartnershipChampion,
)

PT = Partnership.__table__  # type: ignore[attr-defined]
PA = PartnershipArea.__table__  # type: ignore[attr-defined]
PC = PartnershipChampion.__table__  # type: ignore[attr-defined]
PL = Place.__table__  # type: ignore[attr-defined]
S = Staff.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
D = Delegation.__table__  # type: ignore[attr-defined]
F = FollowUp.__table__  # type: ignore[attr-defined]
I = Interaction.__table__  # type: ignore[attr-defined]  # noqa: E741


@dataclass(frozen=True)
class PartnershipRow:
    """What the list shows of a partnership."""

    id: str
    place_id: str
    partner: str
    partner_zh: str
    country: str
    region: str
    type: str
    formalised_on: str
    status: str
    areas: tuple[str, ...]
    owner_id: str | None
    owner: str
    champions: int
    last_contact: str
    open_follow_ups: int
    # The words the search box finds it by; filled in by the partnership service.
    search_text: str = ""


# What the list and the detail both show of a partnership, in this order, and from where.
HEADER_COLUMNS = (
    PT.c.id,
    PT.c.place_id,
    PL.c.name,
    PL.c.name_zh,
    PL.c.country,
    PL.c.region,
    PT.c.type,
    PT.c.formalised_on,
    PT.c.status,
    PT.c.owner_id,
    S.c.name,
)
HEADER_FROM = PT.join(PL, PL.c.id == PT.c.place_id).outerjoin(S, S.c.id == PT.c.owner_id)


def last_contact_column() -> Any:
    """The date of the partnership's latest interaction, as a column of a partnership query."""
    return select(func.max(I.c.occurred_on)).where(I.c.partnership_id == PT.c.id).scalar_subquery()


def list_rows(session: Session, ids: Sequence[str] | None = None) -> list[PartnershipRow]:
    """Every partnership (or these), by partner name."""
    if ids is not None and not ids:
        return []
    statement = (
        select(*HEADER_COLUMNS, last_contact_column())
        .select_from(HEADER_FROM)
        .order_by(PL.c.name, PT.c.id)
    )
    areas_q = select(PA.c.partnership_id, PA.c.area).order_by(PA.c.partnership_id, PA.c.area)
    champions_q = select(PC.c.partnership_id, func.count()).group_by(PC.c.partnership_id)
    partner = func.coalesce(F.c.partnership_id, D.c.partnership_id)
    open_q = (
        select(partner, func.count())
        .select_from(F.outerjoin(D, D.c.id == F.c.delegation_id))
        .where(F.c.done_at.is_(None))
        .group_by(partner)
    )
    if ids is not None:
        statement = statement.where(PT.c.id.in_(ids))
        areas_q = areas_q.where(PA.c.partnership_id.in_(ids))
        champions_q = champions_q.where(PC.c.partnership_id.in_(ids))
    follow_ups = {p: n for p, n in session.execute(open_q).all()}
    areas: dict[str, list[str]] = {}
    for partnership_id, area in session.execute(areas_q).all():
        areas.setdefault(partnership_id, []).append(area)
    champions = {p: n for p, n in session.execute(champions_q).all()}
    return [
        PartnershipRow(
            id=r[0],
            place_id=r[1],
            partner=r[2],
            partner_zh=r[3],
            country=r[4],
            region=r[5],
            type=r[6],
            formalised_on=r[7],
            status=r[8],
            areas=tuple(areas.get(r[0], ())),
            owner_id=r[9],
            owner=r[10] or "",
            champions=int(champions.get(r[0], 0)),
            last_contact=r[11] or "",
            open_follow_ups=int(follow_ups.get(r[0], 0)),
        )
        for r in session.execute(statement).all()
    ]


def areas_of(session: Session, partnership_id: str) -> list[str]:
    statement = select(PA.c.area).where(PA.c.partnership_id == partnership_id)
    return list(session.execute(statement.order_by(PA.c.area)).scalars())


def champion_ids(session: Session, partnership_id: str) -> list[str]:
    statement = select(PC.c.contact_id).where(PC.c.partnership_id == partnership_id)
    return list(session.execute(statement).scalars())


def all_areas(session: Session) -> list[str]:
    return list(session.execute(select(PA.c.area).distinct().order_by(PA.c.area)).scalars())


def replace_children(
    session: Session, partnership_id: str, *, areas: Iterable[str], champions: Iterable[str]
) -> None:
    session.execute(delete(PA).where(PA.c.partnership_id == partnership_id))
    session.execute(delete(PC).where(PC.c.partnership_id == partnership_id))
    area_rows = [{"partnership_id": partnership_id, "area": a} for a in areas]
    champion_rows = [{"partnership_id": partnership_id, "contact_id": c} for c in champions]
    if area_rows:
        session.execute(insert(PA), area_rows)
    if champion_rows:
        session.execute(insert(PC), champion_rows)
