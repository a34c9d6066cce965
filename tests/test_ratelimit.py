"""Rate limits: per client IP (and per account on login) on sign-in and public
routes, per verified API key or user elsewhere; counted in Redis, else PostgreSQL."""

import multiprocessing
import threading
import time
import uuid
from urllib.parse import urlsplit

import pytest
import redis
import sqlalchemy as sa
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy.exc import SQLAlchemyError

from calapp.ratelimit import PostgresStorage, postgres_storage_uri
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
        try:
            limiter.reset()
        except SQLAlchemyError:  # the test made its store unreachable
            pass
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
    for i in range(4):
        _login(
            client, f"a{i}@example.com", environ_base={"REMOTE_ADDR": "198.51.100.1"}
        )
    r = _login(client, "b@example.com", environ_base={"REMOTE_ADDR": "198.51.100.2"})
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
    assert [client.get("/events", headers=first).status_code for _ in range(2)] == [
        200,
        200,
    ]
    refused = client.get("/events", headers=first)
    assert refused.status_code == 429
    assert refused.get_json()["code"] == "rate_limited"
    assert client.get("/events", headers=second).status_code == 200


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


# --- made-up credentials count against the client's IP --------------------------


@pytest.fixture
def strict_public(make_app):
    """An app allowing 3 calls a minute per client on the public booking routes."""
    return make_app(REDIS_URL=RATELIMIT_REDIS_URL, RATELIMIT_PUBLIC="3 per minute")


def _junk(i: int) -> dict:
    return {"X-API-Key": f"junk{i}"}


def test_made_up_api_keys_do_not_escape_the_login_limit(strict_auth):
    client = strict_auth.test_client()
    statuses = [
        _login(client, f"u{i}@example.com", headers=_junk(i)).status_code
        for i in range(4)
    ]
    assert statuses == [401, 401, 401, 429]


def test_made_up_api_keys_do_not_escape_the_register_limit(strict_auth):
    client = strict_auth.test_client()
    statuses = [
        client.post("/auth/register", json={}, headers=_junk(i)).status_code
        for i in range(4)
    ]
    assert statuses == [400, 400, 400, 429]


@pytest.mark.parametrize(
    "path", ["/booking/no-such-link", "/calendars/public/no-such-feed.ics"]
)
def test_made_up_api_keys_do_not_escape_the_public_limit(strict_public, path):
    client = strict_public.test_client()
    statuses = [client.get(path, headers=_junk(i)).status_code for i in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_made_up_credentials_share_the_anonymous_budget(strict_default):
    client = strict_default.test_client()
    assert client.get("/events", headers=_junk(1)).status_code == 401
    bogus_jwt = {"Authorization": "Bearer not.a.jwt"}
    assert client.get("/events", headers=bogus_jwt).status_code == 401
    assert client.get("/events", headers=_junk(2)).status_code == 429


def test_a_revoked_api_key_counts_against_the_ip(strict_default, user, auth):
    from calapp.api_keys import service
    from calapp.extensions import db
    from calapp.users.service import now

    key = auth.key(user, ["events:read"])
    with strict_default.app_context():
        (listed,), _ = service.list_page(user.id, 10, None)
        service.revoke(user.id, listed.id, now())
        db.session.commit()
    client = strict_default.test_client()
    assert client.get("/events").status_code == 401  # anonymous, same IP
    assert client.get("/events", headers=key).status_code == 401
    assert client.get("/events", headers=key).status_code == 429


def test_a_token_of_an_ended_session_counts_against_the_ip(strict_default, user, auth):
    from calapp.auth import service
    from calapp.extensions import db
    from calapp.users.service import now

    access, _ = auth.tokens(user)
    with strict_default.app_context():
        service.revoke_user_sessions(user.id, now(), "logout_all")
        db.session.commit()
    client = strict_default.test_client()
    ended = {"Authorization": f"Bearer {access}"}
    assert client.get("/events").status_code == 401  # anonymous, same IP
    assert client.get("/events", headers=ended).status_code == 401
    assert client.get("/events", headers=ended).status_code == 429


@pytest.mark.parametrize("valid", [True, False], ids=["valid-key", "junk-key"])
def test_limiter_and_route_verify_a_key_with_one_lookup(app, client, user, auth, valid):
    """The limiter's verdict is cached for the route's auth check (and vice versa)."""
    from calapp.extensions import db

    key = auth.key(user, ["events:read"]) if valid else _junk(1)
    lookups = []

    def count(conn, cursor, statement, *args):
        if "FROM api_keys" in statement:
            lookups.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        r = client.get("/events", headers=key)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert r.status_code == (200 if valid else 401)
    assert len(lookups) == 1


def test_a_valid_api_key_keeps_its_own_budget_beside_junk_traffic(
    strict_default, user, auth
):
    client = strict_default.test_client()
    key = auth.key(user, ["events:read"])
    for i in range(3):
        client.get("/events", headers=_junk(i))
    assert client.get("/events", headers=_junk(9)).status_code == 429
    assert client.get("/events", headers=key).status_code == 200


def test_a_valid_api_key_buys_no_extra_sign_in_attempts(strict_auth, user, auth):
    client = strict_auth.test_client()
    for i in range(3):
        _login(client, f"u{i}@example.com")
    r = _login(client, "other@example.com", headers=auth.key(user, ["events:read"]))
    assert r.status_code == 429


# --- login: per target account, whatever the client's address -----------------


def _guess(client, email: str, ip: str, **kwargs):
    return client.post(
        "/auth/login",
        json={"email": email, "password": "wrong-guess-1"},
        environ_base={"REMOTE_ADDR": ip},
        **kwargs,
    )


def test_login_limit_per_account_holds_across_client_ips(strict_auth, user):
    client = strict_auth.test_client()
    for i in range(3):
        assert _guess(client, user.email, f"203.0.113.{i}").status_code == 401
    right = client.post(
        "/auth/login",
        json={"email": user.email.upper(), "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.99"},
    )
    assert right.status_code == 429
    assert right.get_json()["code"] == "rate_limited"


def test_login_limit_per_account_leaves_other_accounts_alone(strict_auth, user):
    client = strict_auth.test_client()
    for i in range(4):
        _guess(client, "victim@example.com", f"203.0.113.{i}")
    ok = _login(client, user.email, environ_base={"REMOTE_ADDR": "203.0.113.50"})
    assert ok.status_code == 200


def test_login_limit_per_account_behind_a_trusted_proxy(make_app, user):
    app = make_app(
        REDIS_URL=RATELIMIT_REDIS_URL,
        RATELIMIT_AUTH="3 per minute",
        TRUSTED_PROXY_HOPS=1,
    )
    client = app.test_client()
    statuses = [
        _guess(
            client, user.email, "10.0.0.1", headers={"X-Forwarded-For": f"192.0.2.{i}"}
        ).status_code
        for i in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    other = _guess(
        client, "x@example.com", "10.0.0.1", headers={"X-Forwarded-For": "192.0.2.9"}
    )
    assert other.status_code == 401  # each forwarded client has its own IP budget


def test_forged_forwarded_for_does_not_escape_the_ip_limit(strict_auth):
    """Without a trusted proxy (TRUSTED_PROXY_HOPS=0) X-Forwarded-For is ignored."""
    client = strict_auth.test_client()
    statuses = [
        _guess(
            client,
            f"u{i}@example.com",
            "198.51.100.7",
            headers={"X-Forwarded-For": f"192.0.2.{i}"},
        ).status_code
        for i in range(4)
    ]
    assert statuses == [401, 401, 401, 429]


def _login_count(store) -> int:
    keys = list(store.scan_iter("*LIMITER/calapp/ip:127.0.0.1/auth.LoginView/*"))
    return sum(int(store.get(key)) for key in keys)


@pytest.mark.parametrize(
    "body",
    [b'{"email": "' + b"a" * 4096 + b'"}', b"[" * 100_000 + b"]" * 100_000],
    ids=["too-large", "deeply-nested"],
)
def test_a_hostile_login_body_keeps_counts_in_the_shared_store(make_app, body):
    """Were the limiter to fail on it, it would count in memory, per worker."""
    app = make_app(
        REDIS_URL=RATELIMIT_REDIS_URL,
        RATELIMIT_AUTH="3 per minute",
        MAX_CONTENT_LENGTH=max(1024, len(body) - 1) if len(body) < 10_000 else None,
    )
    store = redis.Redis.from_url(RATELIMIT_REDIS_URL)
    client = app.test_client()
    for _ in range(2):
        hostile = client.post(
            "/auth/login", data=body, headers={"Content-Type": "application/json"}
        )
        assert hostile.status_code in (400, 413)
        _login(client)
    assert _login_count(store) == 4


# --- Retry-After: on 429 (and 503) only ---------------------------------------


def test_no_retry_after_on_401(client):
    r = client.get("/auth/me")
    assert r.status_code == 401
    assert "RateLimit-Limit" in r.headers  # the limiter did count this request
    assert "Retry-After" not in r.headers


def test_no_retry_after_on_400(client):
    r = client.post("/auth/register", json={})
    assert r.status_code == 400
    assert "Retry-After" not in r.headers


def test_no_retry_after_on_403(client, user, auth):
    r = client.get("/calendars", headers=auth.key(user, ["events:read"]))
    assert r.status_code == 403
    assert "Retry-After" not in r.headers


def test_no_retry_after_on_404(client, headers):
    r = client.get(f"/calendars/{uuid.uuid4()}", headers=headers)
    assert r.status_code == 404
    assert "Retry-After" not in r.headers


def test_limiter_bookkeeping_header_never_leaks(strict_auth):
    client = strict_auth.test_client()
    responses = [_login(client) for _ in range(4)]
    assert [r.status_code for r in responses] == [401, 401, 401, 429]
    for r in responses:
        assert not any(name.lower().startswith("x-calapp") for name in r.headers.keys())


# --- without Redis: one count in PostgreSQL for every worker ----------------------

DEAD_STORE = "calapp+postgresql://postgres@127.0.0.1:1/none"


@pytest.fixture
def pg_app(make_app):
    """Build an app counting in the test PostgreSQL (no REDIS_URL)."""

    def build(**overrides):
        app = make_app(REDIS_URL=None, **overrides)
        from calapp.extensions import limiter

        with app.app_context():
            limiter.reset()
        return app

    return build


@pytest.fixture
def storage(database_url):
    store = storage_from_string(postgres_storage_uri(database_url))
    store.reset()
    yield store
    store.reset()
    store.engine.dispose()


def test_without_redis_the_app_counts_in_postgresql(pg_app, database_url):
    from calapp.extensions import limiter

    app = pg_app(RATELIMIT_AUTH="3 per minute")
    assert isinstance(limiter.storage, PostgresStorage)
    client = app.test_client()
    statuses = [_login(client, f"u{i}@example.com").status_code for i in range(4)]
    assert statuses == [401, 401, 401, 429]
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        keys = conn.execute(sa.text("SELECT key FROM rate_limit_counters")).scalars()
        assert any("ip:127.0.0.1" in key for key in keys)
    engine.dispose()


def test_postgresql_counts_carry_the_ratelimit_headers(pg_app):
    app = pg_app(RATELIMIT_AUTH="3 per minute")
    client = app.test_client()
    first = _login(client)
    assert first.headers["RateLimit-Limit"] == "3"
    assert first.headers["RateLimit-Remaining"] == "2"
    for _ in range(2):
        _login(client)
    refused = _login(client)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def _worker(config: dict, start, attempts: int, results) -> None:
    """One "gunicorn worker": its own app, limiter and connection pool."""
    from calapp import create_app

    app = create_app(config)
    client = app.test_client()
    start.wait(timeout=60)
    for i in range(attempts):
        results.put(_login(client, f"w{i}@example.com").status_code)


def test_two_processes_share_one_count(pg_app, app_config):
    """The issue's case: a limit of N lets exactly N through across all workers."""
    pg_app()  # an empty counter table
    config = {**app_config, "REDIS_URL": None, "RATELIMIT_AUTH": "7 per minute"}
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(2), spawn.Queue()
    workers = [
        spawn.Process(target=_worker, args=(config, start, 6, results))
        for _ in range(2)
    ]
    for process in workers:
        process.start()
    statuses = [results.get(timeout=120) for _ in range(12)]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert statuses.count(401) == 7
    assert statuses.count(429) == 5


def test_concurrent_hits_from_separate_pools_never_overshoot(storage, database_url):
    other = PostgresStorage(postgres_storage_uri(database_url))
    limit = parse("10 per minute")
    limiters = [FixedWindowRateLimiter(storage), FixedWindowRateLimiter(other)]
    granted = []
    start = threading.Barrier(8)

    def hammer(n: int) -> None:
        start.wait()
        for _ in range(5):
            granted.append(limiters[n % 2].hit(limit, "race"))

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.engine.dispose()
    assert granted.count(True) == 10
    assert storage.get(limit.key_for("race")) == 40


def test_a_window_ends_at_its_expiry(storage, database_url):
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:  # let the window end without waiting for it
        conn.execute(
            sa.text(
                "UPDATE rate_limit_counters SET expires_at = "
                "extract(epoch FROM now()) - 1 WHERE key = 'k'"
            )
        )
    engine.dispose()
    other_worker = PostgresStorage(postgres_storage_uri(database_url))
    assert other_worker.get("k") == 0
    other_worker.engine.dispose()
    assert storage.incr("k", 60) == 1


def test_expiry_is_when_the_window_ends(storage):
    storage.incr("k", 60)
    assert 55 < storage.get_expiry("k") - time.time() <= 60


def test_clear_and_reset(storage):
    storage.incr("a", 60)
    storage.incr("b", 60)
    storage.clear("a")
    assert (storage.get("a"), storage.get("b")) == (0, 1)
    assert storage.reset() == 1
    assert storage.get("b") == 0


def test_unreachable_postgresql_is_reported_unhealthy():
    store = storage_from_string(DEAD_STORE)
    assert store.check() is False


def test_requests_are_served_and_limited_while_the_store_is_down(make_app):
    """The counters' database unreachable: counted in memory, never a 500."""
    app = make_app(
        REDIS_URL=None,
        RATELIMIT_STORAGE_URI=DEAD_STORE,
        RATELIMIT_AUTH="3 per minute",
    )
    client = app.test_client()
    statuses = [_login(client, f"u{i}@example.com").status_code for i in range(4)]
    assert statuses == [401, 401, 401, 429]
