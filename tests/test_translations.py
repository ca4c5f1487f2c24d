"""Translations: current with the code, complete, compiled, and faithful to placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%n|%\d|\{[a-z_]+\}")


def messages(name: str) -> list[tuple[str, str, list[str]]]:
    root = ET.parse(TRANSLATIONS / name).getroot()
    found = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            found.append((context.findtext("name", ""), message.findtext("source", ""), forms))
    return found


def test_the_catalogues_are_current_and_complete() -> None:
    result = subprocess.run(
        [sys.executable, str(TRANSLATIONS / "update.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["crm_zh_CN.ts", "crm_en.ts"])
def test_the_compiled_catalogue_is_not_stale(name: str, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    source = TRANSLATIONS / name
    flag = "-removeidentical" if name == "crm_en.ts" else "-nounfinished"
    subprocess.run(
        ["pyside6-lrelease", "-silent", flag, str(source), "-qm", str(fresh)], check=True
    )
    assert fresh.read_bytes() == source.with_suffix(".qm").read_bytes(), (
        f"{name} changed after its .qm was built: run python translations/update.py"
    )


@pytest.mark.parametrize("name", ["crm_zh_CN.ts", "crm_en.ts"])
def test_every_translation_keeps_its_placeholders(name: str) -> None:
    for context, source, forms in messages(name):
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in forms:
            assert form, f"{context}: {source!r} has an empty translation"
            kept = sorted(set(PLACEHOLDER.findall(form)))
            # A singular form may spell out the number ("this contact") instead of %n.
            if "%n" in wanted and "%n" not in kept:
                kept = sorted({*kept, "%n"})
            assert kept == wanted, f"{context}: {source!r} -> {form!r}"


# Names that stay as they are in any language.
KEPT = {
    "Liaison",
    "Liaison %1",
    "{status}:",
    "{role}: {delegation}",
    "{name} — {partnerships}, {contacts}",
}


def test_chinese_is_chinese() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    untranslated = [
        f"{context}: {source}"
        for context, source, forms in messages("crm_zh_CN.ts")
        if han.search(source) is None
        and not any(han.search(f) for f in forms)
        and re.search(r"[A-Za-z]{3,}", source)
        and source not in KEPT
    ]
    assert not untranslated, untranslated
