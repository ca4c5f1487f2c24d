"""The dossier as a PDF: the sample office's handover, in English and Chinese, with its Chinese
text really in the font (no empty boxes), embedded, and extractable as written."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from crm.i18n import translator
from crm.services.handover import HandoverService

OWNER = "Louise Dahl Nielsen"
TODAY = dt.date(2026, 11, 25)
TITLES = {"en": f"Handover dossier of {OWNER}", "zh_CN": f"{OWNER}的工作交接手册"}
# Characters that share a glyph with an ideograph or a dash in CJK fonts: a PDF whose text layer
# names them instead of what the page shows cannot be searched (see crm/ui/pdf_text_layer.py).
LOOK_ALIKES = re.compile("[\u2e80-\u2fdf\u2012]")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["en", "zh_CN"])
def exported(
    request: pytest.FixtureRequest, qapp: Any, demo_services: Any, tmp_path: Path
) -> tuple[str, str, Path]:
    """(language, dossier HTML, dossier PDF on disk) of the sample office's handover."""
    from crm.ui.dossier_pdf import render_pdf

    language = request.param
    out = tmp_path / f"handover-{language}.zip"
    HandoverService(demo_services.db).export(
        OWNER,
        out,
        today=TODAY,
        translate=translator(language),
        language=language,
        pdf=lambda page: render_pdf(page, language=language),
    )
    package = zipfile.ZipFile(out)
    pdf = tmp_path / f"dossier-{language}.pdf"
    pdf.write_bytes(package.read("dossier.pdf"))
    return language, package.read("dossier.html").decode("utf-8"), pdf


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return found


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_it_is_a_pdf_with_pages(exported: tuple[str, str, Path]) -> None:
    _language, _html, pdf = exported
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    # A page for what is coming, then one at least for each of the four partnerships.
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 5


def test_every_character_is_in_the_chosen_font(exported: tuple[str, str, Path]) -> None:
    from crm.ui.dossier_pdf import cjk_family, dossier_families, missing_glyphs

    language, html, _pdf = exported
    family = cjk_family()
    assert family in dossier_families(language)
    assert "成都" in html
    assert missing_glyphs(html, family) == set()


def test_a_font_without_chinese_is_caught(qapp: Any) -> None:
    from crm.ui.dossier_pdf import missing_glyphs

    assert missing_glyphs("<p>成都</p>", "No Such Family") == {"成", "都"}


def test_the_chinese_font_is_embedded(exported: tuple[str, str, Path]) -> None:
    from crm.ui.dossier_pdf import cjk_family

    _language, _html, pdf = exported
    listing = _run(_tool("pdffonts"), str(pdf)).splitlines()[2:]
    wanted = re.sub(r"[\s-]", "", cjk_family()).casefold()
    embedded = []
    for row in listing:
        name, *rest = row.split()
        # Columns after the name: type (one or more words), encoding, emb, sub, uni, id, gen.
        emb = rest[-5]
        if emb == "yes":
            embedded.append(re.sub(r"^[A-Z]{6}\+", "", name).replace("-", "").casefold())
    # Both dossiers name people in Chinese, so both embed the Chinese font.
    assert any(font.startswith(wanted) for font in embedded), listing


def test_the_text_layer_says_what_the_page_shows(exported: tuple[str, str, Path]) -> None:
    language, _html, pdf = exported
    text = _run(_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-")
    assert TITLES[language] in text
    assert "成都" in text and "Chengdu" in text
    assert LOOK_ALIKES.findall(text) == []
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    # The footer numbers every page ("3 / 7"; pdftotext may close up the spaces).
    numbers = re.findall(rf"\b(\d+) ?/ ?{pages}\b", text)
    assert [int(n) for n in numbers] == list(range(1, pages + 1))


def test_ideographs_that_look_like_radicals_extract_as_themselves(
    qapp: Any, tmp_path: Path
) -> None:
    from crm.ui.dossier_pdf import render_pdf

    line = "工作 一人 大门 手册 见面 2018–2021"
    pdf = tmp_path / "radicals.pdf"
    pdf.write_bytes(render_pdf(f"<html><body><p>{line}</p></body></html>", language="zh_CN"))
    text = _run(_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-")
    assert line in text


def test_the_command_line_gets_an_offscreen_application(tmp_path: Path) -> None:
    """`crm handover export` runs without a window: render_pdf makes its own QGuiApplication."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    script = (
        "import sys, os\n"
        "from crm.ui.dossier_pdf import render_pdf\n"
        "data = render_pdf('<p>交接 handover</p>', language='zh_CN')\n"
        "sys.stdout.write(os.environ.get('QT_QPA_PLATFORM', '') + ' ' + data[:5].decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    expected = "offscreen %PDF-" if sys.platform.startswith("linux") else "%PDF-"
    assert result.stdout.endswith(expected)
