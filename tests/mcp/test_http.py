"""A real MCP client (the SDK's, over streamable HTTP) against the API under
gunicorn: tools listed by scope, calls through the REST services, errors as
tool errors, calendars as resources."""

from __future__ import annotations

import json

import anyio
import httpx2
import pytest

from tests.mcp.conftest import mcp_session

pytestmark = pytest.mark.usefixtures("committing_db")

WRITE_TOOLS = {
    "create_event", "update_event", "delete_event", "update_occurrence",
    "delete_occurrence", "rsvp", "add_attendee", "add_reminders",
    "create_booking_link", "hold_booking_slot", "reserve_booking_slot",
    "create_contact",
}  # fmt: skip
EVENT = {
    "title": "Planning",
    "start_time": "2030-03-04T10:00:00Z",
    "end_time": "2030-03-04T11:00:00Z",
}


def run(fn, *args):
    return anyio.run(fn, *args)


@pytest.fixture
def owner(make_user):
    return make_user()


@pytest.fixture
def calendar_id(live_api, auth, owner):
    response = httpx2.post(
        f"{live_api}/calendars",
        json={"name": "Work", "timezone": "Europe/Paris"},
        headers=auth.jwt(owner),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_a_full_key_sees_every_tool_with_schemas(live_api, auth, owner, full_scopes):
    async def main():
        async with mcp_session(live_api, auth.key(owner, full_scopes)) as session:
            return (await session.list_tools()).tools

    tools = {tool.name: tool for tool in run(main)}
    assert WRITE_TOOLS <= set(tools)
    assert {"list_calendars", "list_events", "get_event", "get_free_busy",
            "find_free_slots", "list_booking_links", "get_booking_link",
            "get_booking_availability", "search_contacts",
            "export_calendar_ics"} <= set(tools)  # fmt: skip
    create = tools["create_event"]
    # The REST body schema: required fields, and no field beyond it.
    assert {"calendar_id", "title", "start_time"} <= set(
        create.input_schema["required"]
    )
    assert create.input_schema["additionalProperties"] is False
    assert "id" not in create.input_schema["properties"]  # dump_only in REST
    assert "attendees" in create.output_schema["properties"]
    assert tools["list_events"].annotations.read_only_hint is True


def test_a_read_only_key_sees_no_write_tool(live_api, auth, owner):
    scopes = ["calendars:read", "events:read", "contacts:read", "availability:read"]

    async def main():
        async with mcp_session(live_api, auth.key(owner, scopes)) as session:
            return {tool.name for tool in (await session.list_tools()).tools}

    names = run(main)
    assert not names & WRITE_TOOLS
    assert {"list_events", "list_calendars", "search_contacts"} <= names
    assert "list_booking_links" not in names  # no booking:read


def test_create_list_update_delete_an_event(
    live_api, auth, owner, calendar_id, full_scopes
):
    async def main():
        async with mcp_session(live_api, auth.key(owner, full_scopes)) as session:
            created = await session.call_tool(
                "create_event", {**EVENT, "calendar_id": calendar_id}
            )
            assert not created.is_error, created.content
            event = created.structured_content
            listed = await session.call_tool(
                "list_events",
                {"start": "2030-03-01T00:00:00Z", "end": "2030-03-31T00:00:00Z"},
            )
            updated = await session.call_tool(
                "update_event", {"event_id": event["id"], "title": "Planning v2"}
            )
            deleted = await session.call_tool("delete_event", {"event_id": event["id"]})
            after = await session.call_tool("get_event", {"event_id": event["id"]})
            return event, listed, updated, deleted, after

    event, listed, updated, deleted, after = run(main)
    assert event["title"] == "Planning"
    assert event["calendar_id"] == calendar_id
    assert [e["id"] for e in listed.structured_content["items"]] == [event["id"]]
    assert updated.structured_content["title"] == "Planning v2"
    assert not deleted.is_error
    assert after.is_error
    assert after.structured_content["code"] == "not_found"


def test_recurring_occurrences_are_expanded_and_changed_one_at_a_time(
    live_api, auth, owner, calendar_id, full_scopes
):
    window = {"start": "2030-03-04T00:00:00Z", "end": "2030-03-07T00:00:00Z"}

    async def main():
        async with mcp_session(live_api, auth.key(owner, full_scopes)) as session:
            series = await session.call_tool(
                "create_event",
                {
                    **EVENT,
                    "calendar_id": calendar_id,
                    "recurrence_rule": "FREQ=DAILY;COUNT=3",
                },  # fmt: skip
            )
            first = await session.call_tool("list_events", window)
            moved = await session.call_tool(
                "update_occurrence",
                {
                    "event_id": series.structured_content["id"],
                    "original_start_time": "2030-03-05T10:00:00Z",
                    "scope": "this",
                    "title": "Moved",
                },  # fmt: skip
            )
            cancelled = await session.call_tool(
                "delete_occurrence",
                {"event_id": series.structured_content["id"],
                 "original_start_time": "2030-03-06T10:00:00Z", "scope": "this"},
            )  # fmt: skip
            second = await session.call_tool("list_events", window)
            return first, moved, cancelled, second

    first, moved, cancelled, second = run(main)
    assert len(first.structured_content["items"]) == 3
    assert not moved.is_error, moved.content
    assert not cancelled.is_error, cancelled.content
    titles = [e["title"] for e in second.structured_content["items"]]
    assert titles == ["Planning", "Moved"]


def test_a_missing_scope_is_a_tool_error_with_the_api_code(
    live_api, auth, owner, calendar_id
):
    async def main():
        async with mcp_session(live_api, auth.key(owner, ["events:read"])) as session:
            return await session.call_tool(
                "create_event", {**EVENT, "calendar_id": calendar_id}
            )

    result = run(main)
    assert result.is_error
    assert result.structured_content["code"] == "insufficient_scope"
    assert result.structured_content["details"] == {"required": ["events:write"]}


def test_bad_input_is_a_validation_error_naming_the_field(
    live_api, auth, owner, calendar_id, full_scopes
):
    async def main():
        async with mcp_session(live_api, auth.key(owner, full_scopes)) as session:
            backwards = await session.call_tool(
                "create_event",
                {
                    **EVENT,
                    "calendar_id": calendar_id,
                    "end_time": "2030-03-04T09:00:00Z",
                },  # fmt: skip
            )
            unknown = await session.call_tool(
                "create_event",
                {**EVENT, "calendar_id": calendar_id, "owner_id": calendar_id},
            )
            return backwards, unknown

    backwards, unknown = run(main)
    assert backwards.is_error
    assert backwards.structured_content["code"] == "validation_error"
    assert "end_time" in backwards.structured_content["details"]
    assert unknown.structured_content["code"] == "validation_error"
    assert "owner_id" in unknown.structured_content["details"]


def test_another_users_calendar_is_not_found(
    live_api, auth, make_user, calendar_id, full_scopes
):
    stranger = make_user()

    async def main():
        async with mcp_session(live_api, auth.key(stranger, full_scopes)) as session:
            return await session.call_tool(
                "create_event", {**EVENT, "calendar_id": calendar_id}
            )

    result = run(main)
    assert result.is_error
    assert result.structured_content["code"] == "not_found"


def test_calendars_are_resources(live_api, auth, owner, calendar_id, full_scopes):
    async def main():
        async with mcp_session(live_api, auth.key(owner, full_scopes)) as session:
            await session.call_tool(
                "create_event", {**EVENT, "calendar_id": calendar_id}
            )
            listed = await session.list_resources()
            calendar = await session.read_resource(f"calapp://calendars/{calendar_id}")
            ics = await session.read_resource(
                f"calapp://calendars/{calendar_id}/export.ics"
            )
            return listed, calendar, ics

    listed, calendar, ics = run(main)
    uris = {str(resource.uri) for resource in listed.resources}
    assert uris == {
        f"calapp://calendars/{calendar_id}",
        f"calapp://calendars/{calendar_id}/export.ics",
    }
    assert json.loads(calendar.contents[0].text)["name"] == "Work"
    assert calendar.contents[0].mime_type == "application/json"
    assert "SUMMARY:Planning" in ics.contents[0].text
    assert ics.contents[0].mime_type == "text/calendar"


def _post(url: str, headers: dict, body: bytes | None = b"{}", method: str = "POST"):
    response = httpx2.request(method, url, content=body, headers=headers)
    return response.status_code, response.headers, response.content


LIST = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).encode()
JSON_HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json, text/event-stream",
}


def test_without_credentials_it_is_401_in_the_api_format(live_api):
    status, headers, body = _post(f"{live_api}/mcp", JSON_HEADERS, LIST)
    assert status == 401
    assert json.loads(body)["code"] == "unauthorized"
    assert headers["WWW-Authenticate"].startswith("Bearer")


def test_get_is_405_as_for_a_stateless_server(live_api, auth, owner):
    status, headers, body = _post(
        f"{live_api}/mcp", auth.key(owner, ["events:read"]), None, "GET"
    )
    assert status == 405
    assert json.loads(body)["code"] == "method_not_allowed"
    assert headers["Allow"] == "POST"


def test_a_foreign_origin_is_refused(live_api, auth, owner):
    headers = {
        **JSON_HEADERS,
        **auth.key(owner, ["events:read"]),
        "Origin": "https://evil.example",
    }
    status, _, body = _post(f"{live_api}/mcp", headers, LIST)
    assert status == 403
    assert json.loads(body)["code"] == "forbidden"
    own = {**headers, "Origin": live_api}
    status, _, body = _post(f"{live_api}/mcp", own, LIST)
    assert status == 200
    assert json.loads(body)["result"]["tools"]
