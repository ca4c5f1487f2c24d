"""The user guide in a window of its own (F1): the guide's pages in the UI language, a list of
them on the left, back, forward and home, and a search within the page.

The guide is Markdown files, one folder per language (`guide_dir()/en`, `guide_dir()/zh_CN`),
with the same file names in each, so that a language switch can show the same page in the other
language. Its first page is `index.md`; the list follows the order in which `index.md` links to
the others, and each page's title is its first heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.paths import guide_dir
from crm.ui.settings import Settings

HOME_PAGE = "index.md"
FALLBACK_LANGUAGE = "en"
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
# Links from one page to another: [text](page.md), not pictures or addresses on the web.
_PAGE_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([A-Za-z0-9_-]+\.md)\)")
# The picture a scaled copy was made from, kept in the copy's format.
ORIGINAL_NAME = QTextFormat.Property.UserProperty + 1
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def guide_language(language: str) -> str:
    """The guide's folder for a UI language: Chinese where it exists, English otherwise."""
    if language.startswith("zh") and (guide_dir() / "zh_CN").is_dir():
        return "zh_CN"
    return FALLBACK_LANGUAGE


def page_path(language: str, page: str = HOME_PAGE) -> Path:
    """A page in the language's folder; a page not (yet) written in it is read in English."""
    for folder in (guide_language(language), FALLBACK_LANGUAGE):
        path = guide_dir() / folder / page
        if path.is_file():
            return path
    return guide_dir() / FALLBACK_LANGUAGE / HOME_PAGE


def page_order(folder: Path) -> list[str]:
    """The pages of one language: the home page, those it links to in its order, then any
    others by name (a page nobody links to is still listed)."""
    home = folder / HOME_PAGE
    if not home.is_file():
        return sorted(p.name for p in folder.glob("*.md"))
    order = [HOME_PAGE]
    for name in _PAGE_LINK.findall(home.read_text(encoding="utf-8")):
        if name not in order and (folder / name).is_file():
            order.append(name)
    order += sorted(p.name for p in folder.glob("*.md") if p.name not in order)
    return order


def page_title(path: Path) -> str:
    """The page's first heading, or its file name when it has none."""
    found = _HEADING.search(path.read_text(encoding="utf-8"))
    return found.group(1).strip() if found else path.stem


def fit_pictures(
    document: QTextDocument, base: QUrl, room: int, images: dict[str, QImage], ratio: float
) -> None:
    """Screenshots no wider than `room` (Markdown cannot say how wide a picture is), never
    enlarged, and scaled smoothly: the document is given a copy of the right size, which it
    draws as it is, rather than the whole screenshot, which it would scale roughly."""
    if room <= 0:
        return
    changes: list[tuple[int, int, QTextImageFormat]] = []
    block = document.begin()
    while block.isValid():
        # A picture in a list item starts further right: it has that much less room.
        indent = block.blockFormat().leftMargin() + block.blockFormat().indent() * (
            document.indentWidth()
        )
        if block.textList() is not None:
            indent += block.textList().format().indent() * document.indentWidth()
        width_left = room - round(indent)
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                picture = fragment.charFormat().toImageFormat()
                original = str(picture.property(ORIGINAL_NAME) or picture.name())
                url = base.resolved(QUrl(original))
                key = url.toString()
                if key not in images:
                    images[key] = QImage(url.toLocalFile())
                image = images[key]
                width = max(1, min(image.width(), width_left))
                if not image.isNull() and round(picture.width()) != width:
                    name = original
                    if width < image.width():
                        name = f"{key}#width={width}"
                        scaled = image.scaledToWidth(
                            round(width * ratio), Qt.TransformationMode.SmoothTransformation
                        )
                        scaled.setDevicePixelRatio(ratio)
                        document.addResource(
                            QTextDocument.ResourceType.ImageResource, QUrl(name), scaled
                        )
                    picture.setName(name)
                    picture.setProperty(ORIGINAL_NAME, original)
                    picture.setWidth(width)
                    picture.setHeight(image.height() * width / image.width())
                    changes.append((fragment.position(), fragment.length(), picture))
            iterator += 1
        block = block.next()
    # Applied once the walk is over: a new format can merge or split the fragments walked.
    for position, length, picture in changes:
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(picture)


class HelpWindow(QWidget):
    """The guide, non-modal: it stays open beside the main window while the user works."""

    def __init__(
        self,
        language: str,
        *,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._settings = settings if settings is not None else Settings()
        self.language = guide_language(language)
        self._images: dict[str, QImage] = {}  # the pictures as read, by address

        self.contents = QListWidget()
        self.contents.setMinimumWidth(180)
        self.contents.setWordWrap(True)  # a long title on two lines rather than cut short
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setSpacing(2)
        self.contents.currentItemChanged.connect(self._page_chosen)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # `open_link` decides: a page here, the web outside
        self.browser.anchorClicked.connect(self.open_link)
        self.browser.sourceChanged.connect(self._page_shown)
        self.browser.document().setDocumentMargin(18)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(50)
        self._fit_timer.timeout.connect(self._fit_images)
        self.browser.viewport().installEventFilter(self)

        self.back_action = QAction(self)
        self.back_action.setShortcut(QKeySequence.StandardKey.Back)
        self.back_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_action.triggered.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.forward_action = QAction(self)
        self.forward_action.setShortcut(QKeySequence.StandardKey.Forward)
        self.forward_action.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward)
        )
        self.forward_action.triggered.connect(self.browser.forward)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        self.home_action = QAction(self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        # The style's "home" is a folder in some styles: the theme's, or words alone.
        self.home_action.setIcon(QIcon.fromTheme("go-home"))
        self.home_action.triggered.connect(lambda: self.open_page(HOME_PAGE))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setIcon(QIcon.fromTheme("edit-find"))
        self.find_action.triggered.connect(self.show_find)
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.back_action, self.forward_action, self.home_action])
        toolbar.addSeparator()
        toolbar.addAction(self.find_action)
        self.addActions([self.back_action, self.forward_action, self.home_action])
        self.addAction(self.find_action)

        self.find_bar = QWidget()
        self.find_edit = QLineEdit()
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(lambda _text: self.find_text(from_start=True))
        self.find_edit.installEventFilter(self)  # Enter, Shift+Enter and Esc
        self.previous_button = QToolButton()
        self.previous_button.clicked.connect(lambda: self.find_text(backward=True))
        self.next_button = QToolButton()
        self.next_button.clicked.connect(lambda: self.find_text())
        self.not_found = QLabel()
        self.close_find_button = QToolButton()
        self.close_find_button.setAutoRaise(True)
        self.close_find_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton)
        )
        self.close_find_button.clicked.connect(self.hide_find)
        self.find_next_action = QAction(self)
        self.find_next_action.setShortcut(QKeySequence.StandardKey.FindNext)
        self.find_next_action.triggered.connect(lambda: self.find_text())
        self.find_previous_action = QAction(self)
        self.find_previous_action.setShortcut(QKeySequence.StandardKey.FindPrevious)
        self.find_previous_action.triggered.connect(lambda: self.find_text(backward=True))
        self.addActions([self.find_next_action, self.find_previous_action])
        row = QHBoxLayout(self.find_bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.find_edit, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.not_found)
        row.addWidget(self.close_find_button)
        self.find_bar.hide()

        reading = QWidget()
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.browser, 1)
        column.addWidget(self.find_bar)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.contents)
        self.splitter.addWidget(reading)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 750])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self.splitter, 1)

        self.resize(1000, 720)
        geometry = self._settings.window_state("guide_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.window_state("guide_splitter")
        if state is not None:
            self.splitter.restoreState(state)
        # Quitting from the main window closes no other window: the size is kept then too.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.remember_size)
        self.retranslate()
        self._fill_contents()
        self.open_page(HOME_PAGE)

    # Pages ------------------------------------------------------------------------------
    def folder(self) -> Path:
        return guide_dir() / self.language

    def page(self) -> str:
        """The file name of the page on show ("index.md")."""
        return Path(self.browser.source().toLocalFile()).name

    def open_page(self, page: str) -> None:
        """A page of the guide by its file name, in the window's language."""
        path = page_path(self.language, page)
        if not path.is_file():
            self.browser.setText(
                self.tr("The user guide is missing from this copy of Liaison: install it again.")
            )
            return
        self.browser.setSource(
            QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
        )

    def set_language(self, language: str) -> None:
        """Show the guide in another language, at the same page."""
        wanted = guide_language(language)
        if wanted == self.language:
            return
        page = self.page() or HOME_PAGE
        self.language = wanted
        self._fill_contents()
        self.open_page(page)
        # Back would lead to the other language's pages.
        self.browser.clearHistory()

    def open_link(self, url: QUrl) -> None:
        """A page of the guide opens here; an address on the web in the user's browser."""
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
            return
        target = self.browser.source().resolved(url)
        path = Path(target.toLocalFile())
        if path.suffix == ".md" and path.is_file():
            self.browser.setSource(
                QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
            )
        elif path.is_file():
            QDesktopServices.openUrl(target)  # a picture, at its full size

    def _fill_contents(self) -> None:
        self.contents.blockSignals(True)
        self.contents.clear()
        folder = self.folder()
        if folder.is_dir():
            for name in page_order(folder):
                item = QListWidgetItem(page_title(folder / name))
                item.setData(PAGE_ROLE, name)
                self.contents.addItem(item)
        self.contents.blockSignals(False)

    def _page_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(PAGE_ROLE) != self.page():
            self.open_page(str(item.data(PAGE_ROLE)))

    def _page_shown(self, url: QUrl) -> None:
        # From the URL given: on the first page, `source()` is not yet set when this is called.
        page = Path(url.toLocalFile()).name
        self.contents.blockSignals(True)
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(PAGE_ROLE) == page:
                self.contents.setCurrentItem(item)
        self.contents.blockSignals(False)
        self.not_found.clear()
        self._fit_images()

    # Pictures fit the width of the page -------------------------------------------------
    def _fit_images(self) -> None:
        room = self.browser.viewport().width() - 2 * int(self.browser.document().documentMargin())
        fit_pictures(
            self.browser.document(),
            self.browser.source(),
            room - 8,
            self._images,
            self.devicePixelRatioF(),
        )

    # Keys in the search box, and the page's width -------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_timer.start()  # the window or the splitter changed the page's width
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.find_edit and pressed:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.find_text(backward=shift)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.hide_find()
                return True
        return super().eventFilter(watched, event)

    # Search in the page -----------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.not_found.clear()
        self.browser.setFocus()

    def find_text(self, *, backward: bool = False, from_start: bool = False) -> bool:
        """The next (or previous) place the search text is on the page, wrapping round at the
        end; False, and said so beside the box, when the page does not hold it."""
        text = self.find_edit.text()
        self.not_found.clear()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if from_start:
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        if self.browser.find(text, flags):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.browser.setTextCursor(cursor)
        if self.browser.find(text, flags):
            return True
        self.not_found.setText(self.tr("Not on this page."))
        return False

    # Window -----------------------------------------------------------------------------
    def remember_size(self) -> None:
        if self.isVisible():
            self._settings.set_window_state("guide_geometry", self.saveGeometry())
            self._settings.set_window_state("guide_splitter", self.splitter.saveState())
            self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.remember_size()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            from crm.ui.ui_locale import current_language

            self.retranslate()
            self.set_language(current_language())
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Liaison — user guide"))
        self.contents.setAccessibleName(self.tr("Contents"))
        self.back_action.setText(self.tr("Back"))
        self.back_action.setToolTip(self.tr("The page shown before (Alt+Left)"))
        self.forward_action.setText(self.tr("Forward"))
        self.forward_action.setToolTip(self.tr("The page shown after (Alt+Right)"))
        self.home_action.setText(self.tr("Home"))
        self.home_action.setToolTip(self.tr("The first page of the guide (Alt+Home)"))
        self.find_action.setText(self.tr("Find"))
        self.find_action.setToolTip(self.tr("Find in this page (Ctrl+F)"))
        self.find_edit.setPlaceholderText(self.tr("Find in this page"))
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("The place before (Shift+Enter)"))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("The next place (Enter)"))
        self.close_find_button.setToolTip(self.tr("Close the search (Esc)"))


# One guide window per window it was opened from (the main window has one), and one for none.
_WITHOUT_PARENT: list[HelpWindow] = []


def show_guide(
    parent: QWidget | None,
    language: str,
    page: str | None = None,
    *,
    settings: Settings | None = None,
) -> HelpWindow:
    """The guide, brought to the front: the window already open from `parent` if there is one,
    in `language`, at `page` (a file name such as "contacts.md") if given."""
    window: HelpWindow | None = None
    if parent is not None:
        found = parent.findChildren(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
        window = found[0] if found else None
    elif _WITHOUT_PARENT and shiboken6.isValid(_WITHOUT_PARENT[0]):
        window = _WITHOUT_PARENT[0]
    if window is None:
        window = HelpWindow(language, settings=settings, parent=parent)
        if parent is None:
            _WITHOUT_PARENT[:] = [window]
    else:
        window.set_language(language)
    if page:
        window.open_page(page)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    return window
