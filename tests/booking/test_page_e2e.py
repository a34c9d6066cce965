"""The public booking page: its HTTP contract, then a visitor booking a slot in a
real headless Chromium against a real gunicorn.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``), driven by
Playwright for Python; ``make test`` installs both. Without them the browser
test fails, it is never skipped: a green run means a browser booked a slot.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
WEEKDAYS_9_TO_5 = {
    day: [{"start": "09:00", "end": "17:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
LINK = {
    "title": "Intro call with Ada",
    "description": "Twenty minutes, video link in the invitation.",
    "duration_minutes": 30,
    "timezone": "America/New_York",
    "working_hours": WEEKDAYS_9_TO_5,
    "min_notice_minutes": 60,
}


@pytest.fixture
def link(client, headers):
    r = client.post("/calendars", json={"name": "Work"}, headers=headers)
    r = client.post(
        f"/calendars/{r.get_json()['id']}/booking-link", json=LINK, headers=headers
    )
    assert r.status_code == 200, r.get_json()
    return r.get_json()["token"]


# --- HTTP, no browser -----------------------------------------------------------------


def test_booking_url_gives_json_settings_to_api_clients(client, link):
    r = client.get(f"/booking/{link}", headers={"Accept": "application/json"})
    assert r.status_code == 200
    assert r.get_json() == {
        "token": link,
        "title": LINK["title"],
        "description": LINK["description"],
        "duration_minutes": 30,
        "timezone": "America/New_York",
        "requires_confirmation": False,
    }
    assert "Accept" in r.headers["Vary"]


def test_booking_url_gives_the_page_to_browsers(client, link):
    r = client.get(f"/booking/{link}", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    assert "booking.js" in r.get_data(as_text=True)
    assert "Accept" in r.headers["Vary"]


@pytest.mark.parametrize("accept", [None, "application/json", BROWSER_ACCEPT])
def test_book_url_is_always_the_page(client, link, accept):
    r = client.get(f"/book/{link}", headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    assert r.mimetype == "text/html"


def test_page_csp_allows_only_its_own_files(client, link):
    csp = client.get(f"/book/{link}").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp


def test_json_api_keeps_its_strict_csp(client, link):
    r = client.get(f"/booking/{link}", headers={"Accept": "application/json"})
    assert r.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_page_has_no_inline_script_or_style(client, link):
    html = client.get(f"/book/{link}").get_data(as_text=True)
    assert "<script>" not in html and "<style" not in html and "style=" not in html
    assert "http://" not in html and "https://" not in html  # no CDN


@pytest.mark.parametrize("path", ["/booking/{}", "/book/{}"])
def test_unknown_token_is_json_404_for_api_clients(client, path):
    r = client.get(path.format("nope"), headers={"Accept": "application/json"})
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["/booking/{}", "/book/{}"])
def test_unknown_token_is_html_404_for_browsers(client, path):
    r = client.get(path.format("nope"), headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 404
    assert r.mimetype == "text/html"


def test_inactive_link_is_404(client, headers, link):
    assert client.delete(f"/booking-links/{link}", headers=headers).status_code == 204
    r = client.get(f"/booking/{link}", headers={"Accept": "application/json"})
    assert r.status_code == 404
    assert client.get(f"/book/{link}").status_code == 404


@pytest.mark.parametrize("name", ["booking.js", "booking.css"])
def test_page_assets_are_served(client, name):
    with client.get(f"/static/booking/{name}") as r:
        assert r.status_code == 200
        assert r.get_data()


# --- a visitor in Chromium ------------------------------------------------------------


def _api(base: str, method: str, path: str, body=None, token=None):
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(  # noqa: S310 - loopback test server
        base + path,
        data=None if body is None else json.dumps(body).encode(),
        headers=headers,
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium under Playwright: missing either is a failure, not a skip."""
    if not Path(CHROMIUM).exists():
        found = shutil.which("chromium")
        pytest.fail(
            f"{CHROMIUM} is missing ({found or 'no chromium on PATH'}): the booking "
            "page test needs Debian's chromium. `make test` installs it "
            "(apt-get install -y chromium)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright for Python is missing: pip install -r requirements-dev.txt "
            "(never `playwright install`: the browser is Debian's chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def owner(committing_db, server):  # noqa: F811 - the imported fixture
    """``(access_token, link_token)`` of an owner registered through the API."""
    return owner_with_link(server, LINK)


def owner_with_link(server: str, settings: dict) -> tuple[str, str]:
    """Register Ada through the API and give her calendar a booking link."""
    status, body = _api(
        server,
        "POST",
        "/auth/register",
        {"email": "ada@example.com", "password": "correct-horse-9", "name": "Ada"},
    )
    assert status == 201, body
    token = body["access_token"]
    status, calendar = _api(server, "POST", "/calendars", {"name": "Work"}, token)
    assert status == 201, calendar
    status, link = _api(
        server, "POST", f"/calendars/{calendar['id']}/booking-link", settings, token
    )
    assert status == 200, link
    return token, link["token"]


@pytest.mark.slow
def test_a_visitor_books_the_first_free_slot(
    browser,
    server,  # noqa: F811 - the imported fixture
    owner,
    tmp_path,
):
    access_token, link_token = owner
    context = browser.new_context(
        timezone_id="Europe/Berlin", locale="en-GB", accept_downloads=True
    )
    problems: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    try:
        page.goto(f"{server}/booking/{link_token}")
        page.get_by_role("heading", name=LINK["title"]).wait_for()
        assert page.locator("#zone").input_value() == "Europe/Berlin"
        first = page.locator("#days input[name=slot]").first
        first.wait_for(state="attached")
        slot_start = first.get_attribute("value")
        page.locator("#days label.slot").first.click()
        page.get_by_label("Name").fill("Grace Hopper")
        page.get_by_label("Email").fill("grace@example.com")
        page.get_by_label("Notes").fill("About COBOL")
        page.get_by_role("button", name="Book this time").click()

        page.get_by_role("heading", name="You're booked").wait_for()
        when = page.locator("#confirm-when").inner_text()
        assert "(Europe/Berlin)" in when
        start = datetime.fromisoformat(slot_start.replace("Z", "+00:00"))
        berlin = start.astimezone(ZoneInfo("Europe/Berlin"))
        assert f"{berlin:%H:%M}" in when
        assert "Grace Hopper" in page.locator("#confirmation").inner_text()

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Add to calendar (.ics)").click()
        ics = Path(download_info.value.path()).read_bytes().decode()
        assert problems == []
    finally:
        context.close()

    end = start + timedelta(minutes=30)
    assert "BEGIN:VEVENT\r\n" in ics
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\n" in ics
    assert f"DTEND:{end:%Y%m%dT%H%M%SZ}\r\n" in ics
    assert f"SUMMARY:{LINK['title']}\r\n" in ics
    assert "\r\nUID:" in ics

    day = start.astimezone(UTC)
    status, events = _api(
        server,
        "GET",
        f"/events?start={day - timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}"
        f"&end={day + timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}",
        token=access_token,
    )
    assert status == 200, events
    [event] = events["items"]
    assert event["title"] == LINK["title"]
    assert event["start_time"] == slot_start
    assert [(a["email"], a["name"]) for a in event["attendees"]] == [
        ("grace@example.com", "Grace Hopper")
    ]
    assert "About COBOL" in event["description"]


@pytest.mark.slow
def test_a_slot_taken_meanwhile_shows_the_conflict_and_fresh_slots(
    browser,
    server,  # noqa: F811 - the imported fixture
    owner,
):
    _, link_token = owner
    context = browser.new_context(timezone_id="UTC", locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{server}/book/{link_token}")
        first = page.locator("#days input[name=slot]").first
        first.wait_for(state="attached")
        slot_start = first.get_attribute("value")
        page.locator("#days label.slot").first.click()
        start = datetime.fromisoformat(slot_start.replace("Z", "+00:00"))
        status, _ = _api(
            server,
            "POST",
            f"/booking/{link_token}/reserve",
            {
                "name": "Someone Faster",
                "email": "fast@example.com",
                "slot_start": slot_start,
                "slot_end": f"{start + timedelta(minutes=30):%Y-%m-%dT%H:%M:%SZ}",
            },
        )
        assert status == 200
        page.get_by_label("Name").fill("Grace Hopper")
        page.get_by_label("Email").fill("grace@example.com")
        page.get_by_role("button", name="Book this time").click()

        status_text = page.locator("#status")
        status_text.filter(has_text="just taken").wait_for()
        page.locator("#days").and_(page.locator(":not([aria-busy])")).wait_for()
        offered = page.locator("#days input[name=slot]").evaluate_all(
            "inputs => inputs.map(input => input.value)"
        )
        assert slot_start not in offered
        assert page.locator("#confirmation").is_hidden()
    finally:
        context.close()
