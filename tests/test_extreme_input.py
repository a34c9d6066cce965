"""The guard against bad input becoming a 500, driven by the app's OpenAPI document.

Random fuzzing (test_schemathesis.py) rarely reaches the service code behind a
valid path: it makes up ids. Here every operation runs against real resources,
with an otherwise valid body, and each integer, date-time and date field in turn
(body and query) carries an extreme value: beyond PostgreSQL's bigint, near year
1 or 9999, with offsets of +/-23:59. Every JSON body also gets absurd nesting and
integers of 30 and 5,000 digits. No response may be a 5xx; every 4xx is in the
one error format.

An operation that gains an integer or date-time field needs a valid body in
``BASELINE`` (the test says so), so the class of bugs stays closed.
"""

from __future__ import annotations

import copy
import re

import pytest

EXTREME_INTS = [2**63, -(2**63), 10**30, 2**31, -1]
EXTREME_INSTANTS = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+23:59",
    "0001-01-01T00:00:00-23:59",
    "0001-01-02T00:00:00+00:00",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-23:59",
    "9999-12-31T23:59:59+23:59",
    "9998-12-31T00:00:00Z",
    "1799-12-31T23:59:59Z",
    "1800-01-01T00:00:00Z",
    "2999-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
]
# (start, end) pairs, for the pairs of fields that must be in order.
EXTREME_WINDOWS = [
    ("0001-01-01T00:00:00Z", "0001-01-01T01:00:00Z"),
    ("0001-01-01T00:00:00+23:59", "0001-01-01T01:00:00+23:59"),
    ("0001-01-01T00:00:00-23:59", "0001-01-01T01:00:00-23:59"),
    ("0001-01-02T00:00:00Z", "0001-01-03T00:00:00Z"),
    ("9998-12-30T00:00:00Z", "9998-12-31T23:59:59Z"),
    ("9998-12-31T22:00:00-23:59", "9998-12-31T23:00:00-23:59"),
    ("9999-12-31T22:00:00Z", "9999-12-31T23:59:59Z"),
    ("9999-12-31T22:00:00+23:59", "9999-12-31T23:59:59+23:59"),
    ("1800-01-01T00:00:00Z", "1800-01-01T01:00:00Z"),
    ("2999-12-31T22:00:00Z", "2999-12-31T23:59:59Z"),
]
WINDOW_FIELDS = [
    ("start_time", "end_time"),
    ("start", "end"),
    ("slot_start", "slot_end"),
]
EXTREME_DATES = ["0001-01-01", "9999-12-31", "9998-12-31"]
EXTREME_BODIES = {
    "deep-array": "[" * 5000 + "]" * 5000,
    "deep-object": '{"a":' * 5000 + "1" + "}" * 5000,
    "nested-33": '{"name":' + "[" * 33 + "]" * 33 + "}",
    "int-30-digits": '{"name": 1'
    + "0" * 29
    + ', "duration_minutes": -1'
    + "0" * 29
    + "}",
    "int-5000-digits": '{"name": 1' + "0" * 5000 + "}",
    "float-overflow": '{"duration_minutes": 1e999}',
    "nan": '{"duration_minutes": NaN}',
    "not-utf8": b'{"name": "\xff\xfe"}',
}

MONDAY = "2030-01-07"
SLOT = {"slot_start": f"{MONDAY}T10:00:00Z", "slot_end": f"{MONDAY}T10:30:00Z"}
HOURS = {d: [{"start": "09:00", "end": "17:00"}] for d in ("mon", "tue", "wed")}

# A valid body for every operation with an integer or date-time field.
BASELINE = {
    "POST /api-keys": lambda w: {
        "name": "k",
        "scopes": ["events:read"],
        "expires_at": "2031-01-01T00:00:00Z",
    },
    "POST /events": lambda w: {
        "calendar_id": w["calendar_id"],
        "title": "t",
        "start_time": f"{MONDAY}T09:00:00Z",
        "end_time": f"{MONDAY}T10:00:00Z",
        "recurrence_rule": "FREQ=WEEKLY;COUNT=5",
        "exdates": [],
        "rdates": [],
        "reminders": [10],
        "attachments": [
            {"name": "a.pdf", "url": "https://example.com/a.pdf", "size": 10}
        ],
    },
    "PUT /events/{event_id}": lambda w: {
        "start_time": f"{MONDAY}T09:00:00Z",
        "end_time": f"{MONDAY}T10:00:00Z",
        "attachments": [
            {"name": "a.pdf", "url": "https://example.com/a.pdf", "size": 10}
        ],
    },
    "POST /events/{event_id}/reminders": lambda w: {"minutes_before": 10},
    "PUT /events/{event_id}/instances/{original_start_time}": lambda w: {
        "start_time": f"{MONDAY}T11:00:00Z",
        "end_time": f"{MONDAY}T12:00:00Z",
    },
    "POST /availability/find": lambda w: {
        "calendar_ids": [w["calendar_id"]],
        "start": f"{MONDAY}T00:00:00Z",
        "end": "2030-01-10T00:00:00Z",
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "slot_interval_minutes": 15,
        "timezone": "Pacific/Kiritimati",
        "working_hours": HOURS,
    },
    "POST /availability/explain": lambda w: {
        "calendar_ids": [w["calendar_id"]],
        "start": f"{MONDAY}T10:00:00Z",
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "slot_interval_minutes": 15,
        "timezone": "Pacific/Kiritimati",
        "working_hours": HOURS,
    },
    "POST /calendars/{calendar_id}/booking-link": lambda w: {
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "timezone": "Pacific/Kiritimati",
        "working_hours": HOURS,
        "min_notice_minutes": 0,
        "max_days_ahead": 3650,
        "slot_interval_minutes": 30,
        "max_bookings_per_day": 5,
    },
    "PUT /booking-links/{token}": lambda w: {
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "min_notice_minutes": 0,
        "max_days_ahead": 3650,
        "slot_interval_minutes": 30,
        "max_bookings_per_day": 5,
    },
    "POST /booking/{token}/reserve": lambda w: {
        "name": "V",
        "email": "visitor@example.com",
        **SLOT,
    },
    "POST /booking/{token}/holds": lambda w: {"email": "hold@example.com", **SLOT},
    "POST /events/{event_id}/attachments/uploads": lambda w: {
        "filename": "a.pdf",
        "size": 10,
    },
    "POST /schedules": lambda w: {
        "name": "s",
        "timezone": "Pacific/Kiritimati",
        "weekly": HOURS,
        "date_overrides": [{"date": MONDAY, "windows": []}],
    },
    "PUT /schedules/{schedule_id}": lambda w: {
        "date_overrides": [
            {"date": MONDAY, "windows": [{"start": "10:00", "end": "12:00"}]}
        ],
    },
    "POST /connections": lambda w: {
        "kind": "ics",
        "url": "https://feeds.example.com/school.ics",
        "sync_interval_minutes": 30,
    },
    "PUT /connections/{connection_id}": lambda w: {"sync_interval_minutes": 60},
    "POST /time-off": lambda w: {
        "start_time": f"{MONDAY}T09:00:00Z",
        "end_time": f"{MONDAY}T17:00:00Z",
    },
    "PUT /time-off/{time_off_id}": lambda w: {
        "start_time": f"{MONDAY}T10:00:00Z",
        "end_time": f"{MONDAY}T18:00:00Z",
    },
    "POST /booking/{token}/bookings/{booking_id}/reschedule": lambda w: {
        "manage_token": w["manage_token"],
        **SLOT,
    },
    "POST /mail/bounces": lambda w: {
        "message_id": f"<{w['invitation_id']}@calapp>",
        "reason": "550 5.1.1 User unknown",
        "bounced_at": "2030-01-07T10:00:00Z",
    },
}
# Query strings: valid values for every operation with integer/date-time params.
BASELINE_QUERY = {
    "GET /attachments/{attachment_id}/download": {
        "expires": "4102444800",
        "signature": "c2lnbmF0dXJl",
    },
    "GET /events": {"start": f"{MONDAY}T00:00:00Z", "end": "2030-02-07T00:00:00Z"},
    "GET /events/{event_id}/instances": {
        "start": f"{MONDAY}T00:00:00Z",
        "end": "2030-02-07T00:00:00Z",
    },
    "GET /availability": {
        "start": f"{MONDAY}T00:00:00Z",
        "end": "2030-01-10T00:00:00Z",
    },
    "GET /booking/{token}/availability": {
        "start": f"{MONDAY}T00:00:00Z",
        "end": "2030-01-10T00:00:00Z",
    },
    "GET /booking/{token}/explain": {"start": f"{MONDAY}T10:00:00Z"},
    "GET /booking/{token}/month": {"year": "2030", "month": "1"},
    "GET /availability/month": {"year": "2030", "month": "1"},
    "GET /time-off": {"start": f"{MONDAY}T00:00:00Z", "end": "2030-02-07T00:00:00Z"},
    "GET /bookings": {"start": f"{MONDAY}T00:00:00Z", "end": "2030-02-07T00:00:00Z"},
}
MAIL_SECRET = "extreme-input-mail-webhook-secret"  # noqa: S105 - a test secret
# Headers an operation needs besides the user's credentials.
EXTRA_HEADERS = {"POST /mail/bounces": {"X-Mail-Webhook-Secret": MAIL_SECRET}}


def _headers(method: str, path: str, headers: dict) -> dict:
    return {**headers, **EXTRA_HEADERS.get(f"{method} {path}", {})}


def _spec():
    from calapp import create_app

    app = create_app(
        {
            "DATABASE_URL": "postgresql+psycopg2://postgres@127.0.0.1:5432/unused",
            "RATELIMIT_ENABLED": False,
        }
    )
    return app.test_client().get("/openapi.json").get_json()


SPEC = _spec()
COMPONENTS = SPEC["components"]["schemas"]
OPERATIONS = [
    (method.upper(), path, op)
    for path, ops in SPEC["paths"].items()
    for method, op in ops.items()
    if method in ("get", "post", "put", "patch", "delete")
]


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _leaves(schema: dict, path: tuple = ()):
    """(path, kind) of every integer, date-time and date leaf; "[]" marks a list."""
    schema = _resolve(schema)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            yield from _leaves(sub, path)
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    if "object" in kinds or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            yield from _leaves(sub, (*path, name))
    if "array" in kinds:
        yield from _leaves(schema.get("items", {}), (*path, "[]"))
    if "integer" in kinds or "number" in kinds:
        yield path, "integer"
    if schema.get("format") in ("date-time", "date"):
        yield path, schema["format"]


def _json_body_schema(op: dict) -> dict | None:
    content = op.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def _extremes(kind: str) -> list:
    if kind == "integer":
        return EXTREME_INTS
    return EXTREME_INSTANTS if kind == "date-time" else EXTREME_DATES


def _with_value(body: dict, path: tuple, value):
    """A copy of ``body`` with ``value`` at ``path`` (lists get one element)."""
    result = copy.deepcopy(body)
    node = result
    for i, key in enumerate(path[:-1]):
        nxt = path[i + 1]
        if key == "[]":
            continue
        if nxt == "[]":
            items = node.get(key) or [{}]
            node[key] = items
            if len(path) == i + 2:  # a list of scalars
                node[key] = [value]
                return result
            node = items[0]
        else:
            node = node.setdefault(key, {})
    node[path[-1]] = value
    return result


def _url(path: str, world: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(world[m.group(1)]), path)


def _assert_not_5xx(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.status_code >= 400:
        body = response.get_json()
        assert isinstance(body, dict), f"{what}: {response.get_data()[:200]!r}"
        assert set(body) <= {"error", "code", "details"}, f"{what}: {body}"
        assert isinstance(body.get("error"), str) and body["error"], what
        assert isinstance(body.get("code"), str) and body["code"], what


@pytest.fixture
def world(app, client, headers, user, monkeypatch):
    """One of each resource, by the names the paths give their parameters."""
    # An invitation email is queued (a bounce names it) and bounces are accepted.
    monkeypatch.setitem(app.config, "SMTP_URL", "smtp://127.0.0.1:9")
    monkeypatch.setitem(app.config, "MAIL_WEBHOOK_SECRET", MAIL_SECRET)

    def post(url, body):
        r = client.post(url, json=body, headers=headers)
        assert r.status_code in (200, 201), (url, r.status_code, r.get_json())
        return r.get_json()

    cal = post("/calendars", {"name": "World"})
    event = post(
        "/events",
        {
            "calendar_id": cal["id"],
            "title": "weekly",
            "start_time": f"{MONDAY}T09:00:00Z",
            "end_time": f"{MONDAY}T10:00:00Z",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=10",
        },
    )
    reminder = post(f"/events/{event['id']}/reminders", {"minutes_before": 10})
    reminder = reminder["items"][0]
    attendee = post(f"/events/{event['id']}/attendees", {"email": "a@example.com"})
    r = client.get(f"/events/{event['id']}/invitations", headers=headers)
    [invitation] = r.get_json()["items"]
    contact = post("/contacts", {"first_name": "C"})
    link = post(
        f"/calendars/{cal['id']}/booking-link",
        {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": HOURS,
            "min_notice_minutes": 0,
            "max_days_ahead": 3650,
        },
    )
    booking = post(
        f"/booking/{link['token']}/reserve",
        {
            "name": "B",
            "email": "b@example.com",
            "slot_start": f"{MONDAY}T14:00:00Z",
            "slot_end": f"{MONDAY}T14:30:00Z",
        },
    )["booking"]
    webhook = post("/webhooks", {"url": "https://hooks.example.com/x"})
    key = post("/api-keys", {"name": "k", "scopes": ["events:read"]})
    schedule = post("/schedules", {"name": "World", "timezone": "UTC", "weekly": HOURS})
    time_off = post(
        "/time-off",
        {"start_time": "2030-02-01T00:00:00Z", "end_time": "2030-02-02T00:00:00Z"},
    )
    connection = post(
        "/connections", {"kind": "ics", "url": "https://feeds.example.com/w.ics"}
    )
    return {
        "calendar_id": cal["id"],
        "connection_id": connection["id"],
        "event_id": event["id"],
        "reminder_id": reminder["id"],
        "attendee_id": attendee["id"],
        "original_start_time": f"{MONDAY}T09:00:00Z",
        "contact_id": contact["id"],
        "token": link["token"],
        "booking_id": booking["id"],
        "manage_token": booking["manage_token"],
        "webhook_id": webhook["id"],
        "delivery_id": "00000000-0000-0000-0000-000000000000",
        "key_id": key["id"],
        "user_id": str(user.id),
        "notification_id": "00000000-0000-0000-0000-000000000000",
        "attachment_id": "00000000-0000-0000-0000-000000000000",
        "schedule_id": schedule["id"],
        "time_off_id": time_off["id"],
        "invitation_id": invitation["delivery_id"],
        # No OpenID provider is configured: every provider is a 404.
        "provider": "google",
        "identity_id": "00000000-0000-0000-0000-000000000000",
    }


def _body_fields(op: dict) -> list:
    schema = _json_body_schema(op)
    return [] if schema is None else list(_leaves(schema))


def _query_fields(op: dict) -> list:
    return [
        ((p["name"],), kind)
        for p in op.get("parameters", [])
        if p.get("in") == "query"  # shared header parameters are $refs
        for _, kind in _leaves(p["schema"])
    ]


BODY_CASES = [
    pytest.param(m, p, path, kind, id=f"{m} {p} {'.'.join(path)}")
    for m, p, op in OPERATIONS
    for path, kind in _body_fields(op)
]
QUERY_CASES = [
    pytest.param(m, p, path[0], kind, id=f"{m} {p} ?{path[0]}")
    for m, p, op in OPERATIONS
    for path, kind in _query_fields(op)
]
WINDOW_CASES = [
    pytest.param(m, p, pair, id=f"{m} {p} {pair[0]}..{pair[1]}")
    for m, p, op in OPERATIONS
    for pair in WINDOW_FIELDS
    if {((name,), "date-time") for name in pair}
    <= set(_body_fields(op)) | set(_query_fields(op))
]
JSON_OPERATIONS = [
    pytest.param(m, p, id=f"{m} {p}")
    for m, p, op in OPERATIONS
    if _json_body_schema(op)
]


def test_every_operation_with_extreme_fields_has_a_baseline():
    """A new integer/date-time field is fuzzed from a valid body, not from {}."""
    missing = {f"{m} {p}" for m, p, op in OPERATIONS if _body_fields(op)} - set(
        BASELINE
    )
    missing |= {
        f"{m} {p}"
        for m, p, op in OPERATIONS
        if any(kind != "integer" for _, kind in _query_fields(op))
    } - set(BASELINE_QUERY)
    assert not missing, f"add a valid body/query for: {sorted(missing)}"


@pytest.mark.parametrize(("method", "path", "field", "kind"), BODY_CASES)
def test_extreme_body_values_are_never_a_server_error(
    client, headers, world, method, path, field, kind
):
    body = BASELINE[f"{method} {path}"](world)
    url = _url(path, world)
    for value in _extremes(kind):
        r = client.open(
            url,
            method=method,
            json=_with_value(body, field, value),
            headers=_headers(method, path, headers),
        )
        _assert_not_5xx(r, f"{method} {url} {'.'.join(field)}={value}")


@pytest.mark.parametrize(("method", "path", "name", "kind"), QUERY_CASES)
def test_extreme_query_values_are_never_a_server_error(
    client, headers, world, method, path, name, kind
):
    query = BASELINE_QUERY.get(f"{method} {path}", {})
    url = _url(path, world)
    for value in _extremes(kind):
        r = client.open(
            url, method=method, query_string={**query, name: value}, headers=headers
        )
        _assert_not_5xx(r, f"{method} {url} ?{name}={value}")


@pytest.mark.parametrize(("method", "path", "pair"), WINDOW_CASES)
def test_extreme_windows_are_never_a_server_error(
    client, headers, world, method, path, pair
):
    """Both ends near year 1 or 9999, in order: validation passes, the service runs."""
    key = f"{method} {path}"
    url = _url(path, world)
    for start, end in EXTREME_WINDOWS:
        values = dict(zip(pair, (start, end), strict=True))
        if key in BASELINE:
            body = {**BASELINE[key](world), **values}
            r = client.open(
                url, method=method, json=body, headers=_headers(method, path, headers)
            )
        else:
            query = {**BASELINE_QUERY.get(key, {}), **values}
            r = client.open(url, method=method, query_string=query, headers=headers)
        _assert_not_5xx(r, f"{key} {values}")


@pytest.mark.parametrize(("method", "path"), JSON_OPERATIONS)
def test_absurd_json_bodies_are_400_invalid_json(client, headers, world, method, path):
    url = _url(path, world)
    for name, raw in EXTREME_BODIES.items():
        r = client.open(
            url,
            method=method,
            data=raw,
            content_type="application/json",
            headers=headers,
        )
        _assert_not_5xx(r, f"{method} {url} {name}")


@pytest.mark.parametrize(
    ("method", "path"),
    [pytest.param(*key.split(" "), id=key) for key in sorted(BASELINE)],
)
def test_baseline_bodies_are_accepted(client, headers, world, method, path):
    """The fuzzed bodies differ from a valid one by one field: the service runs."""
    body = BASELINE[f"{method} {path}"](world)
    r = client.open(
        _url(path, world),
        method=method,
        json=body,
        headers=_headers(method, path, headers),
    )
    assert r.status_code < 300, (r.status_code, r.get_json())


SLOT_PATH_CASES = [
    pytest.param(m, p, id=f"{m} {p}")
    for m, p, op in OPERATIONS
    if "{original_start_time}" in p
]


@pytest.mark.parametrize(("method", "path"), SLOT_PATH_CASES)
def test_extreme_instants_in_the_path_are_400(client, headers, world, method, path):
    out_of_range = [v for v in EXTREME_INSTANTS if not v.startswith(("1800", "2999"))]
    for value in out_of_range:
        url = _url(path, {**world, "original_start_time": value})
        r = client.open(url, method=method, json={"title": "x"}, headers=headers)
        _assert_not_5xx(r, f"{method} {url}")
        assert r.status_code == 400, (url, r.status_code)
