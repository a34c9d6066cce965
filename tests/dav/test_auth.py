"""Basic with a password over DAV costs a bcrypt check: those checks are rate
limited per client and per account (``RATELIMIT_AUTH``), a password that
checked out is remembered (as a keyed digest) so a client sending it with
every request does not spend the limit, and app passwords (API keys) are a
hashed lookup that the limit never touches."""

import pytest

from tests.conftest import PASSWORD
from tests.dav.conftest import basic
from tests.test_ratelimit import make_app  # noqa: F401

HOME = '<D:propfind xmlns:D="DAV:"><D:prop><D:displayname/></D:prop></D:propfind>'


@pytest.fixture
def strict(make_app):  # noqa: F811
    """3 password checks a minute, counted in this run's own PostgreSQL (a
    Redis database may be shared with another run, which resets it)."""
    app = make_app(REDIS_URL=None, RATELIMIT_AUTH="3 per minute")
    from calapp.extensions import limiter

    with app.app_context():
        limiter.reset()
    return app


def propfind(client, user, secret: str):
    return client.open(
        f"/dav/calendars/{user.id}/",
        method="PROPFIND",
        data=HOME,
        headers={**basic(user.email, secret), "Depth": "0"},
    )


def test_wrong_passwords_are_limited_and_then_so_is_the_right_one(strict, user, auth):
    client = strict.test_client()
    tries = [propfind(client, user, "wrong-password").status_code for _ in range(3)]
    assert tries == [401, 401, 401]
    limited = propfind(client, user, "wrong-password")
    assert limited.status_code == 429
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    assert b"app password" in limited.data
    # Guessing spent the account's checks: the password waits too...
    assert propfind(client, user, PASSWORD).status_code == 429
    # ... but an app password is no password check at all.
    key = auth.key(user, ["calendars:read"])["X-API-Key"]
    assert propfind(client, user, key).status_code == 207


def test_a_password_that_checked_out_is_not_checked_again(strict, make_user):
    someone = make_user("remembered@example.com")
    client = strict.test_client()
    answers = [propfind(client, someone, PASSWORD).status_code for _ in range(6)]
    assert answers == [207] * 6  # one check, then remembered: 1 of 3 spent
    assert propfind(client, someone, "wrong-password").status_code == 401
    assert propfind(client, someone, "wrong-password").status_code == 401
    assert propfind(client, someone, "wrong-password").status_code == 429
