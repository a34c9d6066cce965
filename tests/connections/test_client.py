"""Where the CalDAV client sends the account's credentials."""

from __future__ import annotations

import pytest

from calapp.connections.caldav import Client


@pytest.mark.parametrize(
    ("account", "target", "sent"),
    [
        ("https://caldav.icloud.com/", "https://caldav.icloud.com/123/", True),
        ("https://caldav.icloud.com/", "https://p42-caldav.icloud.com/1/", True),
        ("https://caldav.icloud.com/", "http://p42-caldav.icloud.com/1/", False),
        ("https://caldav.icloud.com/", "https://icloud.com.evil.example/", False),
        ("https://caldav.icloud.com/", "https://evil.example/", False),
        ("https://dav.example.co.uk/", "https://x.example.co.uk/", True),
        ("https://example.com/", "https://other.com/", False),
        ("https://example.com/", "https://x.com/", False),
        ("http://127.0.0.1:5232/", "http://127.0.0.1:5232/ada/", True),
        ("http://127.0.0.1:5232/", "http://127.0.0.1:5233/ada/", False),
    ],
)
def test_credentials_go_only_to_the_account_and_its_domain(account, target, sent):
    client = Client(account, "u", "p", timeout=1, max_bytes=1, allow_private=False)
    assert client._trusted(target) is sent


@pytest.mark.parametrize(
    ("email", "server"),
    [
        ("ada@icloud.com", "https://caldav.icloud.com/"),
        ("ada@Fastmail.com", "https://caldav.fastmail.com/"),
        ("ada@example.org", "https://example.org/"),
    ],
)
def test_the_server_is_found_from_an_email_address(email, server):
    from calapp.connections.service import server_url

    assert server_url({"email": email}) == server


def test_a_server_is_needed(client, headers):
    r = client.post(
        "/connections",
        json={"kind": "caldav", "username": "ada", "password": "app-password"},
        headers=headers,
    )
    assert r.status_code == 400 and "url" in r.get_json()["details"]
