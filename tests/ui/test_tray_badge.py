"""The tray icon carries the count of due items, as a red disc on the app's icon."""

from __future__ import annotations

from PySide6.QtGui import QColor

from crm.ui.tray import app_icon, badged_icon


def _red_share_top_right(count: int) -> float:
    image = badged_icon(count).pixmap(64, 64).toImage()
    red = 0
    corner = [(x, y) for x in range(40, 64) for y in range(0, 24)]
    for x, y in corner:
        colour = QColor(image.pixel(x, y))
        if colour.red() > 180 and colour.green() < 90 and colour.blue() < 90:
            red += 1
    return red / len(corner)


def test_nothing_due_is_the_plain_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    plain = app_icon().pixmap(64, 64).toImage()
    assert badged_icon(0).pixmap(64, 64).toImage() == plain
    assert _red_share_top_right(0) < 0.05


def test_a_count_is_drawn_on_the_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    plain = app_icon().pixmap(64, 64).toImage()
    for count in (3, 42, 250):
        badged = badged_icon(count).pixmap(64, 64).toImage()
        assert badged != plain
        assert _red_share_top_right(count) > 0.3
    # Different counts look different (the number itself is drawn).
    assert badged_icon(3).pixmap(64, 64).toImage() != badged_icon(8).pixmap(64, 64).toImage()
