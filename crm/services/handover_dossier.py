"""The handover dossier: the page a successor reads on the first morning, in the chosen language.

First what the successor needs on the first morning: the partnerships at a glance, the open
follow-ups and what is due in the next 12 months; then one chapter per partnership (its story and
status, its people and our history with each, its paper, its visits, its recent contacts).

Decisions:
- HTML that both a browser and Qt's rich-text engine (which lays out the PDF) understand: tables
  rather than CSS layout, and `page-break-before` under `@media print` so that each partnership
  starts on a new page when printed.
- Dates through Babel in the dossier's language ("29 October 2026", "2026年10月29日"); a date
  known only to the year or month stays so ("1985", "1986年10月").
- In Chinese, people, places and organisations go by their Chinese names where known, with the
  Latin form beside them, as a Chinese colleague would write them.
- Every value is escaped; translations are escaped after their parameters are filled in.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from crm.domain.formatting import babel_locale, format_stored_date
from crm.domain.names import full_label, latin_name
from crm.domain.partnerships import (
    AGREEMENT_KIND_LABELS,
    DELEGATION_DIRECTION_LABELS,
    DELEGATION_STATUS_LABELS,
    INTERACTION_KIND_LABELS,
    PARTNERSHIP_STATUS_LABELS,
    PARTNERSHIP_TYPE_LABELS,
)
from crm.domain.text import QT_TRANSLATE_NOOP, Text, Translator
from crm.domain.visit_formatting import format_visit_dates

if TYPE_CHECKING:
    from crm.services.handover import _Selection

Item = dict[str, Any]
RECENT_INTERACTIONS = 10

# The sentence `crm greet --owner` already says, in the same context so it shares its translation.
TITLE = QT_TRANSLATE_NOOP("Handover", "Handover dossier of {owner}")
PREPARED = QT_TRANSLATE_NOOP("Handover", "Prepared on {date}.")
PARTNERSHIPS = QT_TRANSLATE_NOOP("Handover", "Partnerships")
NO_PARTNERSHIPS = QT_TRANSLATE_NOOP("Handover", "{owner} owns no partnerships.")
PARTNER = QT_TRANSLATE_NOOP("Handover", "Partner")
LAST_CONTACT = QT_TRANSLATE_NOOP("Handover", "Last contact")
STATUS = QT_TRANSLATE_NOOP("Handover", "Status")
TYPE = QT_TRANSLATE_NOOP("Handover", "Type")
FORMALISED = QT_TRANSLATE_NOOP("Handover", "Formalised on")
AREAS = QT_TRANSLATE_NOOP("Handover", "Cooperation areas")
STORY = QT_TRANSLATE_NOOP("Handover", "The story so far")
AGREEMENTS = QT_TRANSLATE_NOOP("Handover", "Agreements")
SIGNED = QT_TRANSLATE_NOOP("Handover", "signed {date}")
REVIEW = QT_TRANSLATE_NOOP("Handover", "review {date}")
EXPIRES = QT_TRANSLATE_NOOP("Handover", "expires {date}")
DOCUMENTS = QT_TRANSLATE_NOOP("Handover", "Documents: {names}")
DELEGATIONS = QT_TRANSLATE_NOOP("Handover", "Delegations")
LED_BY = QT_TRANSLATE_NOOP("Handover", "Led by {name}.")
OUTCOMES = QT_TRANSLATE_NOOP("Handover", "Outcomes: {outcomes}")
GIFTS_GIVEN = QT_TRANSLATE_NOOP("Handover", "Gifts given: {gifts}")
GIFTS_RECEIVED = QT_TRANSLATE_NOOP("Handover", "Gifts received: {gifts}")
RECENT = QT_TRANSLATE_NOOP("Handover", "Recent interactions")
KEY_PEOPLE = QT_TRANSLATE_NOOP("Handover", "Key people")
CHAMPION = QT_TRANSLATE_NOOP("Handover", "Champion of the partnership")
SIGNATORY = QT_TRANSLATE_NOOP("Handover", "Signed: {agreement}")
DELEGATION_LEADER = QT_TRANSLATE_NOOP("Handover", "Head of delegation: {delegation}")
DELEGATION_MEMBER = QT_TRANSLATE_NOOP("Handover", "Member of the delegation: {delegation}")
DELEGATION_ROLE = QT_TRANSLATE_NOOP("Handover", "{role}: {delegation}")
HISTORY = QT_TRANSLATE_NOOP(
    "Handover", "Interactions logged with them: {count}, the last on {date}."
)
NO_HISTORY = QT_TRANSLATE_NOOP("Handover", "No interaction logged with them yet.")
DUE = QT_TRANSLATE_NOOP("Handover", "Due in the next 12 months")
FOLLOW_UPS = QT_TRANSLATE_NOOP("Handover", "Open follow-ups")
NO_DATE = QT_TRANSLATE_NOOP("Handover", "no date")
NONE = QT_TRANSLATE_NOOP("Handover", "None.")

# Qt's rich-text engine reads class and element selectors, `@media` (the PDF renderer asks for
# "print"), `page-break-before: always`, margins and cell padding in px (1/96 inch in print as on
# screen; it ignores pt there) and font sizes in pt. A browser reads it all, including the
# `avoid` rules Qt ignores. No line-height in print: CJK fonts are tall enough as they are.
CSS = (
    "body{font-family:sans-serif;font-size:10pt;color:#222}"
    "h1{font-size:20pt;margin-bottom:0}"
    "h2{font-size:15pt;margin-top:24px;margin-bottom:8px;color:#1d4e79}"
    "h3{font-size:15pt;margin-top:0;margin-bottom:8px;color:#1d4e79}"
    "h4{font-size:11pt;margin-top:14px;margin-bottom:4px;color:#444}"
    "h2,h3,h4{page-break-after:avoid}"
    "li,tr{page-break-inside:avoid}"
    "li{margin-bottom:4px}"
    "p.prepared{color:#666;margin-top:2px}"
    "table{border-collapse:collapse}"
    "th,td{padding:3px 14px 3px 0;text-align:left;vertical-align:baseline}"
    "table.summary th{border-bottom:1px solid #888;color:#444}"
    "table.summary td{border-bottom:1px solid #ddd}"
    "table.facts th{font-weight:normal;color:#666}"
    "td.date,td.name{white-space:nowrap}"
    ".history{color:#555}"
    "@media screen{body{max-width:48em;margin:auto;padding:0 1em;line-height:140%}}"
    "@media print{div.partnership{page-break-before:always}}"
)


def dossier_html(
    chosen: _Selection,
    agenda: list[Item],
    *,
    today: dt.date,
    translate: Translator | None,
    language: str,
) -> str:
    """A page a successor reads first: per partnership the story, the people, the paper and the
    visits, then what is coming. Every value is escaped."""
    return _Dossier(chosen, translate=translate, language=language).page(agenda, today)


class _Dossier:
    def __init__(self, chosen: _Selection, *, translate: Translator | None, language: str) -> None:
        self.chosen = chosen
        self.translate = translate
        self.language = language
        self.chinese = language.startswith("zh")
        self.contacts = {c["id"]: c for c in chosen.contacts}
        self.partners = {p["id"]: p for p in chosen.partnerships}
        self.organisations_zh = {o["name"]: o.get("name_zh") or "" for o in chosen.organisations}
        # Indexes, built once: an owner's package may hold 200,000 interactions, and every
        # partnership and every key person asks of them.
        self._agreements: dict[str, list[Item]] = defaultdict(list)
        for a in chosen.agreements:
            self._agreements[a["partnership"]].append(a)
        self._delegations: dict[str, list[Item]] = defaultdict(list)
        visit_partnership: dict[str, str] = {}
        for d in chosen.delegations:
            self._delegations[d["partnership"]].append(d)
            visit_partnership[d["id"]] = d["partnership"]
        self._interactions: dict[str, list[Item]] = defaultdict(list)
        self._history: dict[str, tuple[int, str]] = {}  # contact -> (interactions, last date)
        for i in chosen.interactions:
            about = {i["partnership"], visit_partnership.get(i.get("delegation") or "")}
            for partnership in about - {None, ""}:
                self._interactions[partnership].append(i)
            for x in i["contacts"]:
                count, last = self._history.get(x["contact"], (0, ""))
                self._history[x["contact"]] = (count + 1, max(last, i["date"] or ""))

    # Words ------------------------------------------------------------------------------
    def t(self, text: Text, /, **params: Any) -> str:
        return html.escape(text.with_params(**params).render(self.translate))

    def label(self, labels: dict[Any, Text], code: str) -> str:
        for key, text in labels.items():
            if str(key) == code:
                return html.escape(text.render(self.translate))
        return html.escape(code)

    def date(self, value: str | None) -> str:
        return format_stored_date(value, self.language)

    def both(self, latin: str, chinese: str) -> str:
        """ "Mayor / 市长" in English, "市长 / Mayor" in Chinese, or whichever is known."""
        first, second = (chinese, latin) if self.chinese else (latin, chinese)
        return " / ".join(x for x in (first, second) if x)

    def person(self, contact_id: str | None, fallback: str = "") -> str:
        """ "Wang Fang (王芳)" in English, "王芳（Wang Fang）" in Chinese."""
        c = self.contacts.get(contact_id or "")
        if c is None:
            return fallback
        if not self.chinese or not c["name_zh"]:
            return full_label(c["family_name"], c["given_name"], c["name_zh"])
        latin = latin_name(c["family_name"], c["given_name"], c["name_zh"])
        return f"{c['name_zh']}（{latin}）" if latin else c["name_zh"]

    def short_person(self, contact_id: str | None) -> str:
        """One name, for inside brackets: "He Jun" in English, "何俊" in Chinese."""
        c = self.contacts.get(contact_id or "")
        if c is None:
            return ""
        latin = latin_name(c["family_name"], c["given_name"], c["name_zh"])
        return (c["name_zh"] or latin) if self.chinese else (latin or c["name_zh"])

    def people(self, items: Iterable[Item]) -> str:
        return self.listing(self.person(i["contact"], i.get("name") or "") for i in items)

    def partner(self, p: Item) -> str:
        return self.both(p["partner"], p.get("partner_zh") or "")

    def organisation(self, name: str) -> str:
        """In the dossier's language where known: the full Chinese name of a Chinese office is
        long enough on its own."""
        return (self.organisations_zh.get(name) or name) if self.chinese else name

    @property
    def colon(self) -> str:
        return "：" if self.chinese else ": "

    def listing(self, items: Iterable[str]) -> str:
        """ "a, b, c" in English, "a、b、c" in Chinese (the enumeration comma)."""
        return ("、" if self.chinese else ", ").join(x for x in items if x)

    def bracketed(self, text: str, note: str) -> str:
        if not note:
            return text
        return f"{text}（{note}）" if self.chinese else f"{text} ({note})"

    # The page ---------------------------------------------------------------------------
    def page(self, agenda: list[Item], today: dt.date) -> str:
        e = html.escape
        title = self.t(TITLE, owner=self.chosen.owner)
        prepared = format_date(today, "long", locale=babel_locale(self.language))
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{e(self.language.replace("_", "-"))}">',
            '<head><meta charset="utf-8">',
            f"<title>{title}</title>",
            f"<style>{CSS}</style></head><body>",
            f"<h1>{title}</h1>",
            f'<p class="prepared">{self.t(PREPARED, date=prepared)}</p>',
            f"<h2>{self.t(PARTNERSHIPS)}</h2>",
        ]
        if not self.chosen.partnerships:
            out.append(f"<p>{self.t(NO_PARTNERSHIPS, owner=self.chosen.owner)}</p>")
        else:
            out.extend(self.summary())
        # The first page is the first morning: what we have, what is open, what is coming.
        out.extend(self.follow_ups())
        out.extend(self.due(agenda))
        for p in self.chosen.partnerships:
            out.extend(self.partnership(p))
        out.append("</body></html>")
        return "\n".join(out) + "\n"

    def summary(self) -> list[str]:
        e = html.escape
        heads = (PARTNER, STATUS, TYPE, FORMALISED, LAST_CONTACT)
        out = ['<table class="summary" width="100%">']
        out.append("<tr>" + "".join(f"<th>{self.t(h)}</th>" for h in heads) + "</tr>")
        for p in self.chosen.partnerships:
            last = max((i["date"] for i in self.interactions_of(p)), default=None)
            cells = (
                e(self.partner(p)),
                self.label(PARTNERSHIP_STATUS_LABELS, p["status"]),
                self.label(PARTNERSHIP_TYPE_LABELS, p["type"]),
                e(self.date(p["formalised_on"])) or "—",
                e(self.date(last)) or "—",
            )
            classes = ("name", "", "", "date", "date")
            out.append(
                "<tr>"
                + "".join(
                    f'<td class="{k}">{c}</td>' if k else f"<td>{c}</td>"
                    for k, c in zip(classes, cells, strict=True)
                )
                + "</tr>"
            )
        out.append("</table>")
        return out

    def partnership(self, p: Item) -> list[str]:
        e = html.escape
        out = [f'<div class="partnership" id="p-{e(p["id"])}">']
        out.append(f"<h3>{e(self.partner(p))}</h3>")
        facts = [
            (STATUS, self.label(PARTNERSHIP_STATUS_LABELS, p["status"])),
            (TYPE, self.label(PARTNERSHIP_TYPE_LABELS, p["type"])),
            (FORMALISED, e(self.date(p["formalised_on"])) or "—"),
            (AREAS, e(self.listing(p["areas"]))),
        ]
        out.append('<table class="facts">')
        out.extend(f"<tr><th>{self.t(name)}</th><td>{value}</td></tr>" for name, value in facts)
        out.append("</table>")
        if p.get("notes"):
            out.append(f"<h4>{self.t(STORY)}</h4>{_paragraphs(p['notes'])}")
        out.extend(self.key_people(p))
        out.extend(self.agreements(p))
        out.extend(self.delegations(p))
        out.extend(self.recent(p))
        out.append("</div>")
        return out

    # Per partnership ----------------------------------------------------------------------
    def agreements_of(self, p: Item) -> list[Item]:
        return self._agreements.get(p["id"], [])

    def delegations_of(self, p: Item) -> list[Item]:
        return self._delegations.get(p["id"], [])

    def interactions_of(self, p: Item) -> list[Item]:
        """About the partnership or one of its delegations, in the selection's order."""
        return self._interactions.get(p["id"], [])

    def delegation_name(self, d: Item) -> str:
        return self.bracketed(
            d["title"], format_visit_dates(d["start"] or "", d["end"] or "", self.language)
        )

    def key_people(self, p: Item) -> list[str]:
        """Champions, delegation leaders and members, signatories: each with their titles in both
        languages, why they matter here, and how much we have been in touch."""
        roles: dict[str, list[str]] = {}

        def add(contact_id: str | None, role: str) -> None:
            if contact_id in self.contacts:
                assert contact_id is not None
                found = roles.setdefault(contact_id, [])
                if role not in found:
                    found.append(role)

        for contact_id in p.get("champions") or []:
            add(contact_id, self.t(CHAMPION))
        for d in reversed(self.delegations_of(p)):  # the latest visit first
            name = self.delegation_name(d)
            members = {m["contact"]: m for m in d["members"] if m.get("contact")}
            leader = d.get("leader")
            if leader and leader not in members:
                add(leader, self.t(DELEGATION_LEADER, delegation=name))
            for contact_id, member in members.items():
                # The role as the office wrote it ("Mayor, head of delegation"), else what we know.
                role = (member.get("role") or "").strip()
                if role:
                    add(contact_id, self.t(DELEGATION_ROLE, role=role, delegation=name))
                elif contact_id == leader:
                    add(contact_id, self.t(DELEGATION_LEADER, delegation=name))
                else:
                    add(contact_id, self.t(DELEGATION_MEMBER, delegation=name))
        for a in self.agreements_of(p):
            for s in a["signatories"]:
                add(s["contact"], self.t(SIGNATORY, agreement=a["title"]))
        out = [f"<h4>{self.t(KEY_PEOPLE)}</h4>"]
        if not roles:
            return [*out, f"<p>{self.t(NONE)}</p>"]
        out.append("<ul>")
        for contact_id, found in roles.items():
            out.append(f"<li>{self.key_person(contact_id, found)}</li>")
        out.append("</ul>")
        return out

    def key_person(self, contact_id: str, roles: list[str]) -> str:
        e = html.escape
        c = self.contacts[contact_id]
        titles = self.both(c.get("position") or "", c.get("position_zh") or "")
        details = ", ".join(
            x for x in (titles, self.organisation(c.get("organisation") or "")) if x
        )
        line = f"<b>{e(self.person(contact_id))}</b>"
        if details:
            line += f" — {e(details)}"
        line += "<br>" + "<br>".join(roles)
        count, last = self._history.get(contact_id, (0, ""))
        history = (
            self.t(HISTORY, count=count, date=self.date(last)) if count else self.t(NO_HISTORY)
        )
        return f'{line}<br><span class="history">{history}</span>'

    def agreements(self, p: Item) -> list[str]:
        e = html.escape
        agreements = self.agreements_of(p)
        out = [f"<h4>{self.t(AGREEMENTS)}</h4>"]
        if not agreements:
            return [*out, f"<p>{self.t(NONE)}</p>"]
        out.append("<ul>")
        for a in agreements:
            dates = [
                self.t(text, date=self.date(a[key]))
                for text, key in (
                    (SIGNED, "signed_on"),
                    (REVIEW, "review_on"),
                    (EXPIRES, "expires_on"),
                )
                if a[key]
            ]
            line = f"<b>{self.label(AGREEMENT_KIND_LABELS, a['kind'])}</b> {e(a['title'])}"
            line = self.bracketed(line, self.listing(dates))
            names = self.people(a["signatories"])
            if names:
                line += f" — {e(names)}"
            if a["documents"]:
                files = self.listing(d["filename"] for d in a["documents"])
                line += f"<br>{self.t(DOCUMENTS, names=files)}"
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
        return out

    def delegations(self, p: Item) -> list[str]:
        e = html.escape
        visits = list(reversed(self.delegations_of(p)))
        if not visits:
            return []
        out = [f"<h4>{self.t(DELEGATIONS)}</h4>", "<ul>"]
        for d in visits:
            when = format_visit_dates(d["start"] or "", d["end"] or "", self.language)
            direction = self.label(DELEGATION_DIRECTION_LABELS, d["direction"])
            status = self.label(DELEGATION_STATUS_LABELS, d["status"])
            line = f"<b>{e(when)}</b> " if when else ""
            line += self.bracketed(f"{direction}{self.colon}{e(d['title'])}", status)
            notes = []
            if d.get("leader") in self.contacts:
                notes.append(self.t(LED_BY, name=self.person(d["leader"])))
            if d.get("outcomes"):
                notes.append(self.t(OUTCOMES, outcomes=d["outcomes"]))
            for direction_code, text in (("given", GIFTS_GIVEN), ("received", GIFTS_RECEIVED)):
                gifts = [g for g in d.get("gifts") or [] if g["direction"] == direction_code]
                if gifts:
                    names = self.listing(self.gift(g) for g in gifts)
                    notes.append(self.t(text, gifts=names))
            out.append(f"<li>{line}" + "".join(f"<br>{n}" for n in notes) + "</li>")
        out.append("</ul>")
        return out

    def gift(self, g: Item) -> str:
        return self.bracketed(g["description"], self.short_person(g.get("contact")))

    def recent(self, p: Item) -> list[str]:
        e = html.escape
        about = sorted(self.interactions_of(p), key=lambda i: (i["date"], i["id"]), reverse=True)
        out = [f"<h4>{self.t(RECENT)}</h4>"]
        if not about:
            return [*out, f"<p>{self.t(NONE)}</p>"]
        out.append("<ul>")
        for i in about[:RECENT_INTERACTIONS]:
            who = self.people(i["contacts"])
            kind = self.label(INTERACTION_KIND_LABELS, i["kind"])
            note = f"{self.colon}{e(i['note'])}" if i["note"] else ""
            out.append(f"<li><b>{e(self.date(i['date']))}</b> {kind} — {e(who)}{note}</li>")
        out.append("</ul>")
        return out

    # What is coming ---------------------------------------------------------------------
    def due(self, agenda: list[Item]) -> list[str]:
        e = html.escape
        out = [f"<h2>{self.t(DUE)}</h2>"]
        if not agenda:
            return [*out, f"<p>{self.t(NONE)}</p>"]
        out.append('<table class="agenda">')
        for item in agenda:
            date = e(self.date(item["date"]))
            out.append(f'<tr><td class="date">{date}</td><td>{e(item["title"])}</td></tr>')
        out.append("</table>")
        return out

    def follow_ups(self) -> list[str]:
        e = html.escape
        out = [f"<h2>{self.t(FOLLOW_UPS)}</h2>"]
        if not self.chosen.follow_ups:
            return [*out, f"<p>{self.t(NONE)}</p>"]
        out.append('<table class="follow-ups">')
        for f in self.chosen.follow_ups:
            partner = self.partners.get(f["partnership"] or "")
            where = ""
            if partner:
                zh = partner.get("partner_zh") or ""
                where = zh if self.chinese and zh else partner["partner"]
            due = e(self.date(f["due_on"])) if f["due_on"] else self.t(NO_DATE)
            out.append(
                f'<tr><td class="date">{due}</td><td>{e(where)}</td>'
                f"<td>{e(f['description'])}</td></tr>"
            )
        out.append("</table>")
        return out


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "".join(f"<p>{html.escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)
