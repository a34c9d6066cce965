"""Rate limits: per client IP on sign-in, per API key elsewhere, counted in Redis."""

from urllib.parse import urlsplit

import pytest
import redis

from tests.conftest import PASSWORD, TEST_REDIS_URL


def _sibling_db(url: str) -> str:
    """The same Redis, another database number.

    Every test's setup calls ``limiter.reset()``, which empties the counters of the
    test Redis database; another pytest run sharing it would reset these tests'
    counters halfway through.
    """
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return parts._replace(path=f"/{(number - 1) % 16}").geturl()


RATELIMIT_REDIS_URL = _sibling_db(TEST_REDIS_URL)


@pytest.fixture
def make_app(app, app_config):
    """Build another app with ``create_app``; the shared limiter goes back to ``app``.

    ``create_app`` points the module-level ``limiter`` at the newest app's storage.
    """
    from calapp import create_app
    from calapp.extensions import limiter

    saved = dict(vars(limiter))
    yield lambda **overrides: create_app({**app_config, **overrides})
    with app.app_context():
        limiter.reset()
    vars(limiter).clear()
    vars(limiter).update(saved)


@pytest.fixture
def strict_auth(make_app):
    """An app allowing 3 sign-in attempts a minute."""
    return make_app(REDIS_URL=RATELIMIT_REDIS_URL, RATELIMIT_AUTH="3 per minute")


@pytest.fixture
def strict_default(make_app):
    """An app allowing 2 requests a minute per client on ordinary routes."""
    return make_app(REDIS_URL=RATELIMIT_REDIS_URL, RATELIMIT_DEFAULT="2 per minute")


def _login(client, email: str = "nobody@example.com", **kwargs):
    return client.post(
        "/auth/login", json={"email": email, "password": PASSWORD}, **kwargs
    )


def test_fourth_login_in_a_minute_is_429(strict_auth):
    client = strict_auth.test_client()
    assert [_login(client).status_code for _ in range(3)] == [401, 401, 401]
    r = _login(client)
    assert r.status_code == 429
    body = r.get_json()
    assert body["code"] == "rate_limited"
    assert set(body) <= {"error", "code", "details"}


def test_429_tells_when_to_retry(strict_auth):
    client = strict_auth.test_client()
    for _ in range(3):
        _login(client)
    r = _login(client)
    assert r.status_code == 429
    assert 0 < int(r.headers["Retry-After"]) <= 60
    assert r.headers["RateLimit-Limit"] == "3"
    assert r.headers["RateLimit-Remaining"] == "0"
    assert int(r.headers["RateLimit-Reset"]) > 0


def test_successful_responses_carry_ratelimit_headers_but_no_retry_after(
    strict_auth, user
):
    r = _login(strict_auth.test_client(), user.email)
    assert r.status_code == 200
    assert r.headers["RateLimit-Limit"] == "3"
    assert r.headers["RateLimit-Remaining"] == "2"
    assert "Retry-After" not in r.headers


def test_correct_password_is_refused_once_the_limit_is_spent(strict_auth, user):
    client = strict_auth.test_client()
    for _ in range(3):
        _login(client)
    assert _login(client, user.email).status_code == 429


def test_sign_in_limit_is_per_client_ip(strict_auth):
    client = strict_auth.test_client()
    for _ in range(4):
        _login(client, environ_base={"REMOTE_ADDR": "198.51.100.1"})
    r = _login(client, environ_base={"REMOTE_ADDR": "198.51.100.2"})
    assert r.status_code == 401


@pytest.mark.parametrize("path", ["/auth/register", "/auth/refresh"])
def test_register_and_refresh_are_limited_too(strict_auth, path):
    client = strict_auth.test_client()
    for _ in range(3):
        client.post(path, json={})
    r = client.post(path, json={})
    assert r.status_code == 429
    assert r.get_json()["code"] == "rate_limited"


def test_api_keys_have_separate_budgets(strict_default, user, auth):
    client = strict_default.test_client()
    first = auth.key(user, ["events:read"])
    second = auth.key(user, ["events:read"])
    assert [client.get("/auth/me", headers=first).status_code for _ in range(2)] == [
        200,
        200,
    ]
    refused = client.get("/auth/me", headers=first)
    assert refused.status_code == 429
    assert refused.get_json()["code"] == "rate_limited"
    assert client.get("/auth/me", headers=second).status_code == 200


def test_probes_are_not_rate_limited(strict_default):
    client = strict_default.test_client()
    assert {client.get("/health").status_code for _ in range(5)} == {200}


def test_counters_live_in_redis(strict_auth):
    store = redis.Redis.from_url(RATELIMIT_REDIS_URL)
    _login(strict_auth.test_client())
    # flask-limiter's keys look like LIMITS:LIMITER/<RATELIMIT_KEY_PREFIX>/<key>/...
    keys = [key.decode() for key in store.scan_iter("*LIMITER/calapp/*")]
    assert any("ip:127.0.0.1" in key for key in keys)


def test_reset_clears_the_counters(app, strict_auth):
    from calapp.extensions import limiter

    client = strict_auth.test_client()
    for _ in range(4):
        _login(client)
    with strict_auth.app_context():
        limiter.reset()
    assert _login(client).status_code == 401
