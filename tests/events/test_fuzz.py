"""Fuzz the events operations against live rows.

The app-wide fuzzer (tests/test_schemathesis.py) signs in as a user with no
calendar, so every events request it makes stops at a 404. Here each example gets
a real calendar, event, reminder and attendee, and the generated ids are replaced
by theirs, so the generated bodies reach validation, the time rules and the
database: no input may give a 5xx, every response must match the document.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from calapp import create_app
from calapp.extensions import limiter
from tests.test_schemathesis import error_format

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))

schema = schemathesis.openapi.from_wsgi(
    "/openapi.json",
    create_app(
        {
            "DATABASE_URL": "postgresql+psycopg2://postgres@127.0.0.1:5432/unused",
            "RATELIMIT_ENABLED": False,
        }
    ),
).include(path_regex="^/events")


def _aim_at(case, calendar_id: str, event: dict) -> None:
    """Point the generated request at live rows (when it names any)."""
    ids = {
        "event_id": event["id"],
        "reminder_id": event["reminders"][0]["id"],
        "attendee_id": event["attendees"][0]["id"],
    }
    for name in list(case.path_parameters or {}):
        if name in ids:
            case.path_parameters[name] = ids[name]
    if isinstance(case.body, dict) and "calendar_id" in case.body:
        case.body["calendar_id"] = calendar_id
    if isinstance(case.query, dict) and "calendar_id" in case.query:
        case.query["calendar_id"] = [calendar_id]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_events_operations_never_fail_on_live_rows(case, app, api, headers, calendar):
    limiter.reset()
    event = api.event(
        headers,
        calendar["id"],
        reminders=[10],
        attendees=[{"email": "fuzz@example.com"}],
    )
    _aim_at(case, calendar["id"], event)
    case.call_and_validate(
        app=app,
        headers=headers,
        checks=[not_a_server_error, response_schema_conformance],
        additional_checks=[error_format],
    )
