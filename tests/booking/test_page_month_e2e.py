"""The booking page's month calendar and the visitor's manage link, in Debian's
chromium against a real gunicorn: pick a day, move between months, greyed days
cannot be picked, book, open the manage link, reschedule to another day, cancel;
on a phone the times go below the calendar."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.booking.test_page_e2e import (  # noqa: F401 - fixtures
    _api,
    browser,
    owner_with_link,
)

WEEKDAYS = {
    day: [{"start": "09:00", "end": "17:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri")
}
LINK = {
    "title": "Coaching with Ada",
    "duration_minutes": 30,
    "timezone": "UTC",
    "working_hours": WEEKDAYS,
    "min_notice_minutes": 60,
    "max_days_ahead": 120,
}
ZONE = "Europe/Berlin"


@pytest.fixture
def weekday_link(committing_db, server):  # noqa: F811 - the imported fixture
    """``(access_token, link_token)``: a link open on weekdays only (UTC)."""
    return owner_with_link(server, LINK)


@contextmanager
def _opened(chromium, url: str, **options):
    """``(page, problems)``: the page at ``url`` in Berlin, its month drawn."""
    context = chromium.new_context(timezone_id=ZONE, locale="en-GB", **options)
    page = context.new_page()
    problems = _watch(page)
    try:
        page.goto(url)
        _ready(page)
        yield page, problems
    finally:
        context.close()


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}") if msg.type == "error" else None
        ),
    )
    return problems


def _ready(page):
    """Wait until the month is drawn and not loading."""
    page.locator("#weeks button.day").first.wait_for()
    page.locator("#month:not([aria-busy])").wait_for()


def _enabled_days(page) -> list[str]:
    return page.locator("#weeks button.day:enabled").evaluate_all(
        "buttons => buttons.map(b => b.dataset.date)"
    )


def _month_label(when: datetime) -> str:
    return f"{when:%B %Y}"


def _slot_days(page) -> set[str]:
    values = page.locator("#days input[name=slot]").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    zone = ZoneInfo(ZONE)
    return {
        f"{datetime.fromisoformat(v.replace('Z', '+00:00')).astimezone(zone):%Y-%m-%d}"
        for v in values
    }


@pytest.mark.slow
def test_month_pick_book_manage_reschedule_cancel(
    browser,  # noqa: F811 - the imported fixture
    server,
    weekday_link,
):
    access_token, link_token = weekday_link
    with _opened(browser, f"{server}/book/{link_token}") as (page, problems):
        shown = page.locator("#month-label").inner_text()
        today = datetime.now(ZoneInfo(ZONE))
        assert shown in (
            _month_label(today),
            _month_label(today.replace(day=1) + timedelta(days=32)),
        )
        if shown == _month_label(today):
            marked = page.locator("#weeks button[aria-current=date]")
            assert marked.get_attribute("data-date") == f"{today:%Y-%m-%d}"
        assert "Europe/Berlin" in page.locator("#zone-now").inner_text()

        # Weekends offer nothing: greyed, disabled, and a click changes nothing.
        saturday = page.locator("#weeks tr td:nth-child(6) button.day").last
        assert saturday.is_disabled()
        assert "no free times" in saturday.get_attribute("aria-label")
        picked = page.locator("#weeks button[aria-pressed=true]").get_attribute(
            "data-date"
        )
        saturday.click(force=True)
        assert saturday.get_attribute("aria-pressed") == "false"
        assert (
            page.locator("#weeks button[aria-pressed=true]").get_attribute("data-date")
            == picked
        )

        # Month navigation: forward, back, and no going before this month.
        assert page.locator("#prev").is_disabled()
        page.get_by_role("button", name="Next month").click()
        page.locator("#month-label").filter(has_text=shown).wait_for(state="detached")
        _ready(page)
        next_label = page.locator("#month-label").inner_text()
        assert next_label != shown
        assert page.locator("#prev").is_enabled()
        days = _enabled_days(page)
        assert days and all(
            datetime.fromisoformat(d).weekday() < 5 for d in days
        )  # Monday to Friday only

        # Pick a day: its times, and only its, are listed.
        day = days[2]
        page.locator(f'#weeks button[data-date="{day}"]').click()
        assert _slot_days(page) == {day}
        heading = page.locator("#times-heading").inner_text()
        assert str(int(day[8:])) in heading

        # Keyboard: the arrow moves to the next day with free times.
        page.locator(f'#weeks button[data-date="{day}"]').focus()
        page.keyboard.press("ArrowRight")
        focused = page.evaluate("document.activeElement.dataset.date")
        assert focused == next(d for d in days if d > day)
        page.locator(f'#weeks button[data-date="{day}"]').click()

        page.get_by_role("button", name="Previous month").click()
        page.locator("#month-label").filter(has_text=shown).wait_for()
        assert page.locator("#prev").is_disabled()
        page.get_by_role("button", name="Next month").click()
        page.locator("#month-label").filter(has_text=next_label).wait_for()
        _ready(page)
        page.locator(f'#weeks button[data-date="{day}"]').click()

        # Book the day's first time.
        first = page.locator("#days input[name=slot]").first
        slot_start = first.get_attribute("value")
        page.locator("#days label.slot").first.click()
        page.get_by_label("Name").fill("Grace Hopper")
        page.get_by_label("Email").fill("grace@example.com")
        page.get_by_role("button", name="Book this time").click()
        page.get_by_role("heading", name="You're booked").wait_for()
        manage = page.get_by_role("link", name="Manage your booking")
        href = manage.get_attribute("href")
        assert f"/book/{link_token}#manage=" in href

        # The manage link: the booking, then a new day for it.
        manage.click()
        page.get_by_role("heading", name="Your booking").wait_for()
        start = datetime.fromisoformat(slot_start.replace("Z", "+00:00"))
        berlin = start.astimezone(ZoneInfo(ZONE))
        assert f"{berlin:%H:%M}" in page.locator("#manage-when").inner_text()
        assert "Confirmed." in page.locator("#manage-state").inner_text()
        page.get_by_role("button", name="Reschedule").click()
        _ready(page)
        assert page.locator("#name").is_hidden()
        page.get_by_role("button", name="Next month").click()
        page.locator("#month-label").filter(has_text=next_label).wait_for()
        _ready(page)
        other = next(d for d in _enabled_days(page) if d > day)
        page.locator(f'#weeks button[data-date="{other}"]').click()
        new_start = page.locator("#days input[name=slot]").first.get_attribute("value")
        page.locator("#days label.slot").first.click()
        page.get_by_role("button", name="Reschedule to this time").click()
        page.locator("#manage-state").filter(has_text="Rescheduled.").wait_for()
        moved = datetime.fromisoformat(new_start.replace("Z", "+00:00"))
        assert (
            f"{moved.astimezone(ZoneInfo(ZONE)):%H:%M}"
            in page.locator("#manage-when").inner_text()
        )

        status, events = _api(
            server,
            "GET",
            f"/events?start={start - timedelta(days=1):%Y-%m-%dT%H:%M:%SZ}"
            f"&end={moved + timedelta(days=1):%Y-%m-%dT%H:%M:%SZ}",
            token=access_token,
        )
        assert status == 200, events
        [event] = events["items"]
        assert event["start_time"] == new_start

        # Cancel, after confirming.
        page.get_by_role("button", name="Cancel booking").click()
        page.get_by_role("button", name="Yes, cancel it").click()
        page.locator("#manage-state").filter(has_text="Cancelled.").wait_for()
        assert page.locator("#manage-actions").is_hidden()
        assert problems == []

    status, events = _api(
        server,
        "GET",
        f"/events?start={moved - timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}"
        f"&end={moved + timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}",
        token=access_token,
    )
    assert status == 200, events
    assert [e["status"] for e in events["items"]] in ([], ["cancelled"])


@pytest.mark.slow
def test_changing_the_zone_redraws_the_month(
    browser,  # noqa: F811 - the imported fixture
    server,
    weekday_link,
):
    _, link_token = weekday_link
    with _opened(browser, f"{server}/book/{link_token}") as (page, problems):
        page.locator("#zone").select_option("Asia/Tokyo")
        page.locator("#zone-now").filter(has_text="Asia/Tokyo").wait_for()
        _ready(page)
        page.locator(f'#weeks button[data-date="{_enabled_days(page)[0]}"]').click()
        values = page.locator("#days input[name=slot]").evaluate_all(
            "inputs => inputs.map(input => input.value)"
        )
        tokyo = {
            datetime.fromisoformat(v.replace("Z", "+00:00"))
            .astimezone(ZoneInfo("Asia/Tokyo"))
            .hour
            for v in values
        }
        assert tokyo <= set(range(18, 24)) | {0, 1}  # 09:00-17:00 UTC in Tokyo
        assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "below"), [(375, True), (1200, False)], ids=["phone", "desktop"]
)
def test_the_times_go_below_the_calendar_on_a_phone(
    browser,  # noqa: F811 - the imported fixture
    server,
    weekday_link,
    width,
    below,
):
    _, link_token = weekday_link
    url = f"{server}/book/{link_token}"
    viewport = {"width": width, "height": 900}
    with _opened(browser, url, viewport=viewport) as (page, _):
        page.locator("#days label.slot").first.wait_for()
        calendar = page.locator(".calendar").bounding_box()
        times = page.locator(".times").bounding_box()
        if below:
            assert times["y"] >= calendar["y"] + calendar["height"]
            assert abs(times["x"] - calendar["x"]) < 2
        else:
            assert times["x"] >= calendar["x"] + calendar["width"]
            assert abs(times["y"] - calendar["y"]) < 40


@pytest.mark.slow
def test_the_manage_link_still_cancels_after_the_link_was_switched_off(
    browser,  # noqa: F811 - the imported fixture
    server,
    weekday_link,
):
    access_token, link_token = weekday_link
    now = datetime.now(ZoneInfo("UTC"))
    status, offered = _api(
        server,
        "GET",
        f"/booking/{link_token}/availability?start={now:%Y-%m-%dT%H:%M:%SZ}"
        f"&end={now + timedelta(days=10):%Y-%m-%dT%H:%M:%SZ}",
    )
    assert status == 200, offered
    slot = offered["slots"][0]
    status, booked = _api(
        server,
        "POST",
        f"/booking/{link_token}/reserve",
        {
            "name": "Grace",
            "email": "grace@example.com",
            "slot_start": slot["start"],
            "slot_end": slot["end"],
        },
    )
    assert status == 200, booked
    status, _ = _api(
        server, "DELETE", f"/booking-links/{link_token}", token=access_token
    )
    assert status == 204
    booking = booked["booking"]
    url = f"{server}/book/{link_token}#manage={booking['id']}.{booking['manage_token']}"
    context = browser.new_context(timezone_id=ZONE, locale="en-GB")
    page = context.new_page()
    problems = _watch(page)
    try:
        page.goto(url)
        page.get_by_role("heading", name="Your booking").wait_for()
        assert "closed" in page.locator("#meta").inner_text()
        assert page.get_by_role("button", name="Reschedule").is_hidden()
        page.get_by_role("button", name="Cancel booking").click()
        page.get_by_role("button", name="Yes, cancel it").click()
        page.locator("#manage-state").filter(has_text="Cancelled.").wait_for()
        assert [p for p in problems if "404" not in p] == []
    finally:
        context.close()
