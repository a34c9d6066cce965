"""A database outage is a 503 ``service_unavailable`` with ``Retry-After``, never a 500.

Real outages only: an app whose DATABASE_URL points at a closed port (connection
refused), and the test database refusing connections after its sessions were
terminated (the server closed the connection).
"""

from __future__ import annotations

import contextlib

import psycopg2
import pytest
import sqlalchemy as sa
from psycopg2 import sql

from tests.conftest import PASSWORD

CLOSED_DATABASE = "postgresql+psycopg2://postgres@127.0.0.1:1/calapp"


@pytest.fixture
def make_app(app, app_config):
    """Build another app; the shared limiter goes back to ``app`` afterwards."""
    from calapp import create_app
    from calapp.extensions import limiter

    saved = dict(vars(limiter))
    yield lambda **overrides: create_app({**app_config, **overrides})
    vars(limiter).clear()
    vars(limiter).update(saved)


@pytest.fixture
def down(committing_db, make_app):
    """An app whose PostgreSQL refuses connections (the session stays unbound)."""
    return make_app(DATABASE_URL=CLOSED_DATABASE).test_client()


def _assert_503(response) -> None:
    assert response.status_code == 503, response.get_data()
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["code"] == "service_unavailable"
    assert isinstance(body["error"], str) and body["error"]
    assert set(body) <= {"error", "code", "details"}
    assert response.headers["Retry-After"] == "5"


def test_signed_in_read_is_503_when_the_database_refuses(down, auth, user):
    _assert_503(down.get("/calendars", headers=auth.jwt(user)))


def test_login_is_503_when_the_database_refuses(down, user):
    r = down.post("/auth/login", json={"email": user.email, "password": PASSWORD})
    _assert_503(r)


def test_public_booking_page_data_is_503_when_the_database_refuses(down):
    _assert_503(down.get("/booking/some-link-token"))


def test_api_key_is_503_when_the_database_refuses(down):
    _assert_503(down.get("/events", headers={"X-API-Key": "cal_" + "x" * 43}))


def test_health_stays_200_and_ready_is_503_when_the_database_refuses(down):
    assert down.get("/health").status_code == 200
    r = down.get("/ready")
    _assert_503(r)
    assert r.get_json()["details"]["database"] == "unavailable"


def test_a_bug_is_still_a_500_not_a_503(committing_db, make_app):
    """Only an unreachable database is a 503: a bad statement stays a 500."""
    from calapp.extensions import db

    broken = make_app()

    @broken.route("/bad-sql")
    def bad_sql():
        db.session.execute(sa.text("SELECT no_such_column FROM no_such_table"))

    r = broken.test_client().get("/bad-sql")
    assert r.status_code == 500
    assert r.get_json()["code"] == "internal_error"
    assert "Retry-After" not in r.headers


@contextlib.contextmanager
def refusing(database_url: str):
    """The test database, its sessions terminated and new ones refused meanwhile."""
    url = sa.make_url(database_url)
    admin = psycopg2.connect(
        url.set(drivername="postgresql", database="postgres").render_as_string(
            hide_password=False
        )
    )
    admin.autocommit = True
    name = sql.Identifier(url.database)

    def run(statement: str, *args) -> None:
        with admin.cursor() as cur:
            cur.execute(sql.SQL(statement).format(name), args)

    run("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false")
    try:
        run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            url.database,
        )
        yield
    finally:
        run("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true")
        admin.close()


def test_terminated_connections_are_503_and_the_app_recovers(
    committing_db, make_app, database_url, auth, user
):
    client = make_app().test_client()
    headers = auth.jwt(user)
    assert client.get("/calendars", headers=headers).status_code == 200
    with refusing(database_url):
        _assert_503(client.get("/calendars", headers=headers))
        assert client.get("/health").status_code == 200
        _assert_503(client.get("/ready"))
    assert client.get("/calendars", headers=headers).status_code == 200
