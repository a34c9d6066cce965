"""The key that seals connected accounts' passwords."""

from __future__ import annotations

import pytest

from config import ConfigError, load_config


def test_production_without_a_key_refuses_caldav_accounts(
    app, client, headers, monkeypatch
):
    monkeypatch.setitem(app.config, "CALAPP_ENV", "production")
    monkeypatch.setitem(app.config, "CONNECTIONS_ENCRYPTION_KEY", None)
    r = client.post(
        "/connections",
        json={
            "kind": "caldav",
            "url": "https://caldav.example.com/",
            "username": "ada",
            "password": "app-password",
        },
        headers=headers,
    )
    assert r.status_code == 503
    assert "CONNECTIONS_ENCRYPTION_KEY" in r.get_json()["error"]


def test_a_new_key_asks_for_the_password_again(app, connect, sync, work, monkeypatch):
    monkeypatch.setitem(app.config, "CONNECTIONS_ENCRYPTION_KEY", "k" * 40)
    connection = connect()
    monkeypatch.setitem(app.config, "CONNECTIONS_ENCRYPTION_KEY", "n" * 40)
    connection = sync(connection)
    assert connection["consecutive_failures"] == 1
    assert "enter it again" in connection["last_error"]


def test_a_short_key_stops_the_service(tmp_path):
    env = {"CALAPP_ENV": "development", "CONNECTIONS_ENCRYPTION_KEY": "short"}
    with pytest.raises(ConfigError, match="CONNECTIONS_ENCRYPTION_KEY"):
        load_config(env, tmp_path)
