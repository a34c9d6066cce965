"""Webhook fixtures: see ``tests.reminders.harness``; ``tls`` for HTTPS."""

import socket
import ssl

import pytest
import trustme

from tests.reminders.harness import (  # noqa: F401 - fixtures
    bound_queue,
    clock,
    inbox,
    receiver,
    worker,
    world,
)


@pytest.fixture
def tls(monkeypatch):
    """A test CA that webhook requests trust, and a server context with its
    certificate for ``hooks.example.com``."""
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("hooks.example.com").configure_cert(server)
    real = ssl.create_default_context

    def trusting(*args, **kwargs):
        context = real(*args, **kwargs)
        ca.configure_trust(context)
        return context

    monkeypatch.setattr(ssl, "create_default_context", trusting)
    return server


@pytest.fixture
def dns(monkeypatch):
    """``dns(name, addresses)``: make ``name`` resolve to ``addresses`` (other
    names resolve as usual); returns the list its lookups are logged to."""

    def answer(name: str, addresses: list[str]) -> list[str]:
        real = socket.getaddrinfo
        lookups: list[str] = []

        def getaddrinfo(host, port, *args, **kwargs):
            if host != name:
                return real(host, port, *args, **kwargs)
            lookups.append(host)
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port, 0, 0) if ":" in a else (a, port),
                )
                for a in addresses
            ]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        return lookups

    return answer
