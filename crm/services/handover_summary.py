"""What each staff member holds, so whoever picks the colleague to hand over sees the size of it.

Counted in two grouped queries, whatever the size of the office: the handover wizard shows
these beside each name before anything is exported.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import col

from crm.store.database import Database
from crm.store.models import Contact, Staff
from crm.store.partnership_models import Partnership


@dataclass(frozen=True)
class StaffHoldings:
    """A staff member and how many partnerships and contacts they own."""

    id: str
    name: str
    partnerships: int
    contacts: int


class HandoverSummaryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def staff_holdings(self) -> list[StaffHoldings]:
        """Every staff member, by name, with what they own."""
        with self.db.session() as session:
            partnerships: dict[str | None, int] = {
                owner: count
                for owner, count in session.execute(
                    select(col(Partnership.owner_id), func.count())
                    .where(col(Partnership.owner_id).is_not(None))
                    .group_by(col(Partnership.owner_id))
                )
            }
            contacts: dict[str | None, int] = {
                owner: count
                for owner, count in session.execute(
                    select(col(Contact.owner_id), func.count())
                    .where(col(Contact.owner_id).is_not(None))
                    .group_by(col(Contact.owner_id))
                )
            }
            members = session.execute(
                select(col(Staff.id), col(Staff.name)).order_by(func.lower(Staff.name))
            ).all()
            return [
                StaffHoldings(
                    id=staff_id,
                    name=name,
                    partnerships=int(partnerships.get(staff_id, 0)),
                    contacts=int(contacts.get(staff_id, 0)),
                )
                for staff_id, name in members
            ]
