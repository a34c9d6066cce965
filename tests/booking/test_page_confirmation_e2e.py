"""The booking page for a link that requires confirmation, in Debian's chromium:
the visitor is told the request waits for the owner."""

import pytest

from tests.booking.test_page_e2e import (  # noqa: F401 - fixtures
    LINK,
    _api,
    browser,
    owner,
)


@pytest.mark.slow
def test_a_request_on_a_link_needing_confirmation_says_it_waits(
    browser,  # noqa: F811 - the imported fixture
    server,
    owner,  # noqa: F811 - the imported fixture
):
    access_token, link_token = owner
    status, body = _api(
        server,
        "PUT",
        f"/booking-links/{link_token}",
        {"requires_confirmation": True},
        access_token,
    )
    assert status == 200, body
    context = browser.new_context(timezone_id="Europe/Berlin", locale="en-GB")
    problems: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        page.goto(f"{server}/booking/{link_token}")
        page.get_by_role("heading", name=LINK["title"]).wait_for()
        page.locator("#days input[name=slot]").first.wait_for(state="attached")
        page.locator("#days label.slot").first.click()
        page.get_by_label("Name").fill("Grace Hopper")
        page.get_by_label("Email").fill("grace@example.com")
        page.get_by_role("button", name="Book this time").click()
        page.get_by_role("heading", name="Request sent").wait_for()
        text = page.locator("#confirmation").inner_text()
        assert "until the organizer confirms it" in text
        assert problems == []
    finally:
        context.close()
    path = "/bookings?status=pending"
    status, pending = _api(server, "GET", path, None, access_token)
    assert status == 200, pending
    assert [b["email"] for b in pending["items"]] == ["grace@example.com"]
