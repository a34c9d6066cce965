"""Whatever arrives at POST /mcp, the answer is never a 5xx: bad JSON-RPC is a
JSON-RPC error, bad tool arguments a tool error."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, event, given, settings
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


def _arguments_of(tool) -> st.SearchStrategy:
    """Arguments with the tool's own field names (so validation is passed now
    and then), and any values."""
    names = sorted(tool.arguments._declared_fields) or ["x"]
    return st.dictionaries(st.sampled_from(names), json_values, max_size=len(names))


tool_calls = st.sampled_from(TOOLS).flatmap(
    lambda tool: st.fixed_dictionaries(
        {
            "jsonrpc": st.just("2.0"),
            "id": st.integers(min_value=0, max_value=10**6),
            "method": st.just("tools/call"),
            "params": st.fixed_dictionaries(
                {"name": st.just(tool.name), "arguments": _arguments_of(tool)}
            ),
        }
    )
)
well_formed = st.fixed_dictionaries(
    {
        "jsonrpc": st.just("2.0"),
        "id": st.integers(min_value=0, max_value=10**6),
        "method": st.sampled_from(METHODS),
    },
    optional={"params": params},
)
bodies = (
    tool_calls.map(json.dumps)
    | tool_calls.map(json.dumps)
    | well_formed.map(json.dumps)
    | messages.map(json.dumps)
    | st.lists(messages, max_size=3).map(json.dumps)
    | json_values.map(json.dumps)
    | st.binary(max_size=64).map(lambda b: b.decode("latin-1"))
)
VALID_HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json, text/event-stream",
}
header_sets = st.sampled_from(
    [
        VALID_HEADERS, VALID_HEADERS, VALID_HEADERS,
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
    text = response.get_data(as_text=True)
    event(f"HTTP {response.status_code}")  # --hypothesis-show-statistics
    assert response.status_code < 500, text
    if response.status_code == 202:  # a notification: accepted, no body
        return
    assert response.is_json, text
    answer = response.get_json()
    # Nor hidden in a 200: an internal JSON-RPC error, or a tool's 500.
    if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
        assert answer["error"].get("code") != -32603, text
    if isinstance(answer, dict) and isinstance(answer.get("result"), dict):
        assert "internal_error" not in json.dumps(answer["result"]), text
        if answer["result"].get("isError"):
            event(f"tool error {answer['result']['structuredContent']['code']}")
        elif "content" in answer["result"]:
            event("tool result")
