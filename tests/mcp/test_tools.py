"""Each tool against the app (JSON-RPC over the Flask test client): the same
answers and refusals as the REST operation it stands for."""

from __future__ import annotations

import json
from datetime import timedelta

import jsonschema
import pytest

from calapp.security import ALL_SCOPES
from tests.booking.helpers import MONDAY, NINE_TO_FIVE, Clock, at, iso

MCP_HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json, text/event-stream",
}


class Agent:
    """Tool calls over POST /mcp with one set of credentials."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = {**MCP_HEADERS, **headers}
        self.ids = 0

    def rpc(self, method: str, params: dict | None = None) -> dict:
        self.ids += 1
        message = {"jsonrpc": "2.0", "id": self.ids, "method": method}
        if params is not None:
            message["params"] = params
        r = self.client.post("/mcp", data=json.dumps(message), headers=self.headers)
        assert r.status_code == 200, r.get_data(as_text=True)
        body = r.get_json()
        assert "result" in body, body
        return body["result"]

    def call(self, tool: str, /, **arguments) -> dict:
        result = self.rpc("tools/call", {"name": tool, "arguments": arguments})
        assert result["content"][0]["type"] == "text"
        return result

    def ok(self, tool: str, /, **arguments):
        result = self.call(tool, **arguments)
        assert not result.get("isError"), result["content"][0]["text"]
        if "structuredContent" not in result:
            return result["content"][0]["text"]
        # What the tool returns is what its definition says it returns.
        schema = self.output_schemas()[tool]
        jsonschema.validate(result["structuredContent"], schema)
        return result["structuredContent"]

    def output_schemas(self) -> dict:
        if not hasattr(self, "_outputs"):
            tools = self.rpc("tools/list")["tools"]
            self._outputs = {t["name"]: t.get("outputSchema") for t in tools}
        return self._outputs

    def error(self, tool: str, /, **arguments) -> dict:
        result = self.call(tool, **arguments)
        assert result.get("isError") is True, result
        assert json.loads(result["content"][0]["text"]) == result["structuredContent"]
        return result["structuredContent"]


@pytest.fixture
def clock(monkeypatch):
    from calapp.users import service

    value = Clock(MONDAY)
    monkeypatch.setattr(service, "now", value)
    return value


@pytest.fixture
def owner(make_user):
    return make_user(name="Olivia Owner")


@pytest.fixture
def agent(client, auth, owner):
    return Agent(client, auth.key(owner, sorted(ALL_SCOPES)))


@pytest.fixture
def calendar_id(agent, client, auth, owner):
    r = client.post("/calendars", json={"name": "Work"}, headers=auth.jwt(owner))
    assert r.status_code == 201
    return r.get_json()["id"]


def event(calendar_id, start="2030-03-04T10:00:00Z", end="2030-03-04T11:00:00Z"):
    return {
        "calendar_id": calendar_id,
        "title": "Review",
        "start_time": start,
        "end_time": end,
    }


def test_tool_schemas_are_the_openapi_documents(agent, client):
    """No second copy: create_event's input is EventCreate of /openapi.json."""
    document = client.get("/openapi.json").get_json()
    components = document["components"]["schemas"]
    tools = {t["name"]: t for t in agent.rpc("tools/list")["tools"]}

    def local(schema):
        return json.loads(
            json.dumps(schema).replace("#/components/schemas/", "#/$defs/")
        )

    create = tools["create_event"]["inputSchema"]
    assert create["properties"] == local(components["EventCreate"]["properties"])
    for name in create.get("$defs", {}):
        assert create["$defs"][name] == local(components[name])
    output = tools["get_event"]["outputSchema"]
    assert output["properties"] == local(components["Event"]["properties"])


def test_a_tool_outside_the_keys_scopes_is_refused_with_the_required_scope(
    client, auth, owner, calendar_id
):
    reader = Agent(client, auth.key(owner, ["contacts:read"]))
    names = {t["name"] for t in reader.rpc("tools/list")["tools"]}
    assert "create_contact" not in names
    error = reader.error("create_contact", first_name="Ada")
    assert error["code"] == "insufficient_scope"
    assert error["details"]["required"] == ["contacts:write"]


def test_an_unknown_tool_is_a_tool_error(agent):
    assert agent.error("drop_tables")["code"] == "not_found"


def test_a_jwt_user_has_every_tool(client, auth, owner):
    names = {
        t["name"] for t in Agent(client, auth.jwt(owner)).rpc("tools/list")["tools"]
    }
    assert len(names) == 22


def test_search_events_by_text(agent, calendar_id):
    agent.ok("create_event", **event(calendar_id))
    agent.ok("create_event", **{**event(calendar_id), "title": "Lunch"})
    found = agent.ok("list_events", search="lunch")
    assert [e["title"] for e in found["items"]] == ["Lunch"]


def test_a_viewer_cannot_write_through_mcp_either(
    client, auth, owner, make_user, calendar_id
):
    viewer = make_user()
    r = client.post(
        f"/calendars/{calendar_id}/share",
        json={"user_id": str(viewer.id), "role": "viewer"},
        headers=auth.jwt(owner),
    )
    assert r.status_code == 201
    as_viewer = Agent(client, auth.key(viewer, sorted(ALL_SCOPES)))
    assert as_viewer.error("create_event", **event(calendar_id))["code"] == "forbidden"
    assert as_viewer.ok("list_calendars")["items"][0]["role"] == "viewer"


def test_attendees_rsvp_and_reminders(agent, client, auth, make_user, calendar_id):
    guest = make_user(email="guest@example.com")
    created = agent.ok("create_event", **event(calendar_id))
    attendee = agent.ok("add_attendee", event_id=created["id"], email=guest.email)
    assert attendee["status"] == "needs_action"
    as_guest = Agent(client, auth.key(guest, ["events:write"]))
    answer = as_guest.ok(
        "rsvp", event_id=created["id"], attendee_id=attendee["id"], status="accepted"
    )
    assert answer["status"] == "accepted"
    reminders = agent.ok(
        "add_reminders", event_id=created["id"], minutes_before=[10, 60]
    )
    assert sorted(r["minutes_before"] for r in reminders["items"]) == [10, 60]
    bad = agent.error("rsvp", event_id=created["id"], attendee_id=attendee["id"],
                      status="maybe")  # fmt: skip
    assert bad["code"] == "validation_error"
    assert "status" in bad["details"]


def test_free_busy_and_common_free_slots(agent, calendar_id):
    agent.ok("create_event", **event(calendar_id))
    busy = agent.ok(
        "get_free_busy",
        calendar_id=[calendar_id],
        start="2030-03-04T00:00:00Z",
        end="2030-03-05T00:00:00Z",
    )
    assert busy["busy"] == [
        {"start": "2030-03-04T10:00:00Z", "end": "2030-03-04T11:00:00Z"}
    ]
    found = agent.ok(
        "find_free_slots",
        calendar_ids=[calendar_id],
        start="2030-03-04T09:00:00Z",
        end="2030-03-04T12:00:00Z",
        duration_minutes=60,
        timezone="UTC",
        working_hours={"mon": [{"start": "09:00", "end": "12:00"}]},
    )
    assert [s["start"] for s in found["slots"]] == [
        "2030-03-04T09:00:00Z",
        "2030-03-04T11:00:00Z",
    ]


def test_booking_links_and_a_public_booking(agent, calendar_id, clock):
    link = agent.ok(
        "create_booking_link",
        calendar_id=calendar_id,
        duration_minutes=30,
        timezone="UTC",
        working_hours=NINE_TO_FIVE,
        min_notice_minutes=0,
    )
    assert link["public_url"].endswith(f"/booking/{link['token']}")
    listed = agent.ok("list_booking_links", calendar_id=calendar_id)
    assert [item["token"] for item in listed["items"]] == [link["token"]]
    assert agent.ok("get_booking_link", token=link["token"])["duration_minutes"] == 30
    day = MONDAY + timedelta(days=1)
    slots = agent.ok(
        "get_booking_availability",
        token=link["token"],
        start=iso(at(day, "09:00")),
        end=iso(at(day, "11:00")),
    )["slots"]
    assert [s["start"] for s in slots] == [
        iso(at(day, hhmm)) for hhmm in ("09:00", "09:30", "10:00", "10:30")
    ]
    slot = {"slot_start": slots[0]["start"], "slot_end": slots[0]["end"]}
    hold = agent.ok(
        "hold_booking_slot", token=link["token"], email="vera@example.com", **slot
    )
    booked = agent.ok(
        "reserve_booking_slot",
        token=link["token"],
        name="Vera Visitor",
        email="vera@example.com",
        hold_id=hold["hold_id"],
        **slot,
    )
    assert booked["ok"] is True
    assert booked["status"] == "confirmed"
    assert booked["booking"]["manage_token"]
    taken = agent.error(
        "reserve_booking_slot",
        token=link["token"],
        name="Walt",
        email="walt@example.com",
        **slot,
    )
    assert taken["code"] == "slot_unavailable"
    assert agent.error("get_booking_link", token="nope")["code"] == "not_found"


def test_contacts_search_and_create(agent):
    agent.ok("create_contact", first_name="Ada", last_name="Lovelace",
             email="ada@example.com")  # fmt: skip
    agent.ok("create_contact", first_name="Alan", last_name="Turing")
    found = agent.ok("search_contacts", search="lovelace")
    assert [c["email"] for c in found["items"]] == ["ada@example.com"]
    bad = agent.error("create_contact", first_name="X", email="not-an-email")
    assert bad["code"] == "validation_error"


def test_export_a_calendar_as_ics(agent, calendar_id):
    agent.ok("create_event", **event(calendar_id))
    text = agent.ok("export_calendar_ics", calendar_id=calendar_id)
    assert text.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Review" in text


def test_an_unreadable_resource_is_a_resource_error(
    client, auth, make_user, calendar_id
):
    stranger = Agent(client, auth.key(make_user(), ["calendars:read"]))
    stranger.ids += 1
    message = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "resources/read",
        "params": {"uri": f"calapp://calendars/{calendar_id}"},
    }
    r = client.post("/mcp", data=json.dumps(message), headers=stranger.headers)
    error = r.get_json()["error"]
    assert error["code"] == -32002
    assert error["data"]["code"] == "not_found"


def test_a_parse_error_is_a_json_rpc_error(client, auth, owner):
    headers = {**MCP_HEADERS, **auth.key(owner, ["events:read"])}
    r = client.post("/mcp", data="{not json", headers=headers)
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == -32700


def test_a_non_json_body_is_415_in_the_api_format(client, auth, owner):
    headers = {**auth.key(owner, ["events:read"]), "Content-Type": "text/plain"}
    r = client.post("/mcp", data="hello", headers=headers)
    assert r.status_code == 415
    assert r.get_json()["code"] == "unsupported_media_type"


def test_a_retried_tool_call_with_an_idempotency_key_acts_once(
    client, auth, owner, calendar_id
):
    headers = {**MCP_HEADERS, **auth.key(owner, ["events:write"])}
    message = json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 7,
            "method": "tools/call",
            "params": {"name": "create_event", "arguments": event(calendar_id)},
        }
    )
    first = client.post(
        "/mcp", data=message, headers={**headers, "Idempotency-Key": "try-1"}
    )
    again = client.post(
        "/mcp", data=message, headers={**headers, "Idempotency-Key": "try-1"}
    )
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    listed = Agent(client, auth.jwt(owner)).ok("list_events")
    assert len(listed["items"]) == 1


def test_the_2026_protocol_per_request_envelope_is_served(client, auth, owner):
    """The 2026-07-28 protocol: no handshake, every request carries its version
    and capabilities; the result says its resultType."""
    meta = {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
    }
    message = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "list_calendars", "arguments": {}, "_meta": meta},
    }
    headers = {
        **MCP_HEADERS,
        **auth.key(owner, ["calendars:read"]),
        "MCP-Protocol-Version": "2026-07-28",
        "Mcp-Method": "tools/call",
        "Mcp-Name": "list_calendars",
    }
    r = client.post("/mcp", data=json.dumps(message), headers=headers)
    result = r.get_json()["result"]
    assert result["resultType"] == "complete"
    assert result["structuredContent"]["items"] == []
