"""GET /llms.txt and GET /booking/{token}/llms.txt: Markdown from live data."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.routing.exceptions import RoutingException

from tests.booking.helpers import MONDAY, Booker, Clock

MARKDOWN = "text/markdown; charset=utf-8"


@pytest.fixture
def clock(monkeypatch):
    from calapp.users import service

    value = Clock(MONDAY)
    monkeypatch.setattr(service, "now", value)
    return value


@pytest.fixture
def booker(client, headers):
    return Booker(client, headers)


@pytest.fixture
def link(booker, clock):
    calendar = booker.calendar()
    return booker.link(
        calendar["id"],
        title="Office hours with Ada",
        description="Bring your questions.",
        duration_minutes=45,
        timezone="Europe/Berlin",
        working_hours={"tue": [{"start": "10:00", "end": "12:00"}]},
        buffer_minutes=10,
        max_bookings_per_day=4,
    )


def _routable(app, method: str, path: str) -> bool:
    """Does the app serve ``method path`` (a path with ``{params}`` filled in)?"""
    sample = re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", path)
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(sample, method=method)
    except (HTTPException, RoutingException):  # no such route or method
        return False
    return True


# --- /llms.txt ------------------------------------------------------------------------


def test_llms_txt_is_markdown(client):
    r = client.get("/llms.txt")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == MARKDOWN
    text = r.get_data(as_text=True)
    assert text.startswith("# calapp\n")
    assert "\n> " in text


def test_llms_txt_links_the_documents_and_mcp(client):
    text = client.get("/llms.txt").get_data(as_text=True)
    assert "(http://localhost/openapi.json)" in text
    assert "(http://localhost/docs)" in text
    assert "(http://localhost/mcp)" in text


def test_llms_txt_uses_the_public_base_url(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://cal.example.com/")
    text = client.get("/llms.txt").get_data(as_text=True)
    assert "(https://cal.example.com/openapi.json)" in text


def test_llms_txt_says_how_to_authenticate(client):
    text = client.get("/llms.txt").get_data(as_text=True)
    for words in (
        "JWT",
        "POST /auth/login",
        "API key",
        "X-API-Key",
        "Authorization: Bearer",
        "`cal_`",
        "`events:write`",
        "`availability:read`",
        "`booking:write`",
        "Idempotency-Key",
        "valid 15 minutes",
    ):
        assert words in text, words


def test_the_core_calls_are_real_operations_of_the_document(app, client):
    text = client.get("/llms.txt").get_data(as_text=True)
    spec = client.get("/openapi.json").get_json()
    calls = re.findall(r"^- `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`: (.+)$", text, re.M)
    assert len(calls) >= 20
    for method, path, rest in calls:
        operation = spec["paths"][path][method.lower()]
        assert rest.startswith(operation["summary"].rstrip(".")), (path, rest)
        assert _routable(app, method, path), path
    assert ("POST", "/availability/explain") in {(m, p) for m, p, _ in calls}


def test_core_calls_name_their_scopes(client):
    text = client.get("/llms.txt").get_data(as_text=True)
    assert re.search(r"^- `POST /events`: .*\(scope `events:write`\)$", text, re.M)
    assert re.search(
        r"^- `POST /booking/\{token\}/reserve`: .*\(no sign-in\)$", text, re.M
    )


def test_llms_txt_counts_the_documents_operations(client):
    text = client.get("/llms.txt").get_data(as_text=True)
    spec = client.get("/openapi.json").get_json()
    count = sum(
        1
        for item in spec["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )
    assert f"all {count} operations" in text


# --- /booking/{token}/llms.txt --------------------------------------------------------


def test_a_links_llms_txt_shows_its_real_fields(client, link):
    r = client.get(f"/booking/{link['token']}/llms.txt")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == MARKDOWN
    text = r.get_data(as_text=True)
    assert text.startswith("# Office hours with Ada\n")
    assert "Bring your questions." in text
    assert "- Duration: 45 minutes" in text
    assert "- Time zone: Europe/Berlin" in text
    assert "- Working hours: Tue 10:00-12:00" in text
    assert "10 minutes are kept free" in text
    assert "At most 4 bookings a day" in text


def test_a_links_llms_txt_follows_changes_to_the_link(client, headers, link):
    r = client.put(
        f"/booking-links/{link['token']}",
        json={"title": "Renamed", "duration_minutes": 20},
        headers=headers,
    )
    assert r.status_code == 200
    text = client.get(f"/booking/{link['token']}/llms.txt").get_data(as_text=True)
    assert text.startswith("# Renamed\n")
    assert "- Duration: 20 minutes" in text


def test_a_links_llms_txt_lists_the_next_free_slots(client, booker, link):
    listed = booker.starts(link["token"], MONDAY, MONDAY + timedelta(days=14))
    assert len(listed) >= 3
    text = client.get(f"/booking/{link['token']}/llms.txt").get_data(as_text=True)
    line = next(x for x in text.splitlines() if x.startswith("- Next free slots: "))
    assert re.findall(r"`([^`]+)`", line) == listed[:3]
    assert f'"slot_start": "{listed[0]}"' in text


def test_a_links_llms_txt_says_how_to_book_with_real_paths(app, client, link):
    token = link["token"]
    text = client.get(f"/booking/{token}/llms.txt").get_data(as_text=True)
    base = "http://localhost"
    for method, path in (
        ("GET", f"/booking/{token}/availability"),
        ("GET", f"/booking/{token}/explain"),
        ("POST", f"/booking/{token}/holds"),
        ("POST", f"/booking/{token}/reserve"),
        ("POST", f"/booking/{token}/bookings/{{booking_id}}/cancel"),
    ):
        assert f"{method} {base}{path}" in text, path
        assert _routable(app, method, path), path
    assert "Idempotency-Key" in text
    assert "without an account" in text
    assert "manage_token" in text


def test_an_unknown_links_llms_txt_is_a_json_404(client):
    r = client.get("/booking/no-such-token/llms.txt")
    assert r.status_code == 404
    assert r.mimetype == "application/json"
    assert r.get_json()["code"] == "not_found"


def test_an_inactive_links_llms_txt_is_a_json_404(client, headers, link):
    r = client.delete(f"/booking-links/{link['token']}", headers=headers)
    assert r.status_code == 204
    r = client.get(f"/booking/{link['token']}/llms.txt")
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


def test_a_links_llms_txt_never_shows_the_owner_or_calendar(client, link, user):
    text = client.get(f"/booking/{link['token']}/llms.txt").get_data(as_text=True)
    assert user.email not in text
    assert link["calendar_id"] not in text


def test_llms_txt_is_rate_limited_like_the_public_pages(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_PUBLIC", "2/minute")
    statuses = [client.get("/llms.txt").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize(
    "path, operation_id",
    [
        ("/llms.txt", "getLlmsTxt"),
        ("/booking/{token}/llms.txt", "getBookingLinkLlmsTxt"),
    ],
)
def test_llms_txt_is_documented_as_markdown(client, path, operation_id):
    operation = client.get("/openapi.json").get_json()["paths"][path]["get"]
    assert operation["operationId"] == operation_id
    assert operation["security"] == []
    assert "text/markdown" in operation["responses"]["200"]["content"]
    assert len(operation["description"].split()) >= 8
