"""Admin commands: ``flask users ...`` and ``flask api-keys ...``."""

import re

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=list(args))

    return invoke


def _login(client, email: str):
    return client.post("/auth/login", json={"email": email, "password": PASSWORD})


def _create_key(cli, email: str, scopes: str = "events:read") -> tuple[str, str]:
    result = cli("api-keys", "create", "--user", email, "--scopes", scopes)
    assert result.exit_code == 0, result.output
    key_id = re.search(r"^id: (\S+)$", result.output, re.M).group(1)
    secret = re.search(r"^key: (\S+)$", result.output, re.M).group(1)
    return key_id, secret


# --- users ----------------------------------------------------------------------------


def test_users_create_makes_an_account_that_can_sign_in(cli, client):
    result = cli(
        "users",
        "create",
        "Admin@Example.com",
        "--password",
        PASSWORD,
        "--name",
        "Admin",
    )
    assert result.exit_code == 0, result.output
    assert "admin@example.com" in result.output
    r = _login(client, "admin@example.com")
    assert r.status_code == 200
    assert r.get_json()["user"]["name"] == "Admin"


def test_users_create_sets_the_timezone(cli, client):
    cli(
        "users",
        "create",
        "tz@example.com",
        "--password",
        PASSWORD,
        "--timezone",
        "Asia/Tokyo",
    )
    assert (
        _login(client, "tz@example.com").get_json()["user"]["timezone"] == "Asia/Tokyo"
    )


def test_users_create_with_a_weak_password_fails(cli, client):
    result = cli("users", "create", "weak@example.com", "--password", "short")
    assert result.exit_code != 0
    assert "10-72 bytes" in result.output
    assert _login(client, "weak@example.com").status_code == 401


def test_users_create_with_a_taken_email_fails(cli, make_user):
    make_user("taken@example.com")
    result = cli("users", "create", "taken@example.com", "--password", PASSWORD)
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_users_create_with_an_unknown_timezone_fails(cli):
    result = cli(
        "users", "create", "x@example.com", "--password", PASSWORD, "--timezone", "Nope"
    )
    assert result.exit_code != 0
    assert "timezone" in result.output


def test_users_deactivate_stops_sign_in_and_tokens(cli, client, user, headers):
    result = cli("users", "deactivate", user.email)
    assert result.exit_code == 0, result.output
    assert _login(client, user.email).status_code == 401
    assert client.get("/auth/me", headers=headers).status_code == 401


def test_users_deactivate_stops_api_keys(cli, client, user, auth):
    key = auth.key(user, ["events:read"])
    cli("users", "deactivate", user.email)
    assert client.get("/auth/me", headers=key).status_code == 401


def test_users_deactivate_unknown_email_fails(cli):
    result = cli("users", "deactivate", "ghost@example.com")
    assert result.exit_code != 0
    assert "ghost@example.com" in result.output


def test_users_list_shows_users_and_their_state(cli, make_user):
    make_user("active@example.com")
    make_user("inactive@example.com")
    cli("users", "deactivate", "inactive@example.com")
    result = cli("users", "list")
    assert result.exit_code == 0, result.output
    lines = {line.split()[1]: line.split()[2] for line in result.output.splitlines()}
    assert lines == {"active@example.com": "active", "inactive@example.com": "inactive"}


# --- api-keys -------------------------------------------------------------------------


def test_api_keys_create_prints_a_working_key(cli, client, user):
    _, secret = _create_key(cli, user.email, "account:read")
    r = client.get("/auth/me", headers={"X-API-Key": secret})
    assert r.status_code == 200
    assert r.get_json()["id"] == str(user.id)


def test_api_keys_create_sets_the_scopes(cli, client, user, headers):
    _create_key(cli, user.email, "events:write, contacts:read")
    (item,) = client.get("/api-keys", headers=headers).get_json()["items"]
    assert item["scopes"] == ["contacts:read", "events:write"]
    assert item["name"] == "cli"


def test_api_keys_create_with_an_unknown_scope_fails(cli, user):
    result = cli("api-keys", "create", "--user", user.email, "--scopes", "events:admin")
    assert result.exit_code != 0
    assert "unknown scope" in result.output


def test_api_keys_create_for_an_unknown_user_fails(cli):
    result = cli(
        "api-keys", "create", "--user", "ghost@example.com", "--scopes", "events:read"
    )
    assert result.exit_code != 0
    assert "ghost@example.com" in result.output


def test_api_keys_create_with_a_past_expiry_fails(cli, user):
    result = cli(
        "api-keys",
        "create",
        "--user",
        user.email,
        "--scopes",
        "events:read",
        "--expires-at",
        "2000-01-01T00:00:00+00:00",
    )
    assert result.exit_code != 0
    assert "expires_at" in result.output


def test_api_keys_revoke_makes_the_key_401(cli, client, user):
    key_id, secret = _create_key(cli, user.email)
    result = cli("api-keys", "revoke", key_id)
    assert result.exit_code == 0, result.output
    r = client.get("/auth/me", headers={"X-API-Key": secret})
    assert r.status_code == 401
    assert r.get_json()["code"] == "unauthorized"


@pytest.mark.parametrize(
    "key_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"]
)
def test_api_keys_revoke_of_a_bad_id_fails(cli, key_id):
    result = cli("api-keys", "revoke", key_id)
    assert result.exit_code != 0
    assert "Error" in result.output


@pytest.mark.parametrize(
    "expires_at", ["next tuesday", "2999-01-01T00:00:00"], ids=["garbage", "naive"]
)
def test_api_keys_create_with_a_bad_expiry_fails_with_a_message(cli, user, expires_at):
    result = cli(
        "api-keys",
        "create",
        "--user",
        user.email,
        "--scopes",
        "events:read",
        "--expires-at",
        expires_at,
    )
    assert result.exit_code == 1
    assert "--expires-at" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_users_create_with_an_invalid_email_fails(cli, client):
    result = cli("users", "create", "not-an-email", "--password", PASSWORD)
    assert result.exit_code == 1
    assert "not a valid email" in result.output
    assert "not-an-email" not in cli("users", "list").output
