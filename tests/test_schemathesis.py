"""The standing guard: fuzz every operation of the app's own OpenAPI document.

For each operation schemathesis generates valid and invalid requests (signed in
with a real JWT, which carries every scope) and asserts: no 5xx, every response
matches its documented schema, and every 4xx has the one error format. New
endpoints are covered automatically because the test is driven by /openapi.json.

Date-times are drawn from the whole accepted range and beyond it: near years 1 and
9999, with offsets up to +/-23:59. tests/test_extreme_input.py adds what random
ids cannot reach: extreme values against real resources, deep nesting and huge
integers in every JSON body.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from calapp import create_app
from calapp.extensions import limiter

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))

EXTREME_INSTANTS = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-23:59",
    "1799-12-31T23:59:59Z",
    "1800-01-01T00:00:00Z",
    "2999-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
]
_OFFSETS = st.sampled_from(
    [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=23, minutes=59))]
)
schemathesis.openapi.format(
    "date-time",
    st.one_of(
        st.sampled_from(EXTREME_INSTANTS),
        st.datetimes(
            min_value=datetime(1800, 1, 2),
            max_value=datetime(2999, 12, 30),
            timezones=_OFFSETS,
        ).map(lambda value: value.isoformat()),
    ),
)

# The document only: this app never opens a database connection. Requests go to
# the per-test ``app`` fixture (``call_and_validate(app=...)``).
schema = schemathesis.openapi.from_wsgi(
    "/openapi.json",
    create_app(
        {
            "DATABASE_URL": "postgresql+psycopg2://postgres@127.0.0.1:5432/unused",
            "RATELIMIT_ENABLED": False,
        }
    ),
)


def error_format(ctx, response, case) -> None:
    """Every 4xx body is ``{"error": str, "code": str, "details"?}``."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict), f"4xx body is not an object: {body!r}"
        assert isinstance(body.get("error"), str) and body["error"], body
        assert isinstance(body.get("code"), str) and body["code"], body
        assert set(body) <= {"error", "code", "details"}, body


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_openapi_document(case, app, auth, user):
    limiter.reset()  # fixtures are not re-run between hypothesis examples
    case.call_and_validate(
        app=app,
        headers=auth.jwt(user),
        checks=[not_a_server_error, response_schema_conformance],
        additional_checks=[error_format],
    )
