"""Preparing a visit: who is coming, with their titles in both languages, and our history with
each of them (earlier visits, what we gave and received last time, the latest contacts).

Read in a fixed number of queries whatever the size of the delegation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from crm.domain.partnerships import GiftDirection
from crm.store import delegations as q
from crm.store import follow_ups as fq
from crm.store import gifts as gq
from crm.store import history as hq
from crm.store.partnership_models import Delegation

PastVisit = hq.PastVisit
InteractionNote = hq.InteractionNote


@dataclass(frozen=True)
class MemberBrief:
    member: q.MemberRow
    leader: bool
    past_visits: list[hq.PastVisit]
    gifts_given: list[gq.GiftRow]  # latest first, gifts of this visit left out
    gifts_received: list[gq.GiftRow]
    interactions: list[hq.InteractionNote]  # latest first


@dataclass(frozen=True)
class Preparation:
    visit: q.DelegationRow
    purpose: str
    itinerary: list[q.ItineraryRow]
    members: list[MemberBrief]
    gifts: list[gq.GiftRow]  # the gifts of this visit
    open_follow_ups: list[fq.FollowUpRow]  # still open with this partnership (or this visit)


def prepare(
    session: Session, delegation_id: str, *, per: int, today: dt.date
) -> Preparation | None:
    visit = session.get(Delegation, delegation_id)
    rows = q.delegation_rows(session, ids=[delegation_id], today=today)
    if visit is None or not rows:
        return None
    members = q.members(session, delegation_id)
    ids = [m.contact_id for m in members]
    # Earlier visits: those before this one, or before today for a visit not yet dated.
    before = visit.start_on or today.isoformat()
    visits = hq.visits_of(session, ids, exclude=delegation_id, before=before, per=per)
    interactions = hq.interactions_of(session, ids, per=per)
    given, received = (
        gq.latest_per_contact(
            session, ids, direction=str(direction), per=per, exclude_delegation=delegation_id
        )
        for direction in (GiftDirection.GIVEN, GiftDirection.RECEIVED)
    )
    briefs = [
        MemberBrief(
            member=m,
            leader=m.contact_id == visit.leader_id,
            past_visits=visits.get(m.contact_id, []),
            gifts_given=given.get(m.contact_id, []),
            gifts_received=received.get(m.contact_id, []),
            interactions=interactions.get(m.contact_id, []),
        )
        for m in members
    ]
    if visit.partnership_id:
        follow_ups = fq.follow_up_rows(
            session, today=today, open_only=True, partnership_id=visit.partnership_id
        )
    else:
        follow_ups = fq.follow_up_rows(
            session, today=today, open_only=True, delegation_id=delegation_id
        )
    return Preparation(
        visit=rows[0],
        purpose=visit.purpose,
        itinerary=q.itinerary(session, delegation_id),
        members=briefs,
        gifts=gq.gift_rows(session, delegation_id=delegation_id),
        open_follow_ups=follow_ups,
    )
