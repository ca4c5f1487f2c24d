"""The handover dossier as a PDF: its HTML laid out by Qt's rich-text engine onto a QPdfWriter.

Decisions:
- Qt rather than a PDF library: it is already here, lays out Chinese and Latin text alike, and
  embeds a subset of each font it uses (reportlab cannot load Noto CJK; weasyprint needs Pango).
- The text is set in a family that really has the Chinese glyphs, chosen from the fonts the
  system has (or that Liaison ships in `resources/fonts`); an English dossier puts a Latin family
  before it. Left to itself, Qt would pick a fallback font per character from the system's
  configuration, which differs from machine to machine and ends in empty boxes where none is
  configured.
- A4, 20 mm margins, and a footer on every page with the dossier's title and "page / pages".
- Copying and searching the PDF yield what the page shows: see `pdf_text_layer`.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from functools import cache

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication

from crm.paths import resources_dir
from crm.ui.pdf_text_layer import restore_text

# Families known to carry the Simplified Chinese glyphs, best first: Noto / Source Han (Linux,
# fonts-noto-cjk, or bundled), then what Windows and macOS ship, then older Linux fonts.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "DengXian",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
)
# For an English dossier the Latin text is set in a Latin family, the Chinese in the CJK one: a
# Simplified Chinese font draws “quotes” and dashes full-width, as Chinese text wants them.
LATIN_FAMILIES = (
    "Noto Sans",
    "Source Sans 3",
    "Source Sans Pro",
    "Segoe UI",
    "Helvetica Neue",
    "Helvetica",
    "Arial",
    "Liberation Sans",
    "DejaVu Sans",
)
FONT_FILES = ("*.otf", "*.ttf", "*.ttc", "*.otc")
MARGINS_MM = QMarginsF(20, 18, 20, 14)
FOOTER_MM = 10
FOOTER_POINTS = 8

# The one QGuiApplication the command line creates; Qt needs it alive as long as fonts are used.
_application: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication (or QApplication), or a new one for the command line, which
    runs without a window: with no display, on the offscreen platform. A QApplication, not a
    bare QGuiApplication: the process may show a window later (a test run does), and Qt
    allows one application object per process."""
    global _application
    running = QCoreApplication.instance()
    if isinstance(running, QGuiApplication):
        return running
    if running is not None:
        raise RuntimeError("Laying out a PDF needs a QGuiApplication, not a QCoreApplication.")
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform not in ("win32", "darwin") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QApplication([sys.argv[0] if sys.argv else "liaison"])
    return _application


def cjk_family() -> str:
    """The family the dossier is set in: the first of CJK_FAMILIES the system has with Chinese
    glyphs, else any family with them, else the default font (Qt's fallback then does its best).

    Both languages need it: the English dossier names people as 王芳 too."""
    ensure_gui_application()
    _register_shipped_fonts()
    simplified = QFontDatabase.WritingSystem.SimplifiedChinese
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed and simplified in QFontDatabase.writingSystems(family):
            return family
    others = [f for f in QFontDatabase.families(simplified) if "mono" not in f.casefold()]
    if others:
        return others[0]
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def dossier_families(language: str = "en") -> list[str]:
    """The families the dossier is set in, in order: Qt takes each character from the first
    that has it. Chinese: the CJK family alone. English: a Latin family first where the system
    has one, then the CJK family, which has every character of the dossier."""
    cjk = cjk_family()
    if language.startswith("zh"):
        return [cjk]
    installed = set(QFontDatabase.families())
    latin = QFontDatabase.WritingSystem.Latin
    for family in LATIN_FAMILIES:
        if family in installed and latin in QFontDatabase.writingSystems(family):
            return [family, cjk]
    return [cjk]


def render_pdf(html: str, *, language: str = "en") -> bytes:
    """The dossier `html` as an A4 PDF with the fonts it uses embedded."""
    ensure_gui_application()
    families = dossier_families(language)
    document = _document(html, families, bullets=dossier_families("en"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    title = document.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    writer.setTitle(title)
    writer.setCreator("Liaison")
    document.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = FOOTER_MM / 25.4 * writer.resolution()
    body = QSizeF(page.width(), page.height() - footer)
    document.setPageSize(body)
    _keep_headings_with_next(document, body.height())
    pages = document.pageCount()
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            _draw_page(painter, document, index, body)
            _draw_footer(
                painter, families, title, f"{index + 1} / {pages}", page.width(), page.height()
            )
    finally:
        painter.end()
    buffer.close()
    data = bytes(buffer.data().data())
    text = f"{document.toPlainText()}{title}…0123456789 /"  # and the footers
    return restore_text(data, text, families)


def missing_glyphs(html: str, family: str) -> set[str]:
    """The characters of `html`'s text (a whole page or a fragment) that the font `family` has
    no glyph for: they would print as empty boxes, or in whatever font Qt falls back to."""
    ensure_gui_application()
    font = QRawFont.fromFont(QFont(family))
    wanted = {c for c in _plain_text(html) if not unicodedata.category(c).startswith(("C", "Z"))}
    if not font.isValid() or font.familyName() != family:
        return wanted
    return {c for c in wanted if not font.supportsCharacter(ord(c))}


# Laying out --------------------------------------------------------------------------------
@cache
def _register_shipped_fonts() -> None:
    """Fonts a packaged Liaison ships (e.g. Noto Sans SC, SIL OFL) for systems without one."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return
    for pattern in FONT_FILES:
        for path in sorted(folder.glob(pattern)):
            QFontDatabase.addApplicationFont(str(path))


def _plain_text(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def _document(html: str, families: list[str], *, bullets: list[str]) -> QTextDocument:
    document = QTextDocument()
    # Qt reads `@media` rules for the medium named here: the dossier's print rules apply.
    document.setMetaInformation(QTextDocument.MetaInformation.CssMedia, "print")
    document.setDefaultFont(QFont(families, 10))
    document.setDocumentMargin(0)
    document.setHtml(html)
    # The same families for every run of text, keeping each run's size, weight and colour.
    everything = QTextCursor(document)
    everything.select(QTextCursor.SelectionType.Document)
    chosen = QTextCharFormat()
    chosen.setFontFamilies(families)
    everything.mergeCharFormat(chosen)
    if len(families) > 1:
        _even_out_chinese_runs(document, families[0], families[-1])
    _space_bullets(document, bullets)
    return document


def _space_bullets(document: QTextDocument, families: list[str]) -> None:
    """Qt sets a bullet one space before its item, a space of the item's block font: a CJK
    font's space is so narrow that the bullet touches the text. The bullets take the Latin
    family's instead (only the bullet is drawn in a block's own format)."""
    block = document.begin()
    while block.isValid():
        if block.textList() is not None:
            cursor = QTextCursor(block)
            bullet = cursor.blockCharFormat()
            bullet.setFontFamilies(families)
            cursor.setBlockCharFormat(bullet)
        block = block.next()


def _even_out_chinese_runs(document: QTextDocument, latin_family: str, cjk_family: str) -> None:
    """Set the runs the Latin family has no glyphs for (the Chinese names of an English dossier)
    in the CJK family with its typographic line metrics. By its default metrics a CJK font is
    a third taller than a Latin one, so a line with a Chinese name would stand apart from its
    neighbours, and sit lower than the other cells of its table row."""
    latin = QRawFont.fromFont(QFont(latin_family))
    if not latin.isValid():
        return
    chinese = QTextCharFormat()
    chinese.setFontFamilies([cjk_family])
    chinese.setFontStyleStrategy(QFont.StyleStrategy.PreferTypoLineMetrics)
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        offset = block.position()
        start: int | None = None
        for char in block.text() + "\n":
            missing = char != "\n" and not latin.supportsCharacter(ord(char))
            if missing and start is None:
                start = offset
            elif not missing and start is not None:
                cursor.setPosition(start)
                cursor.setPosition(offset, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(chinese)
                start = None
            offset += 2 if ord(char) > 0xFFFF else 1
        block = block.next()


def _keep_headings_with_next(document: QTextDocument, height: float) -> None:
    """A heading left alone at the foot of a page starts the next one instead: Qt's layout
    ignores `page-break-after: avoid`."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().headingLevel() and following.isValid():
            top = layout.blockBoundingRect(block).top()
            below = layout.blockBoundingRect(following).top()
            if below // height > top // height and top % height > 1:
                cursor = QTextCursor(block)
                heading = cursor.blockFormat()
                heading.setPageBreakPolicy(
                    heading.pageBreakPolicy() | QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
                )
                cursor.setBlockFormat(heading)
        block = following


def _draw_page(painter: QPainter, document: QTextDocument, index: int, body: QSizeF) -> None:
    painter.save()
    top = index * body.height()
    painter.translate(0, -top)
    visible = QRectF(0, top, body.width(), body.height())
    painter.setClipRect(visible)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = visible
    document.documentLayout().draw(painter, context)
    painter.restore()


def _draw_footer(
    painter: QPainter, families: list[str], title: str, number: str, width: float, height: float
) -> None:
    painter.save()
    font = QFont(families)
    font.setPointSizeF(FOOTER_POINTS)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    baseline = height - metrics.descent()
    line = baseline - metrics.ascent() - metrics.height() * 0.6
    painter.setPen(QPen(QColor("#999999"), 0))
    painter.drawLine(0, round(line), round(width), round(line))
    painter.setPen(QColor("#666666"))
    room = width - metrics.horizontalAdvance(number) - metrics.height() * 2
    painter.drawText(
        0, round(baseline), metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
    )
    painter.drawText(round(width - metrics.horizontalAdvance(number)), round(baseline), number)
    painter.restore()
