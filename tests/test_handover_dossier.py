"""The handover dossier's content, as a successor reads it: no Qt, the sample office's data."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from sqlalchemy import text

from crm.domain.formatting import format_stored_date
from crm.i18n import translator
from crm.services.handover import HandoverService

OWNER = "Louise Dahl Nielsen"
TODAY = dt.date(2026, 11, 25)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class _Chapters(HTMLParser):
    """The visible text of the page, and of each partnership chapter the items of each list,
    under the heading (h4) they follow."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.items: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._partnership = ""
        self._heading: list[str] | None = None
        self._section = ""
        self._item: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("style", "title"):
            self._skip += 1
        elif tag == "div" and found.get("class") == "partnership":
            self._partnership = (found.get("id") or "").removeprefix("p-")
        elif tag == "h4":
            self._heading = []
        elif tag == "li":
            self._item = []
        elif tag == "br" and self._item is not None:
            self._item.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        elif tag == "h4" and self._heading is not None:
            self._section = "".join(self._heading).strip()
            self._heading = None
        elif tag == "li" and self._item is not None:
            self.items[(self._partnership, self._section)].append("".join(self._item))
            self._item = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for sink in (self._heading, self._item):
            if sink is not None:
                sink.append(data)


def _export(services: Any, out: Path, language: str) -> zipfile.ZipFile:
    HandoverService(services.db).export(
        OWNER, out, today=TODAY, translate=translator(language), language=language
    )
    return zipfile.ZipFile(out)


def _read(package: zipfile.ZipFile) -> tuple[str, _Chapters, dict[str, Any]]:
    page = package.read("dossier.html").decode("utf-8")
    chapters = _Chapters()
    chapters.feed(page)
    data = {n: json.loads(package.read(n)) for n in package.namelist() if n.endswith(".json")}
    return page, chapters, data


@pytest.fixture(params=["en", "zh_CN"])
def dossier(
    request: pytest.FixtureRequest, demo_services: Any, tmp_path: Path
) -> tuple[str, str, _Chapters, dict[str, Any]]:
    language = request.param
    page, chapters, data = _read(_export(demo_services, tmp_path / "h.zip", language))
    return language, page, chapters, data


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        ("2026-10-29", "29 October 2026", "2026年10月29日"),
        ("1985", "1985", "1985年"),
        ("1986-10", "October 1986", "1986年10月"),
        ("--04-15", "15 April", "4月15日"),
        ("", "", ""),
        (None, "", ""),
        ("spring 1990", "spring 1990", "spring 1990"),
    ],
)
def test_stored_dates_read_as_people_write_them(value: str | None, en: str, zh: str) -> None:
    assert format_stored_date(value, "en") == en
    assert format_stored_date(value, "zh_CN") == zh


def test_dates_are_babels_in_the_dossiers_language(
    dossier: tuple[str, str, _Chapters, dict[str, Any]],
) -> None:
    language, _page, chapters, data = dossier
    visible = "".join(chapters.text)
    locale = "zh_CN" if language == "zh_CN" else "en_GB"
    assert format_date(TODAY, "long", locale=locale) in visible
    assert ("25 November 2026" if language == "en" else "2026年11月25日") in visible
    for agreement in data["agreements.json"]:
        if agreement["signed_on"]:
            assert format_stored_date(agreement["signed_on"], language) in visible
    assert ("22 September 2015" if language == "en" else "2015年9月22日") in visible
    # No date is left as the database stores it.
    assert ISO_DATE.findall(visible) == []


def test_delegation_leaders_and_members_are_key_people(
    dossier: tuple[str, str, _Chapters, dict[str, Any]],
) -> None:
    language, _page, chapters, data = dossier
    contacts = {c["id"]: c for c in data["contacts.json"]}
    delegations = data["delegations.json"]
    assert delegations
    key = "关键人物" if language == "zh_CN" else "Key people"
    for delegation in delegations:
        people = chapters.items[(delegation["partnership"], key)]
        assert people, delegation["title"]
        for member in [*delegation["members"], {"contact": delegation["leader"], "role": ""}]:
            contact = contacts[member["contact"]]
            name = contact["name_zh"] if language == "zh_CN" else contact["family_name"]
            entry = next(p for p in people if p.startswith(name) or f" {name}" in p.split("\n")[0])
            assert delegation["title"] in entry
            if member["role"]:
                assert member["role"] in entry
            # Their titles in both languages.
            if contact["position"] and contact["position_zh"]:
                assert contact["position"] in entry and contact["position_zh"] in entry


def test_key_people_come_with_our_history_with_them(demo_services: Any, tmp_path: Path) -> None:
    _page, chapters, data = _read(_export(demo_services, tmp_path / "en.zip", "en"))
    contacts = {c["id"]: c for c in data["contacts.json"]}
    shenzhen = next(p for p in data["partnerships.json"] if p["partner"] == "Shenzhen")
    people = chapters.items[(shenzhen["id"], "Key people")]
    checked = 0
    for contact_id in shenzhen["champions"]:
        contact = contacts[contact_id]
        entry = next(p for p in people if p.startswith(contact["family_name"]))
        dates = [
            i["date"]
            for i in data["interactions.json"]
            if any(c["contact"] == contact_id for c in i["contacts"])
        ]
        if dates:
            last = format_stored_date(max(dates), "en")
            assert f"Interactions logged with them: {len(dates)}, the last on {last}." in entry
            checked += 1
        else:
            assert "No interaction logged with them yet." in entry
        assert "Champion of the partnership" in entry
    assert checked


def test_the_chinese_dossier_uses_chinese_names(demo_services: Any, tmp_path: Path) -> None:
    page, chapters, data = _read(_export(demo_services, tmp_path / "zh.zip", "zh_CN"))
    assert '<html lang="zh-CN">' in page
    shenzhen = next(p for p in data["partnerships.json"] if p["partner"] == "Shenzhen")
    assert "<h3>深圳 / Shenzhen</h3>" in page
    contacts = {c["id"]: c for c in data["contacts.json"]}
    people = chapters.items[(shenzhen["id"], "关键人物")]
    for contact_id in shenzhen["champions"]:
        contact = contacts[contact_id]
        assert contact["name_zh"]
        assert any(p.startswith(f"{contact['name_zh']}（") for p in people)
    visible = "".join(chapters.text)
    assert "Louise Dahl Nielsen的工作交接手册" in visible
    # The people at an interaction go by their Chinese names too.
    recent = chapters.items[(shenzhen["id"], "近期往来")]
    assert any("林晓燕（Lin Xiaoyan）" in r for r in recent)


def test_every_value_is_escaped(demo_services: Any, tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & <b>co</b>"
    with demo_services.db.write() as session:
        session.execute(text("UPDATE contact SET position = :v"), {"v": hostile})
        session.execute(text("UPDATE delegation_member SET role = :v"), {"v": hostile})
        session.execute(
            text("UPDATE delegation SET title = :title, outcomes = :outcomes"),
            {"title": hostile, "outcomes": hostile},
        )
        session.execute(text("UPDATE interaction SET note = :v"), {"v": hostile})
        session.execute(text("UPDATE follow_up SET description = :v"), {"v": hostile})
    for language in ("en", "zh_CN"):
        page, chapters, _data = _read(
            _export(demo_services, tmp_path / f"{language}.zip", language)
        )
        assert "<script>" not in page and "<b>co</b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;" in page
        assert hostile in "".join(chapters.text)


def test_print_rules_qt_understands(demo_services: Any, tmp_path: Path) -> None:
    page, _chapters, data = _read(_export(demo_services, tmp_path / "en.zip", "en"))
    style = re.search(r"<style>(.*)</style>", page, re.S)
    assert style is not None
    assert "@media print{div.partnership{page-break-before:always}}" in style[1]
    # Qt reads margins and padding in px only: a pt margin would silently be none.
    assert not re.search(r"(margin|padding)[^;}]*\dpt", style[1])
    assert page.count('<div class="partnership"') == len(data["partnerships.json"])
