"""The user guide (F1) as a reader meets it: it opens in the UI's language on its first page, its
pages and pictures are all there in both languages, links lead from page to page (and to the web
outside), the search finds words on the page, and a language switch shows the same page in the
other language."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSize, Qt, QUrl, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QKeySequence,
    QTextCharFormat,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import QWidget

from crm import paths
from crm.ui import help_window as module
from crm.ui.help_window import ORIGINAL_NAME, HelpWindow, page_order, page_path, show_guide

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
LANGUAGES = ("en", "zh_CN")
HAN = re.compile(r"[\u4e00-\u9fff]")

shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def open_guide(qtbot, settings):  # type: ignore[no-untyped-def]
    def make(language: str = "en", page: str | None = None, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        window = show_guide(parent, language, page, settings=settings)
        if parent is None:
            qtbot.addWidget(window)
        qtbot.waitExposed(window)
        return window

    return make


def links_of(window: HelpWindow) -> list[tuple[str, str]]:
    """("link" | "picture", target) for every link and picture of the page on show, as Qt read
    them from the Markdown."""
    found = []
    block = window.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            form: QTextCharFormat = iterator.fragment().charFormat()
            if form.isImageFormat():
                picture = form.toImageFormat()
                # A screenshot scaled to the page is a copy; its format says of which picture.
                found.append(("picture", picture.property(ORIGINAL_NAME) or picture.name()))
            elif form.isAnchor() and form.anchorHref():
                found.append(("link", form.anchorHref()))
            iterator += 1
        block = block.next()
    return list(dict.fromkeys(found))


def contents(window: HelpWindow) -> list[str]:
    return [window.contents.item(row).text() for row in range(window.contents.count())]


# ---- the guide's files ----


def test_guide_dir_finds_the_guide_of_a_checkout() -> None:
    assert paths.guide_dir() == GUIDE
    for language in LANGUAGES:
        assert (paths.guide_dir() / language / "index.md").is_file()


def test_guide_dir_inside_the_wheel_and_the_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "site-packages" / "crm"
    (package / "guide" / "en").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE", package)
    assert paths.guide_dir() == package / "guide"

    bundle = tmp_path / "bundle"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    # A bundle missing its guide must not quietly read a checkout's.
    assert paths.guide_dir() == bundle / "crm" / "guide"


def test_every_page_exists_in_both_languages() -> None:
    pages = {language: {p.name for p in (GUIDE / language).glob("*.md")} for language in LANGUAGES}
    assert pages["en"] == pages["zh_CN"]
    assert {"index.md", "today.md", "contacts.md", "troubleshooting.md"} <= pages["en"]
    # Every page is reachable from the first one, in the same order in both languages.
    assert page_order(GUIDE / "en") == page_order(GUIDE / "zh_CN")
    assert set(page_order(GUIDE / "en")) == pages["en"]


def test_a_page_not_yet_written_in_chinese_is_read_in_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for language, pages in (("en", ("index.md", "new.md")), ("zh_CN", ("index.md",))):
        (tmp_path / language).mkdir()
        for page in pages:
            (tmp_path / language / page).write_text(f"# {page}\n", encoding="utf-8")
    monkeypatch.setattr(module, "guide_dir", lambda: tmp_path)
    assert page_path("zh_CN", "index.md") == tmp_path / "zh_CN" / "index.md"
    assert page_path("zh_CN", "new.md") == tmp_path / "en" / "new.md"
    assert page_path("de", "index.md") == tmp_path / "en" / "index.md"


@shown
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_and_picture_of_every_page_resolves(open_guide, language: str) -> None:  # type: ignore[no-untyped-def]
    """A broken link or a missing screenshot fails here, with the page and the target."""
    window = open_guide(language)
    folder = GUIDE / language
    broken = []
    for page in page_order(folder):
        window.open_page(page)
        assert window.page() == page
        base = window.browser.source()
        for kind, target in links_of(window):
            url = QUrl(target)
            if url.scheme() in ("http", "https", "mailto"):
                assert url.scheme() != "http", f"{page}: {target} should be https"
                continue
            path = Path(base.resolved(url).toLocalFile())
            if not path.is_file():
                broken.append(f"{language}/{page}: {kind} {target}")
            if kind == "picture":
                # Each language shows its own screenshots: the English UI in English.
                assert path.name.endswith(f"_{language}.png"), f"{page}: {target}"
                assert path.parent == GUIDE / "images", f"{page}: {target}"
            if kind == "link":
                assert path.parent == folder, f"{page}: {target} leaves the {language} guide"
    assert broken == []


def test_both_languages_show_the_same_pictures_on_the_same_pages() -> None:
    picture = re.compile(r"!\[[^\]]*\]\(\.\./images/([a-z_]+)_(?:en|zh_CN)\.png\)")
    for page in page_order(GUIDE / "en"):
        english = picture.findall((GUIDE / "en" / page).read_text(encoding="utf-8"))
        chinese = picture.findall((GUIDE / "zh_CN" / page).read_text(encoding="utf-8"))
        assert english == chinese, page


# ---- the window ----


@shown
def test_the_guide_opens_in_english_on_its_first_page(open_guide) -> None:  # type: ignore[no-untyped-def]
    window = open_guide("en")
    assert window.isVisible() and not window.isModal()
    assert window.language == "en"
    assert window.page() == "index.md"
    assert window.browser.source() == QUrl.fromLocalFile(str(GUIDE / "en" / "index.md"))
    text = window.browser.toPlainText()
    assert text.startswith("Welcome to Liaison")
    titles = contents(window)
    assert titles[0] == "Welcome to Liaison"
    assert titles[1] == "The Today page"
    assert "Keyboard shortcuts" in titles
    assert window.contents.currentItem().text() == "Welcome to Liaison"
    assert window.windowTitle() == "Liaison — user guide"


@shown
def test_the_guide_opens_in_chinese_on_its_first_page(open_guide) -> None:  # type: ignore[no-untyped-def]
    window = open_guide("zh_CN")
    assert window.language == "zh_CN"
    assert window.page() == "index.md"
    assert window.browser.toPlainText().startswith("欢迎使用 Liaison")
    titles = contents(window)
    assert titles[0] == "欢迎使用 Liaison"
    assert all(HAN.search(title) for title in titles)
    assert len(titles) == len(list((GUIDE / "zh_CN").glob("*.md")))


@shown
def test_a_link_opens_its_page_and_back_forward_and_home_walk_the_way(open_guide) -> None:  # type: ignore[no-untyped-def]
    window = open_guide("en")
    assert not window.back_action.isEnabled()
    window.open_link(QUrl("contacts.md"))
    assert window.page() == "contacts.md"
    assert window.browser.toPlainText().startswith("Contacts")
    assert window.contents.currentItem().text() == "Contacts"
    assert window.back_action.isEnabled()

    window.back_action.trigger()
    assert window.page() == "index.md"
    window.forward_action.trigger()
    assert window.page() == "contacts.md"
    window.home_action.trigger()
    assert window.page() == "index.md"

    # A page chosen in the list on the left.
    row = [window.contents.item(r).data(module.PAGE_ROLE) for r in range(window.contents.count())]
    window.contents.setCurrentRow(row.index("troubleshooting.md"))
    assert window.page() == "troubleshooting.md"
    assert "liaison.log" in window.browser.toPlainText()


class _Browser(QObject):
    """Stands in for the user's web browser."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@shown
def test_an_address_on_the_web_opens_in_the_browser(open_guide) -> None:  # type: ignore[no-untyped-def]
    window = open_guide("en", "shared-database.md")
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        web = [target for kind, target in links_of(window) if target.startswith("https:")]
        assert web == ["https://www.postgresql.org/"]
        window.open_link(QUrl(web[0]))
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert browser.opened == ["https://www.postgresql.org/"]
    assert window.page() == "shared-database.md"  # the guide stays where it was


@shown
def test_find_in_the_page(qtbot, open_guide) -> None:  # type: ignore[no-untyped-def]
    window = open_guide("en", "contacts.md")
    assert not window.find_bar.isVisible()
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.find_action.trigger()  # Ctrl+F (the offscreen platform activates no window)
    assert window.find_bar.isVisible()
    assert window.focusWidget() is window.find_edit

    qtbot.keyClicks(window.find_edit, "pinyin")
    first = window.browser.textCursor()
    assert first.selectedText().lower() == "pinyin"
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    second = window.browser.textCursor()
    assert second.selectedText().lower() == "pinyin"
    assert second.selectionStart() > first.selectionStart()
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.browser.textCursor().selectionStart() == first.selectionStart()
    assert window.not_found.text() == ""

    window.find_edit.setText("Stavanger harbour")
    assert window.not_found.text() == "Not on this page."

    qtbot.keyClick(window.find_edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


@shown
def test_a_language_switch_shows_the_same_page_in_the_other_language(  # type: ignore[no-untyped-def]
    qtbot, open_guide, language
) -> None:
    window = open_guide("en", "greetings.md")
    assert window.browser.toPlainText().startswith("Greetings for festivals")

    language.switch("zh_CN")
    qtbot.waitUntil(lambda: window.language == "zh_CN")
    assert window.page() == "greetings.md"
    assert window.browser.source() == QUrl.fromLocalFile(str(GUIDE / "zh_CN" / "greetings.md"))
    assert window.browser.toPlainText().startswith("节日与生日问候")
    assert window.contents.currentItem().text() == "节日与生日问候"
    assert not window.back_action.isEnabled()  # back would lead into the English guide

    language.switch("en")
    qtbot.waitUntil(lambda: window.language == "en")
    assert window.browser.toPlainText().startswith("Greetings for festivals")


@shown
def test_one_guide_window_per_window_it_is_opened_from(qtbot, open_guide) -> None:  # type: ignore[no-untyped-def]
    main = QWidget()
    qtbot.addWidget(main)
    first = open_guide("en", parent=main)
    again = open_guide("en", "today.md", parent=main)
    assert again is first
    assert again.page() == "today.md"
    assert again.isWindow() and again.parent() is main

    # Opened again in the other language (the app was switched meanwhile): the same window.
    chinese = open_guide("zh_CN", parent=main)
    assert chinese is first and chinese.language == "zh_CN"
    assert chinese.page() == "today.md"

    other = QWidget()
    qtbot.addWidget(other)
    assert open_guide("en", parent=other) is not first
    assert open_guide("en") is open_guide("en")


@shown
def test_the_window_remembers_its_size(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    window = HelpWindow("en", settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 500)
    window.close()

    again = HelpWindow("en", settings=settings)
    qtbot.addWidget(again)
    assert again.size() == QSize(700, 500)


@shown
def test_screenshots_are_shown_no_wider_than_the_page(qtbot, open_guide) -> None:  # type: ignore[no-untyped-def]
    window = open_guide("en", "today.md")
    window.resize(700, 600)
    qtbot.waitUntil(lambda: 0 < _widest_picture(window) <= window.browser.viewport().width())
    # The copy shown is scaled smoothly from the screenshot, at the size it is shown.
    picture = _pictures(window)[0]
    shown_image = window.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(picture.name())
    )
    assert isinstance(shown_image, QImage)
    assert shown_image.width() == round(picture.width() * window.devicePixelRatioF())
    assert picture.property(ORIGINAL_NAME) == "../images/today_en.png"

    narrow = _widest_picture(window)
    window.splitter.setSizes([100, 600])  # more room for the page: a larger picture
    qtbot.waitUntil(lambda: _widest_picture(window) > narrow)
    assert _widest_picture(window) <= QImage(str(GUIDE / "images" / "today_en.png")).width()


def _pictures(window: HelpWindow) -> list[QTextImageFormat]:
    found = []
    block = window.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            form = iterator.fragment().charFormat()
            if form.isImageFormat():
                found.append(form.toImageFormat())
            iterator += 1
        block = block.next()
    return found


def _widest_picture(window: HelpWindow) -> float:
    return max((picture.width() for picture in _pictures(window)), default=0.0)
