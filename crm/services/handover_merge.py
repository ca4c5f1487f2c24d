"""A handover package merged into the database by id, inside the caller's write transaction.

The rules, record by record:
- not in the database: created as the package has it (its id, version and timestamps);
- the same in both (children included): unchanged;
- different: the newer by `updated_at` wins, and the version that loses is kept whole in
  `record_history`. Versions tell a plain update from a conflict: a side whose version is not
  behind the other's was changed on its own, so both sides changed the record. Kinds without a
  change time (organisations, agreements, documents, gifts, follow-ups, interactions) cannot say
  which is newer: the package's version wins there, the database's is kept in the history, and
  the difference is reported as a conflict. Unless the difference is only links one side
  lacks (a link to a record neither package nor database held is left empty, and the package
  that brings the record fills it): that completes the record, it changes nothing;
- a partnership or contact the package says the leaving owner holds goes to the successor,
  unless the database already gave it to someone else.
Staff are matched by name and places by name and country when their ids are unknown here;
an organisation by name when its id is unknown, so that no name is there twice.

Rows are read one block of ids at a time and written with one executemany per block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from crm.domain.contacts import ContactDraft
from crm.services.contacts import generated_fields
from crm.services.handover_kinds import (
    BY_NAME,
    CREATION,
    KINDS,
    REPORT_KINDS,
    STAMPS,
    Child,
    Kind,
    table_of,
)
from crm.services.handover_links import (
    link_organisations,
    link_places,
    link_references,
    link_staff,
    normal_name,
)
from crm.services.handover_records import Incoming, Record
from crm.store import bulk
from crm.store.greeting_models import OfficeGreetingTemplate
from crm.store.models import Contact, Organisation, new_id, utcnow
from crm.store.record_history import keep_versions, version_row

Row = dict[str, Any]
Children = dict[str, list[tuple[Any, ...]]]


@dataclass
class MergeResult:
    successor: str
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORT_KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORT_KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORT_KINDS, 0))
    # (kind, id, label, "theirs" or "ours")
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    # the documents written as the package has them: their bytes are the package's
    documents: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    create: list[Record] = field(default_factory=list)
    replace: list[tuple[Record, int]] = field(default_factory=list)  # with the new version
    move: list[tuple[str, int]] = field(default_factory=list)  # owner only, new version


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives timestamps back without their zone: they are UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


class Merge:
    def __init__(
        self,
        session: Session,
        incoming: Incoming,
        *,
        package_name: str,
        owner: str,
        successor: str,
        reason: str,
        tick: Callable[[int], None],
        acting: str = "",
    ) -> None:
        self.session, self.incoming = session, incoming
        self.acting = acting
        self.package_name = package_name
        self.owner, self.successor = normal_name(owner), normal_name(successor)
        self.reason, self.tick = reason, tick
        self.now = utcnow()
        self.result = MergeResult(successor=self.successor)
        self.moved: dict[str, set[str]] = {"contacts": set(), "partnerships": set()}
        self.leaver_id: str | None = None
        self.successor_id = ""
        self.history: list[Row] = []
        self.successor_links: list[Row] = []
        self.renamed: set[str] = set()
        self.organisation_names: dict[str, tuple[str, ...]] = {}

    def run(self) -> MergeResult:
        staff = link_staff(
            self.session, self.incoming, owner=self.owner, successor=self.successor, now=self.now
        )
        self.leaver_id, self.successor_id, self.moved = (
            staff.leaver_id,
            staff.successor_id,
            staff.moved,
        )
        self.result.successor = staff.successor
        link_places(self.session, self.incoming)
        link_organisations(self.session, self.incoming)
        link_references(self.session, self.incoming, package_name=self.package_name)
        for kind in KINDS:
            self._merge(kind)
            if kind.name == "contacts":
                bulk.update_by_id(self.session, kind.table, self.successor_links)
        self._refresh_renamed()
        self._templates()
        keep_versions(self.session, self.history)
        return self.result

    # Records ---------------------------------------------------------------------------
    def _merge(self, kind: Kind) -> None:
        # In id order: each block then extends the indexes where the last one stopped, rather
        # than at random places all over them (ids are random UUIDs).
        records = sorted(self.incoming.records[kind.name], key=lambda r: r.id)
        if kind.name == "contacts":
            self._read_organisation_names(records)
        for block in bulk.blocks(records):
            ours = bulk.rows_by_id(self.session, kind.table, [r.id for r in block], kind.columns)
            stored_children: dict[str, Children] = {}
            for child in kind.children:
                stored_children[child.key] = bulk.child_rows(
                    self.session,
                    table_of(child.model),
                    child.parent,
                    list(ours),
                    child.columns,
                    child.order,
                )
            plan = _Plan()
            for record in block:
                stored = ours.get(record.id)
                if stored is None:
                    plan.create.append(record)
                    self.result.created[kind.name] += 1
                    continue
                children = {key: rows.get(record.id, []) for key, rows in stored_children.items()}
                self._decide(kind, record, stored, children, plan)
            self._write(kind, plan)
            self.tick(len(block))

    def _content(self, kind: Kind, row: Row, children: Children, *, owner: bool = True) -> Any:
        values = tuple(row[c] for c in kind.compared if owner or c != "owner_id")
        kids = tuple(child.comparable(children.get(child.key, [])) for child in kind.children)
        return values, kids

    def _decide(self, kind: Kind, record: Record, stored: Row, ours: Children, plan: _Plan) -> None:
        if self._content(kind, record.row, record.children) == self._content(kind, stored, ours):
            self.result.unchanged[kind.name] += 1
            return
        moved = record.id in self.moved.get(kind.name, ())
        if (
            moved
            and stored["owner_id"] in (self.leaver_id, None)
            and self._content(kind, record.row, record.children, owner=False)
            == self._content(kind, stored, ours, owner=False)
        ):
            plan.move.append((record.id, stored["version"] + 1))
            self.result.updated[kind.name] += 1
            return
        gaps = self._gaps(kind, record, stored, ours)
        if gaps == "ours":  # the database lacked only links the package has
            plan.replace.append((record, 1))
            self.result.updated[kind.name] += 1
            return
        if gaps == "theirs":  # the package lacks only links the database has
            self.result.unchanged[kind.name] += 1
            return
        theirs_win, conflict = self._winner(kind, record.row, stored)
        kept = "theirs" if theirs_win else "ours"
        if conflict:
            self.result.conflicts.append((kind.name, record.id, record.label, kept))
        if theirs_win:
            if moved and stored["owner_id"] not in (self.leaver_id, None, self.successor_id):
                record.row["owner_id"] = stored["owner_id"]  # given to someone else here
            self._keep(kind.model, record.id, stored, ours)
            version = stored.get("version", 0)
            new = record.row.get("version", 0)
            plan.replace.append((record, new if new > version else version + 1))
            self.result.updated[kind.name] += 1
            if kind.name == "organisations" and (
                (record.row["name"], record.row["name_zh"]) != (stored["name"], stored["name_zh"])
            ):
                self.renamed.add(record.id)
            return
        self._keep(kind.model, record.id, record.row, record.children)
        if moved and stored["owner_id"] == self.leaver_id != self.successor_id:
            plan.move.append((record.id, stored["version"] + 1))
            self.result.updated[kind.name] += 1
        else:
            self.result.unchanged[kind.name] += 1

    def _gaps(self, kind: Kind, record: Record, stored: Row, ours: Children) -> str | None:
        """Which side merely lacks links the other has ("ours": the database), if that is the
        whole difference, for kinds without a change time."""
        if (
            kind.versioned
            or self._content(kind, record.row, record.children)[1]
            != (self._content(kind, stored, ours)[1])
        ):
            return None
        differ = [c for c in kind.compared if record.row[c] != stored[c]]
        if all(stored[c] is None for c in differ):
            return "ours"
        if all(record.row[c] is None for c in differ):
            return "theirs"
        return None

    @staticmethod
    def _winner(kind: Kind, theirs: Row, ours: Row) -> tuple[bool, bool]:
        """(the package's version wins, both sides changed the record)."""
        if not kind.versioned:
            return True, True
        if aware(theirs["updated_at"]) > aware(ours["updated_at"]):
            return True, ours["version"] >= theirs["version"]
        return False, theirs["version"] >= ours["version"]

    def _write(self, kind: Kind, plan: _Plan) -> None:
        table = kind.table
        created = [self._row(kind, record, None) for record in plan.create]
        replaced = [self._row(kind, record, version) for record, version in plan.replace]
        if kind.name == "contacts":
            self._defer_successors([*created, *replaced])
        bulk.insert_rows(self.session, table, created)
        bulk.update_by_id(self.session, table, replaced)
        written = [*plan.create, *(record for record, _ in plan.replace)]
        for child in kind.children:
            bulk.delete_where_in(
                self.session, table_of(child.model), child.parent, [r["id"] for r in replaced]
            )
            rows = self._child_rows(child, written)
            if "id" in child.columns:
                self._fresh_ids(table_of(child.model), rows)
            bulk.insert_rows(self.session, table_of(child.model), rows)
        moves: list[Row] = [
            {"id": i, "owner_id": self.successor_id, "version": v, "updated_at": self.now}
            for i, v in plan.move
        ]
        if "updated_by" in table.c:  # the change of owner is the importer's
            for move in moves:
                move["updated_by"] = self.acting
        bulk.update_by_id(self.session, table, moves)
        if kind.name == "documents":
            self._place_documents(plan)

    def _fresh_ids(self, table: Any, rows: list[Row]) -> None:
        """A new id for a child row whose id another record's row has, here or earlier in
        the package (an itinerary entry moved between delegations, or a package put together
        by hand): the id says nothing of the entry (`Child.compared`), and the import must
        not fail on it."""
        taken: set[str] = set()
        for block in bulk.blocks([row["id"] for row in rows]):
            taken.update(self.session.scalars(select(table.c.id).where(table.c.id.in_(block))))
        for row in rows:
            if row["id"] in taken:
                row["id"] = new_id()
            taken.add(row["id"])

    def _defer_successors(self, rows: list[Row]) -> None:
        """A "successor of" link may point at a contact of a later block: it is set once every
        contact is there."""
        for row in rows:
            if row["successor_of_id"]:
                link = {"id": row["id"], "successor_of_id": row["successor_of_id"]}
                self.successor_links.append(link)
                row["successor_of_id"] = None

    def _row(self, kind: Kind, record: Record, version: int | None) -> Row:
        row: Row = {"id": record.id}
        for column in kind.columns:
            if version is None or column not in CREATION:
                row[column] = record.row[column]
        if version is not None and kind.versioned:
            row["version"] = version
        if kind.name == "contacts":
            row.update(self._generated(record))
        return row

    @staticmethod
    def _child_rows(child: Child, records: Sequence[Record]) -> list[Row]:
        rows = []
        for record in records:
            for position, values in enumerate(record.children.get(child.key, [])):
                row = {child.parent: record.id, **dict(zip(child.columns, values, strict=True))}
                if child.ordered:
                    row["position"] = position
                for column in child.inherit:
                    row[column] = record.row[column]
                rows.append(row)
        return rows

    def _place_documents(self, plan: _Plan) -> None:
        self.result.documents += [record.id for record in plan.create]
        self.result.documents += [record.id for record, _ in plan.replace]

    # Contacts' search columns ------------------------------------------------------------
    def _read_organisation_names(self, contacts: Sequence[Record]) -> None:
        wanted = {c.row["organisation_id"] for c in contacts if c.row["organisation_id"]}
        rows = bulk.rows_by_id(
            self.session, table_of(Organisation), sorted(wanted), ("name", "name_zh")
        )
        self.organisation_names = {i: (r["name"], r["name_zh"]) for i, r in rows.items()}

    def _generated(self, record: Record) -> Row:
        row, children = record.row, record.children
        draft = ContactDraft(
            family_name=row["family_name"],
            given_name=row["given_name"],
            name_zh=row["name_zh"],
            position=row["position"],
            position_zh=row["position_zh"],
            wechat=row["wechat"],
            emails=[e for (e,) in children.get("emails", [])],
            tags=[t for (t,) in children.get("tags", [])],
        )
        names = self.organisation_names.get(row["organisation_id"] or "", ())
        return generated_fields(draft, names)

    def _refresh_renamed(self) -> None:
        """Contacts are found by their organisation's name: a renamed one re-indexes them."""
        if not self.renamed:
            return
        table = table_of(Contact)
        ids: list[str] = []
        for block in bulk.blocks(sorted(self.renamed)):
            ids += self.session.scalars(
                select(table.c.id).where(table.c.organisation_id.in_(block))
            )
        kind = BY_NAME["contacts"]
        columns = [c for c in kind.columns if c not in STAMPS]
        for block in bulk.blocks(ids):
            rows = bulk.rows_by_id(self.session, table, block, columns)
            children: dict[str, Children] = {}
            for child in kind.children:
                children[child.key] = bulk.child_rows(
                    self.session,
                    table_of(child.model),
                    child.parent,
                    block,
                    child.columns,
                    child.order,
                )
            records = [
                Record(i, row, {key: found.get(i, []) for key, found in children.items()})
                for i, row in rows.items()
            ]
            self._read_organisation_names(records)
            bulk.update_by_id(
                self.session, table, [{"id": r.id, **self._generated(r)} for r in records]
            )

    # Templates and history -----------------------------------------------------------------
    def _templates(self) -> None:
        table = table_of(OfficeGreetingTemplate)
        ours = {(r.occasion, r.language): r for r in self.session.execute(select(table))}
        for template in self.incoming.templates:
            key = (template.occasion, template.language)
            theirs = {"subject": template.subject, "body": template.body}
            values = {**theirs, "updated_at": template.updated_at}
            stored = ours.get(key)
            record_id = f"{template.occasion}/{template.language}"
            if stored is None:
                bulk.insert_rows(
                    self.session,
                    table,
                    [{"occasion": key[0], "language": key[1], **values}],
                )
                self.result.created["templates"] += 1
            elif (stored.subject, stored.body) == (template.subject, template.body):
                self.result.unchanged["templates"] += 1
            else:
                theirs_win = template.updated_at > aware(stored.updated_at)
                label = f"{template.occasion} ({template.language})"
                kept = "theirs" if theirs_win else "ours"
                self.result.conflicts.append(("templates", record_id, label, kept))
                if theirs_win:
                    self._keep(OfficeGreetingTemplate, record_id, dict(stored._mapping), {})
                    self.session.execute(
                        table.update()
                        .where(table.c.occasion == key[0], table.c.language == key[1])
                        .values(**values)
                    )
                    self.result.updated["templates"] += 1
                else:
                    self._keep(OfficeGreetingTemplate, record_id, values, {})
                    self.result.unchanged["templates"] += 1
            self.tick(1)

    def _keep(self, model: Any, record_id: str, row: Row, children: Children) -> None:
        """The version that gave way, whole, for the record's history."""
        self.history.append(
            version_row(
                record_type=table_of(model).name,
                record_id=record_id,
                data={**row, **children, "id": record_id},
                reason=self.reason,
                saved_at=self.now,
            )
        )
