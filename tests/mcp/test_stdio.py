"""The SDK's stdio client running ``flask mcp serve`` with CALAPP_API_KEY."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.servers import PROJECT_ROOT, server_env

pytestmark = pytest.mark.usefixtures("committing_db")

FLASK = str(Path(sys.executable).parent / "flask")


def _params(database_url: str, key: str) -> StdioServerParameters:
    return StdioServerParameters(
        command=FLASK,
        args=["--app", "wsgi", "mcp", "serve"],
        env=server_env(database_url, CALAPP_API_KEY=key),
        cwd=PROJECT_ROOT,
    )


def test_an_agent_manages_events_over_stdio(app, database_url, auth, make_user):
    owner = make_user()
    key = auth.key(owner, ["calendars:write", "events:write"])["X-API-Key"]

    async def main():
        async with (
            stdio_client(_params(database_url, key)) as streams,
            ClientSession(*streams) as session,
        ):
            await session.initialize()
            names = {tool.name for tool in (await session.list_tools()).tools}
            calendars = await session.call_tool("list_calendars", {})
            return names, calendars

    names, calendars = anyio.run(main)
    assert {"create_event", "list_events", "list_calendars"} <= names
    assert "search_contacts" not in names  # no contacts scope
    assert calendars.structured_content["items"] == []


def test_create_list_update_and_delete_over_stdio(
    app, database_url, auth, make_user, client
):
    owner = make_user()
    headers = auth.jwt(owner)
    calendar_id = client.post("/calendars", json={"name": "Home"}, headers=headers)
    calendar_id = calendar_id.json["id"]
    key = auth.key(owner, ["events:write"])["X-API-Key"]

    async def main():
        async with (
            stdio_client(_params(database_url, key)) as streams,
            ClientSession(*streams) as session,
        ):
            await session.initialize()
            created = await session.call_tool(
                "create_event",
                {
                    "calendar_id": calendar_id,
                    "title": "Dentist",
                    "start_time": "2030-05-01T08:00:00Z",
                    "end_time": "2030-05-01T09:00:00Z",
                },
            )
            event_id = created.structured_content["id"]
            listed = await session.call_tool(
                "list_events",
                {"start": "2030-05-01T00:00:00Z", "end": "2030-05-02T00:00:00Z"},
            )
            assert [e["id"] for e in listed.structured_content["items"]] == [event_id]
            updated = await session.call_tool(
                "update_event", {"event_id": event_id, "location": "Main St"}
            )
            deleted = await session.call_tool("delete_event", {"event_id": event_id})
            denied = await session.call_tool("list_calendars", {})
            return updated, deleted, denied

    updated, deleted, denied = anyio.run(main)
    assert updated.structured_content["location"] == "Main St"
    assert not deleted.is_error
    # list_calendars needs calendars:read: not listed, and refused when called.
    assert denied.is_error
    assert denied.structured_content["code"] == "insufficient_scope"


def test_serve_without_a_key_says_what_to_set(database_url):
    env = server_env(database_url)
    env.pop("CALAPP_API_KEY", None)
    done = subprocess.run(  # noqa: S603
        [FLASK, "--app", "wsgi", "mcp", "serve"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "CALAPP_API_KEY is not set" in done.stderr


def test_serve_with_an_unknown_key_refuses_to_start(database_url):
    env = server_env(database_url, CALAPP_API_KEY="cal_not-a-real-key")
    done = subprocess.run(  # noqa: S603
        [FLASK, "--app", "wsgi", "mcp", "serve"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "CALAPP_API_KEY: Invalid API key" in done.stderr
