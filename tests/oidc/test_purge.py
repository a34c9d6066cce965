"""The hourly purge of expired sign-in states and one-time codes, run as the
job consumer runs it, against the real database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from calapp.extensions import db
from calapp.oidc.models import OidcExchangeCode, OidcLoginState, OidcSession
from calapp.oidc.tasks import purge_oidc_logins
from tests.oidc.conftest import ALLOWED, authorize, query_of, sign_in


@pytest.fixture
def run_purge(run_task_at):
    """Run the task body at ``now() + ahead``."""
    return lambda ahead: run_task_at(purge_oidc_logins, ahead)


def _counts(states: int, codes: int, sessions: int = 0) -> dict:
    return {"login_states": states, "login_codes": codes, "ended_sessions": sessions}


def _rows(app) -> tuple[int, int]:
    with app.app_context():
        count = sa.select(sa.func.count())
        return (
            db.session.scalar(count.select_from(OidcLoginState)),
            db.session.scalar(count.select_from(OidcExchangeCode)),
        )


def test_expired_states_and_codes_are_deleted(app, client, oidc, run_purge):
    # An abandoned sign-in (never came back) and an unexchanged one-time code.
    authorize(client)
    r = sign_in(client, "purge@example.com", redirect_uri=ALLOWED)
    assert r.status_code == 302
    code = query_of(r.headers["Location"])["code"]
    assert _rows(app) == (1, 1)

    # Nothing has expired yet: nothing goes, and the code still works after.
    assert run_purge(timedelta(0)) == {
        "login_states": 0,
        "login_codes": 0,
        "ended_sessions": 0,
    }
    assert _rows(app) == (1, 1)

    # Two minutes on: the code (60 s) is gone; the state has 10 minutes.
    assert run_purge(timedelta(minutes=2)) == {
        "login_states": 0,
        "login_codes": 1,
        "ended_sessions": 0,
    }
    assert _rows(app) == (1, 0)
    r = client.post("/auth/oidc/exchange", json={"code": code})
    assert r.get_json()["code"] == "invalid_login_code"

    # Eleven minutes on: the abandoned state goes too.
    assert run_purge(timedelta(minutes=11)) == {
        "login_states": 1,
        "login_codes": 0,
        "ended_sessions": 0,
    }
    assert _rows(app) == (0, 0)


def test_a_used_code_goes_once_expired(app, client, oidc, run_purge):
    r = sign_in(client, "used@example.com", redirect_uri=ALLOWED)
    code = query_of(r.headers["Location"])["code"]
    assert client.post("/auth/oidc/exchange", json={"code": code}).status_code == 200
    assert run_purge(timedelta(minutes=2)) == {
        "login_states": 0,
        "login_codes": 1,
        "ended_sessions": 0,
    }
    assert _rows(app) == (0, 0)


def test_the_id_tokens_of_ended_sessions_go(app, client, oidc, run_purge):
    first = sign_in(client, "out@example.com").get_json()
    sign_in(client, "out@example.com")
    bearer = {"Authorization": f"Bearer {first['access_token']}"}
    with app.app_context():
        count = sa.select(sa.func.count()).select_from(OidcSession)
        assert db.session.scalar(count) == 2
    # Signed out everywhere (not through the provider): both sessions ended.
    r = client.post("/auth/logout", json={"all": True}, headers=bearer)
    assert r.status_code == 204
    assert run_purge(timedelta(0)) == _counts(0, 0, sessions=2)
    with app.app_context():
        assert db.session.scalar(count) == 0


def test_the_purge_runs_hourly_in_the_consumer():
    from calapp import register_tasks
    from calapp.queue import huey

    register_tasks()
    for hour in (0, 13):
        due = {task.name for task in huey.read_periodic(datetime(2030, 1, 1, hour, 17))}
        assert any(name.endswith("purge_oidc_logins") for name in due)
