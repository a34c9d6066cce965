"""Liveness (/health) and readiness (/ready) probes."""

import pytest
import sqlalchemy as sa

CLOSED_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def make_app(app, app_config):
    """Build another app with ``create_app``; the shared limiter goes back to ``app``.

    ``create_app`` points the module-level ``limiter`` at the newest app's storage.
    """
    from calapp import create_app
    from calapp.extensions import limiter

    saved = dict(vars(limiter))
    yield lambda **overrides: create_app({**app_config, **overrides})
    vars(limiter).clear()
    vars(limiter).update(saved)


@pytest.fixture
def no_redis(make_app):
    """An app whose Redis (rate-limit storage and readiness check) is unreachable."""
    return make_app(REDIS_URL=CLOSED_REDIS)


def test_health_is_200(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok"}


def test_health_runs_no_sql(app, client):
    from calapp.extensions import db

    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        client.get("/ready")
        assert statements, "the listener sees the test's SQL"
        statements.clear()
        assert client.get("/health").status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert statements == []


def test_ready_checks_database_and_redis(client):
    r = client.get("/ready")
    assert r.status_code == 200
    assert r.get_json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok"},
    }


def test_ready_is_503_when_redis_is_unreachable(no_redis):
    r = no_redis.test_client().get("/ready")
    assert r.status_code == 503
    body = r.get_json()
    assert body["code"] == "service_unavailable"
    assert isinstance(body["error"], str) and body["error"]
    assert body["details"] == {"database": "ok", "redis": "unavailable"}


def test_health_stays_200_when_redis_is_unreachable(no_redis):
    r = no_redis.test_client().get("/health")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok"}


def test_ready_without_redis_configured_checks_only_the_database(make_app):
    r = make_app(REDIS_URL=None).test_client().get("/ready")
    assert r.status_code == 200
    assert r.get_json()["checks"] == {"database": "ok"}
