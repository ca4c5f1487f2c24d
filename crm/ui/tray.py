"""The tray icon and the reminder notifications.

Where the desktop has no tray (stock GNOME, a test's offscreen screen), notifications appear
as a small window of our own in the corner of the screen, and the app never hides into a tray
that is not there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QGuiApplication, QIcon, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from crm.domain.occasions import Occasion
from crm.paths import resources_dir
from crm.services.agenda import render as render_text
from crm.ui.language import qt_translate

TOAST_MS = 12_000
LISTED = 3


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "liaison.svg"))


def badged_icon(count: int, size: int = 64) -> QIcon:
    """The app's icon with the count of due items in a red disc at its top right ("99+" past
    99); the plain icon when nothing is due."""
    icon = app_icon()
    if count <= 0:
        return icon
    pixmap = icon.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = str(count) if count < 100 else "99+"
    disc = QRectF(size * 0.42, 0, size * 0.58, size * 0.58)
    if len(text) > 2:
        disc = QRectF(size * 0.2, 0, size * 0.8, size * 0.52)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d32f2f"))
    painter.drawRoundedRect(disc, disc.height() / 2, disc.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(disc.height() * (0.62 if len(text) == 1 else 0.5)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Toast(QFrame):
    """A notification of our own: title, a few lines, "Show" and "Dismiss"."""

    show_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("toast")
        self.setStyleSheet(
            "#toast { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }"
        )
        self.icon = QLabel()
        self.icon.setPixmap(app_icon().pixmap(40, 40))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setMinimumWidth(320)
        self.body.setMaximumWidth(420)
        self.show_button = QPushButton()
        self.show_button.setDefault(True)
        self.dismiss_button = QPushButton()
        self.show_button.clicked.connect(self.show_clicked)
        self.show_button.clicked.connect(self.hide)
        self.dismiss_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.show_button)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.body)
        text.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 12, 14, 12)
        row.addWidget(self.icon)
        row.addLayout(text, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.retranslate()

    def popup(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 16, area.bottom() - self.height() - 16)
        self.show()
        self._timer.start(TOAST_MS)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.show_button.setText(self.tr("Show"))
        self.dismiss_button.setText(self.tr("Dismiss"))


class Tray(QObject):
    """The tray icon with its menu (or nothing, without a tray) and the notifications."""

    show_today = Signal()

    def __init__(self, *, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.toast = Toast()
        self.toast.show_clicked.connect(self.show_today)
        self.menu = QMenu()
        self.today_action = QAction(self)
        self.today_action.triggered.connect(self.show_today)
        self.new_contact_action = QAction(self)
        self.log_action = QAction(self)
        self.quit_action = QAction(self)
        self.menu.addAction(self.today_action)
        self.menu.addSeparator()
        self.menu.addAction(self.new_contact_action)
        self.menu.addAction(self.log_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon: QSystemTrayIcon | None = None
        if tray_available():
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.messageClicked.connect(self.show_today)
            self.icon.show()
        self.due = 0
        self.retranslate()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_today.emit()

    def set_due(self, count: int) -> None:
        changed = count != self.due
        self.due = count
        if self.icon is not None and changed:
            self.icon.setIcon(badged_icon(count))
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        if self.icon is not None:
            if self.due:
                self.icon.setToolTip(self.tr("Liaison: %n item(s) due", "", self.due))
            else:
                self.icon.setToolTip(self.tr("Liaison: nothing due"))

    def message(self, occasions: list[Occasion]) -> tuple[str, str]:
        """The notification's title and text for newly due items."""
        chinese = self.language.startswith("zh")
        lines = []
        for occasion in occasions[:LISTED]:
            title = render_text(occasion.title, qt_translate, chinese=chinese)
            reason = render_text(occasion.reason, qt_translate, chinese=chinese)
            lines.append(f"{title} — {reason}")
        more = len(occasions) - LISTED
        if more > 0:
            lines.append(self.tr("…and %n more", "", more))
        return self.tr("%n new reminder(s)", "", len(occasions)), "\n".join(lines)

    def notify(self, occasions: list[Occasion]) -> None:
        if not occasions:
            return
        title, body = self.message(occasions)
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, body, app_icon(), TOAST_MS)
        else:
            self.toast.popup(title, body)

    def explain_close(self) -> None:
        """Said once: closing the window does not stop the reminders."""
        title = self.tr("Liaison is still running")
        body = self.tr(
            "Reminders keep coming while Liaison waits in the tray. To stop it, choose Quit "
            "in the tray menu or press Ctrl+Q in the window."
        )
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, body, app_icon(), TOAST_MS)
        else:
            self.toast.popup(title, body)

    def retranslate(self) -> None:
        self.today_action.setText(self.tr("&Today"))
        self.new_contact_action.setText(self.tr("&New contact…"))
        self.log_action.setText(self.tr("&Log interaction…"))
        self.quit_action.setText(self.tr("&Quit Liaison"))
        self._update_tooltip()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.toast.hide()
