"""The Today page over the sample office, the daily check and its notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack

from crm.domain.occasions import OccasionKind
from crm.services.bundle import Services
from crm.store.database import Database
from crm.ui.pages.today import TodayPage
from crm.ui.reminder_scheduler import ReminderScheduler
from crm.ui.tray import Tray

START = dt.date(2026, 11, 25)
ANTWERP = "009d807d-15f0-5bb9-9831-da189301d369"


@pytest.fixture
def page(qtbot, demo_services, operations, language):  # type: ignore[no-untyped-def]
    today = TodayPage(demo_services, operations, language, QUndoStack(), today=lambda: START)
    qtbot.addWidget(today)
    today.refresh()
    return today


def _headings(page: TodayPage) -> list[str]:
    return [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]


def _antwerp(page: TodayPage):  # type: ignore[no-untyped-def]
    for item, occasion in page.rows():
        if occasion.kind is OccasionKind.KEEP_IN_TOUCH and occasion.subject.id == ANTWERP:
            return item, occasion
    return None


def test_the_page_shows_the_sample_agenda_grouped(page) -> None:  # type: ignore[no-untyped-def]
    headings = _headings(page)
    assert [h.split(" (")[0] for h in headings] == ["Overdue", "Today", "This week", "Later"]
    overdue = page.tree.topLevelItem(0)
    texts = [overdue.child(i).text(1) for i in range(overdue.childCount())]
    assert any(t.startswith("Follow-up: ") for t in texts)
    item, _occasion = _antwerp(page)
    assert (item.text(1), item.text(2)) == ("Keep in touch with Antwerp", "no contact for 204 days")
    assert item.text(0) == "3 Aug 2026"
    later = page.tree.topLevelItem(3)
    assert "Christmas" in [later.child(i).text(1) for i in range(later.childCount())]
    assert headings[0] == f"Overdue ({overdue.childCount()})"


def test_done_removes_an_item_for_good_and_undo_brings_it_back(  # type: ignore[no-untyped-def]
    qtbot, page, demo_services, operations, language
) -> None:
    item, occasion = _antwerp(page)
    page.tree.setCurrentItem(item)
    assert page.done_action.isEnabled()
    page.done_action.trigger()
    assert _antwerp(page) is None

    # After a restart: another connection, another page.
    demo_services.db.dispose()
    again = Services.over(Database(demo_services.db.url))
    restarted = TodayPage(again, operations, language, QUndoStack(), today=lambda: START)
    qtbot.addWidget(restarted)
    restarted.refresh()
    assert restarted.loaded and _antwerp(restarted) is None

    page._undo_stack.undo()
    assert _antwerp(page) is not None
    restarted.refresh()
    assert _antwerp(restarted) is not None


def test_snooze_hides_until_the_chosen_day(qtbot, page, demo_services) -> None:  # type: ignore[no-untyped-def]
    item, _occasion = _antwerp(page)
    page.tree.setCurrentItem(item)
    page.snooze_actions[2].trigger()  # a week
    assert _antwerp(page) is None
    week_later = [START + dt.timedelta(days=7)]
    page._today = lambda: week_later[0]
    page.refresh()
    assert _antwerp(page) is not None


def test_switching_language_retitles_the_items(qtbot, page, language) -> None:  # type: ignore[no-untyped-def]
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: page.title.text() == "今天")
    item, _occasion = _antwerp(page)
    assert item.text(1) == "与安特卫普保持联系"
    assert "204" in item.text(2) and "天" in item.text(2)
    assert _headings(page)[0].startswith("逾期")
    assert "2026年8月3日" in item.text(0)
    language.switch("en")
    qtbot.waitUntil(lambda: page.title.text() == "Today")
    assert _antwerp(page)[0].text(1) == "Keep in touch with Antwerp"


def test_actions_open_and_log_the_right_record(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    item, _occasion = _antwerp(page)
    page.tree.setCurrentItem(item)
    with qtbot.waitSignal(page.open_record) as opened:
        page.open_action.trigger()
    assert opened.args == ["partnership", ANTWERP]
    with qtbot.waitSignal(page.log_interaction) as logged:
        page.log_action.trigger()
    assert logged.args == [[], ANTWERP, ""]
    christmas = next(i for i, o in page.rows() if o.code == "christmas")
    page.tree.setCurrentItem(christmas)
    assert not page.open_action.isEnabled() and page.greet_action.isEnabled()
    with qtbot.waitSignal(page.greet) as greeted:
        page.greet_action.trigger()
    assert greeted.args == ["christmas", [], ""]


def test_a_quiet_period_says_what_to_do(qtbot, services, operations, language) -> None:  # type: ignore[no-untyped-def]
    # No partner, one person without a birthday: only the festivals of the year remain, and
    # none falls in July. (An office with nobody at all has its own page: test_today_empty.)
    from crm.domain.contacts import ContactDraft

    services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang"))
    page = TodayPage(
        services, operations, language, QUndoStack(), today=lambda: dt.date(2026, 7, 1)
    )
    qtbot.addWidget(page)
    page.refresh()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "Nothing due"


def test_the_daily_check_announces_an_item_once(qtbot, demo_services) -> None:  # type: ignore[no-untyped-def]
    scheduler = ReminderScheduler(demo_services, today=lambda: START)
    with qtbot.waitSignal(scheduler.new_reminders) as first:
        scheduler.check()
    announced = first.args[0]
    assert announced and all(o.date <= START for o in announced)
    assert any(o.subject and o.subject.id == ANTWERP for o in announced)
    with qtbot.assertNotEmitted(scheduler.new_reminders):
        assert scheduler.check() == []
    # Not after a restart either.
    demo_services.db.dispose()
    again = ReminderScheduler(Services.over(Database(demo_services.db.url)), today=lambda: START)
    assert again.check() == []
    # A new day brings what falls due that day, and only that.
    tomorrow = ReminderScheduler(demo_services, today=lambda: START + dt.timedelta(days=1))
    assert all(o.date == START + dt.timedelta(days=1) for o in tomorrow.check())


def test_a_wake_or_a_new_day_triggers_a_check(qtbot, demo_services) -> None:  # type: ignore[no-untyped-def]
    day = [START]
    scheduler = ReminderScheduler(demo_services, today=lambda: day[0])
    wall, mono = scheduler._wall, scheduler._mono
    with qtbot.assertNotEmitted(scheduler.checked):
        assert not scheduler.tick(wall=wall + 60, mono=mono + 60)
    with qtbot.waitSignal(scheduler.checked):
        assert scheduler.tick(wall=wall + 8 * 3600, mono=mono + 120)  # slept eight hours
    day[0] = START + dt.timedelta(days=1)
    with qtbot.waitSignal(scheduler.checked):
        assert scheduler.tick(wall=wall + 8 * 3600 + 60, mono=mono + 180)


def test_the_daily_time_follows_settings(qtbot, demo_services) -> None:  # type: ignore[no-untyped-def]
    scheduler = ReminderScheduler(demo_services, today=lambda: START)
    scheduler.start(dt.time(9, 0))
    try:
        assert scheduler.next_check().time() == dt.time(9, 0)
        scheduler.reschedule(dt.time(7, 45))
        assert scheduler.next_check().time() == dt.time(7, 45)
    finally:
        scheduler.stop()
    assert scheduler.next_check() is None


def test_without_a_tray_the_notification_is_our_own_window(qtbot, demo_services, language) -> None:  # type: ignore[no-untyped-def]
    tray = Tray(language="en")
    qtbot.addWidget(tray.toast)
    assert not tray.available  # offscreen: no tray, and nothing hides into one
    due = [o for o in demo_services.agenda.agenda(START, 30) if o.date <= START]
    tray.notify(due)
    assert tray.toast.isVisible()
    assert tray.toast.title.text() == f"{len(due)} new reminders"
    lines = tray.toast.body.text().splitlines()
    assert len(lines) == 4 and lines[-1] == f"…and {len(due) - 3} more"
    tray.toast.dismiss_button.click()
    assert not tray.toast.isVisible()


def test_the_window_opens_on_today_and_follows_settings(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, language, settings
) -> None:
    from crm.ui.main_window import MainWindow

    window = MainWindow(demo_services, operations, language, settings, today=lambda: START)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.today_page
    assert window.today_page.loaded and window.today_page.rows()
    tray = Tray(language="en")
    qtbot.addWidget(tray.toast)
    scheduler = ReminderScheduler(demo_services, today=lambda: START)
    window.attach_reminders(tray, scheduler)
    assert tray.due == sum(1 for _item, o in window.today_page.rows() if o.date <= START)
    scheduler.start(settings.reminder_time)
    try:
        assert scheduler.next_check().time() == dt.time(9, 0)
        settings.reminder_time = dt.time(8, 15)
        window._settings_applied()
        assert scheduler.next_check().time() == dt.time(8, 15)
        # A check that finds new items announces them (no tray here: our own window).
        with qtbot.waitSignal(scheduler.new_reminders):
            scheduler.check()
        qtbot.waitUntil(tray.toast.isVisible)
    finally:
        scheduler.stop()
    # Without a tray, closing the window closes it: nothing hides into a missing tray.
    window.show()
    window.close()
    assert not window.isVisible() and scheduler.scheduler is None


def test_a_long_group_shows_its_first_rows_and_the_rest_on_request(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, language, monkeypatch
) -> None:
    import crm.ui.pages.today as today_module

    monkeypatch.setattr(today_module, "SHOWN_PER_GROUP", 3)
    page = TodayPage(demo_services, operations, language, QUndoStack(), today=lambda: START)
    qtbot.addWidget(page)
    page.refresh()
    every = page.view.total
    longest = max(
        (page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())),
        key=lambda heading: int(heading.text(0).rsplit("(", 1)[1].rstrip(")")),
    )
    total = int(longest.text(0).rsplit("(", 1)[1].rstrip(")"))
    longest_title = longest.text(0)
    assert total > 3  # the sample office has a group longer than three
    assert longest.childCount() == 4  # three occasions, then the row for the rest
    more = longest.child(3)
    assert more.text(0) == f"Show {total - 3} more…"
    assert len(page.rows()) < every

    page.tree.setCurrentItem(more)
    assert page.selected() is None and not page.done_action.isEnabled()
    shown_before = len(page.rows())
    page.tree.itemActivated.emit(more, 0)  # Enter or a double click on it

    heading = next(
        page.tree.topLevelItem(i)
        for i in range(page.tree.topLevelItemCount())
        if page.tree.topLevelItem(i).text(0) == longest_title
    )
    assert heading.childCount() == total  # the whole group, and no row for more
    assert len(page.rows()) == shown_before + total - 3  # the other groups as they were


def test_the_selection_stays_in_sight_when_its_long_group_is_shortened_again(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, language, monkeypatch
) -> None:
    import crm.ui.pages.today as today_module
    from crm.domain.agenda_groups import AgendaGroup

    monkeypatch.setattr(today_module, "SHOWN_PER_GROUP", 3)
    day = [START]
    page = TodayPage(demo_services, operations, language, QUndoStack(), today=lambda: day[0])
    qtbot.addWidget(page)
    page.refresh()
    page.show_whole_group(AgendaGroup.LATER)
    later = [o for _item, o in page.rows() if (o.date - START).days >= 8]
    assert len(later) > 4  # the sample office's month holds more than a few of them
    chosen = later[-1]
    assert page.select_key(chosen.key)
    day[0] = START + dt.timedelta(days=1)  # a new day: long groups are shortened again
    page.refresh()
    heading = next(
        page.tree.topLevelItem(i)
        for i in range(page.tree.topLevelItemCount())
        if page.tree.topLevelItem(i).text(0).startswith("Later")
    )
    shown = [heading.child(i).text(1) for i in range(heading.childCount())]
    assert page.selected() is not None and page.selected().key == chosen.key
    assert len(shown) == 5  # the first three, the selection, then the row for the rest
    assert shown[3] == page._title(chosen)
    assert heading.child(4).text(0).startswith("Show ")


def test_reminders_found_as_the_window_closes_put_up_no_window_that_keeps_the_app(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, language, settings
) -> None:
    from crm.ui.main_window import MainWindow

    window = MainWindow(demo_services, operations, language, settings, today=lambda: START)
    qtbot.addWidget(window)
    tray = Tray(language="en")
    qtbot.addWidget(tray.toast)
    scheduler = ReminderScheduler(demo_services, today=lambda: START)
    window.attach_reminders(tray, scheduler)
    due = [o for o in demo_services.agenda.agenda(START, 30) if o.date <= START]
    window.show()
    window.quit()
    # The first check of a first start ends just after: its news comes too late to show.
    scheduler.new_reminders.emit(due)
    assert not tray.toast.isVisible()
