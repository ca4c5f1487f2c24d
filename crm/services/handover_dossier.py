"""The handover dossier: the page a successor reads on the first morning, in the chosen language.

Per partnership its story and status, its paper and its people, then what is due in the next
12 months and the open follow-ups. Written as HTML (every value escaped); the PDF is the same
HTML laid out by the UI layer's renderer.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from crm.domain.names import full_label
from crm.domain.partnerships import (
    AGREEMENT_KIND_LABELS,
    INTERACTION_KIND_LABELS,
    PARTNERSHIP_STATUS_LABELS,
    PARTNERSHIP_TYPE_LABELS,
)
from crm.domain.text import QT_TRANSLATE_NOOP, Text, Translator

if TYPE_CHECKING:
    from crm.services.handover import _Selection

Item = dict[str, Any]
RECENT_INTERACTIONS = 10

# The sentence `crm greet --owner` already says, in the same context so it shares its translation.
TITLE = QT_TRANSLATE_NOOP("Handover", "Handover dossier of {owner}")
PREPARED = QT_TRANSLATE_NOOP("Handover", "Prepared on {date}.")
PARTNERSHIPS = QT_TRANSLATE_NOOP("Handover", "Partnerships")
NO_PARTNERSHIPS = QT_TRANSLATE_NOOP("Handover", "{owner} owns no partnerships.")
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
RECENT = QT_TRANSLATE_NOOP("Handover", "Recent interactions")
KEY_PEOPLE = QT_TRANSLATE_NOOP("Handover", "Key people")
DUE = QT_TRANSLATE_NOOP("Handover", "Due in the next 12 months")
FOLLOW_UPS = QT_TRANSLATE_NOOP("Handover", "Open follow-ups")
NO_DATE = QT_TRANSLATE_NOOP("Handover", "no date")
NONE = QT_TRANSLATE_NOOP("Handover", "None.")


def dossier_html(
    chosen: _Selection,
    agenda: list[Item],
    *,
    today: dt.date,
    translate: Translator | None,
    language: str,
) -> str:
    """A page a successor reads first: per partnership the story, the paper and the people,
    then what is coming. Every value is escaped."""

    def t(text: Text, **params: Any) -> str:
        return html.escape(text.with_params(**params).render(translate))

    def label(labels: dict[Any, Text], code: str) -> str:
        for key, text in labels.items():
            if str(key) == code:
                return html.escape(text.render(translate))
        return html.escape(code)

    e = html.escape
    chinese = language.startswith("zh")
    contacts = {c["id"]: c for c in chosen.contacts}
    partners = {p["id"]: p for p in chosen.partnerships}
    title = t(TITLE, owner=chosen.owner)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language.replace("_", "-"))}">',
        '<head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:auto;line-height:1.4}"
        "h2{border-bottom:1px solid #999}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{t(PREPARED, date=today.isoformat())}</p>",
        f"<h2>{t(PARTNERSHIPS)}</h2>",
    ]
    if not chosen.partnerships:
        out.append(f"<p>{t(NO_PARTNERSHIPS, owner=chosen.owner)}</p>")
    for p in chosen.partnerships:
        out.append(f'<section id="p-{e(p["id"])}">')
        out.append(f"<h3>{e(_both(p['partner'], p.get('partner_zh') or ''))}</h3>")
        out.append("<dl>")
        facts = [
            (STATUS, label(PARTNERSHIP_STATUS_LABELS, p["status"])),
            (TYPE, label(PARTNERSHIP_TYPE_LABELS, p["type"])),
            (FORMALISED, e(p["formalised_on"] or "")),
            (AREAS, e(", ".join(p["areas"]))),
        ]
        out.extend(f"<dt>{t(name)}</dt><dd>{value}</dd>" for name, value in facts)
        out.append("</dl>")
        if p.get("notes"):
            out.append(f"<h4>{t(STORY)}</h4>{_paragraphs(p['notes'])}")
        agreements = [a for a in chosen.agreements if a["partnership"] == p["id"]]
        people = list(p.get("champions") or [])
        out.append(f"<h4>{t(AGREEMENTS)}</h4>")
        out.append("<ul>" if agreements else f"<p>{t(NONE)}</p>")
        for a in agreements:
            dates = [
                t(text, date=a[key])
                for text, key in (
                    (SIGNED, "signed_on"),
                    (REVIEW, "review_on"),
                    (EXPIRES, "expires_on"),
                )
                if a[key]
            ]
            line = f"<b>{label(AGREEMENT_KIND_LABELS, a['kind'])}</b> {e(a['title'])}"
            if dates:
                line += f" ({', '.join(dates)})"
            names = ", ".join(s["name"] for s in a["signatories"])
            if names:
                line += f" — {e(names)}"
            if a["documents"]:
                files = ", ".join(d["filename"] for d in a["documents"])
                line += f"<br>{t(DOCUMENTS, names=files)}"
            out.append(f"<li>{line}</li>")
            people.extend(s["contact"] for s in a["signatories"])
        if agreements:
            out.append("</ul>")
        about = [i for i in chosen.interactions if i["partnership"] == p["id"]]
        recent = sorted(about, key=lambda i: (i["date"], i["id"]), reverse=True)
        out.append(f"<h4>{t(RECENT)}</h4>")
        out.append("<ul>" if recent else f"<p>{t(NONE)}</p>")
        for i in recent[:RECENT_INTERACTIONS]:
            who = ", ".join(c["name"] for c in i["contacts"])
            kind = label(INTERACTION_KIND_LABELS, i["kind"])
            note = f": {e(i['note'])}" if i["note"] else ""
            out.append(f"<li>{e(i['date'])} <b>{kind}</b> {e(who)}{note}</li>")
        if recent:
            out.append("</ul>")
        out.append(f"<h4>{t(KEY_PEOPLE)}</h4>")
        known = [contacts[c] for c in dict.fromkeys(people) if c in contacts]
        out.append("<ul>" if known else f"<p>{t(NONE)}</p>")
        for c in known:
            name = full_label(c["family_name"], c["given_name"], c["name_zh"])
            titles = _both(c.get("position") or "", c.get("position_zh") or "")
            where = c.get("organisation") or ""
            details = ", ".join(x for x in (titles, where) if x)
            out.append(f"<li><b>{e(name)}</b>{' — ' + e(details) if details else ''}</li>")
        if known:
            out.append("</ul>")
        out.append("</section>")
    out.append(f"<h2>{t(DUE)}</h2>")
    out.append("<ul>" if agenda else f"<p>{t(NONE)}</p>")
    out.extend(f"<li>{e(item['date'])} {e(item['title'])}</li>" for item in agenda)
    if agenda:
        out.append("</ul>")
    out.append(f"<h2>{t(FOLLOW_UPS)}</h2>")
    out.append("<ul>" if chosen.follow_ups else f"<p>{t(NONE)}</p>")
    for f in chosen.follow_ups:
        partner = partners.get(f["partnership"] or "")
        where = ""
        if partner:
            zh = partner.get("partner_zh") or ""
            where = f" ({e(zh if chinese and zh else partner['partner'])})"
        due = e(f["due_on"]) if f["due_on"] else t(NO_DATE)
        out.append(f"<li>{due}{where}: {e(f['description'])}</li>")
    if chosen.follow_ups:
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _both(latin: str, chinese: str) -> str:
    """ "Mayor / 市长", or whichever of the two is known."""
    return " / ".join(x for x in (latin, chinese) if x)


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "".join(f"<p>{html.escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)
