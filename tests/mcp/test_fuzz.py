"""Whatever arrives at POST /mcp, the answer is never a 5xx: bad JSON-RPC is a
JSON-RPC error, bad tool arguments a tool error."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calapp.mcp.tools import TOOLS
from calapp.security import ALL_SCOPES

METHODS = [
    "initialize", "ping", "tools/list", "tools/call", "resources/list",
    "resources/read", "resources/templates/list", "prompts/list",
    "notifications/initialized", "server/discover", "nope/never",
]  # fmt: skip
TOOL_NAMES = [tool.name for tool in TOOLS] + ["no_such_tool"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(
        [
            "2030-01-01T00:00:00Z",
            "2030-01-01T00:00:00",
            "00000000-0000-0000-0000-000000000000",
            "calapp://calendars/x",
            "this",
            "following",
            "",
        ]
    )  # fmt: skip
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(
    ["calendar_id", "event_id", "start", "end", "title", "start_time", "end_time",
     "original_start_time", "scope", "token", "limit", "cursor", "search",
     "minutes_before", "email", "status", "uri", "attendee_id"]
)  # fmt: skip
arguments = st.dictionaries(field_names, json_values, max_size=5) | json_values
# The 2026-07-28 protocol's per-request envelope, whole or garbled.
ENVELOPE = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
}
call_params = st.fixed_dictionaries(
    {"name": st.sampled_from(TOOL_NAMES)},
    optional={"arguments": arguments, "_meta": st.just(ENVELOPE) | json_values},
)
params = (
    call_params
    | st.fixed_dictionaries({"uri": json_values | st.text(max_size=60)})
    | json_values
)
messages = st.fixed_dictionaries(
    {"method": st.sampled_from(METHODS) | st.text(max_size=20)},
    optional={
        "jsonrpc": st.sampled_from(["2.0", "1.0"]) | json_values,
        "id": st.integers() | st.text(max_size=8) | st.none() | json_values,
        "params": params,
    },
)
bodies = (
    messages.map(json.dumps)
    | st.lists(messages, max_size=3).map(json.dumps)
    | json_values.map(json.dumps)
    | st.binary(max_size=64).map(lambda b: b.decode("latin-1"))
)
header_sets = st.sampled_from(
    [
        {"Content-Type": "application/json",
         "Accept": "application/json, text/event-stream"},
        {"Content-Type": "application/json", "Accept": "application/json"},
        {"Content-Type": "text/plain"},
        {"Content-Type": "application/json",
         "Accept": "application/json, text/event-stream",
         "MCP-Protocol-Version": "2025-06-18"},
        {"Content-Type": "application/json",
         "Accept": "application/json, text/event-stream",
         "MCP-Protocol-Version": "1999-01-01"},
        {"Content-Type": "application/json",
         "Accept": "application/json, text/event-stream",
         "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call"},
        {},
    ]
)  # fmt: skip


def _routing_headers(body: str) -> dict:
    """The 2026-07-28 protocol's headers that repeat the body (method, tool
    name), so that fuzzed bodies get past them to the server."""
    try:
        message = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(message, dict) or not isinstance(message.get("method"), str):
        return {}
    headers = {"Mcp-Method": message["method"].encode("ascii", "replace").decode()}
    params = message.get("params")
    if isinstance(params, dict) and isinstance(params.get("name"), str):
        headers["Mcp-Name"] = params["name"]
    return headers


@pytest.fixture
def key_headers(auth, make_user):
    return auth.key(make_user(), sorted(ALL_SCOPES))


@pytest.mark.slow
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies, headers=header_sets)
def test_no_body_makes_a_server_error(client, key_headers, body, headers):
    if "Mcp-Method" in headers:
        headers = {**headers, **_routing_headers(body)}
    response = client.post("/mcp", data=body, headers={**key_headers, **headers})
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code != 202:
        assert response.is_json, response.get_data(as_text=True)
