"""Where webhook requests may go: public addresses only, unless allowed.

Made-up names resolve through the ``dns`` fixture (no real DNS); everything else
is real sockets."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from calapp.webhooks import transport

# Addresses no webhook may reach: private, loopback, link-local, reserved, special
# purpose, and IPv4 ones hidden in IPv6 forms.
NOT_PUBLIC = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104 - a value checked, not bound
    "192.0.0.8",  # IETF protocol assignments
    "192.0.2.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "::7f00:1",  # IPv4-compatible 127.0.0.1
    "::a9fe:a9fe",  # IPv4-compatible 169.254.169.254
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:a00:1",  # IPv4-mapped 10.0.0.1
    "64:ff9b::7f00:1",  # NAT64 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 169.254.169.254
    "64:ff9b:1::a00:1",  # local-use NAT64
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "ff02::1",
    "2001:db8::1",
]
PUBLIC = [
    "93.184.216.34",
    "2606:2800:220:1:248:1893:25c8:1946",
    "::ffff:93.184.216.34",  # IPv4-mapped public
    "64:ff9b::5db8:d822",  # NAT64 of a public address (DNS64 networks)
    "2002:5db8:d822::1",  # 6to4 of a public address
]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_non_public_addresses_are_refused(address):
    assert not transport.is_public(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address):
    assert transport.is_public(address)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.com/x", None),
        ("http://93.184.216.34:8080/x", None),
        ("http://127.0.0.1/x", "private"),
        ("http://[::ffff:10.0.0.1]/x", "private"),
        ("http://[::7f00:1]/x", "private"),
        ("http://[64:ff9b::7f00:1]/x", "private"),
        ("http://[2002:7f00:1::]/x", "private"),
        ("http://[::ffff:0:7f00:1]/x", "private"),
        ("http://192.0.0.8/x", "private"),
        ("http://2130706433/x", "private"),  # 127.0.0.1 as one number
        ("http://0x7f.1/x", "private"),
        ("http://127.1/x", "private"),
        ("http://localhost:3000/x", "localhost"),
        ("gopher://example.com/", "http"),
        ("http://./x", "host"),
        ("http://example.com:99999/", "port"),
    ],
)
def test_registration_checks_literal_targets(url, problem):
    found = transport.registration_problem(url, allow_private=False)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_a_name_resolving_to_a_non_public_address_is_refused_when_sending(dns, address):
    dns("hooks.example.com", ["93.184.216.34", address])
    outcome = transport.post(
        "http://hooks.example.com/hook", b"{}", {}, timeout=2, allow_private=False
    )
    assert not outcome.ok and not outcome.retryable
    assert "non-public" in outcome.error


def test_a_name_resolving_to_loopback_is_refused_when_sending():
    outcome = transport.post(
        "http://localhost:9/hook", b"{}", {}, timeout=2, allow_private=False
    )
    assert not outcome.ok and not outcome.retryable
    assert "non-public" in outcome.error


def test_a_refused_connection_is_tried_again():
    outcome = transport.post(
        "http://127.0.0.1:9/hook", b"{}", {}, timeout=2, allow_private=True
    )
    assert not outcome.ok and outcome.retryable


def _serve(tls=None):
    """A local receiver answering 204 (over TLS with ``tls``); the headers of
    each request go to the returned list."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(dict(self.headers))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, seen


@pytest.fixture
def local_receiver():
    server, seen = _serve()
    yield server.server_port, seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def https_receiver(tls):
    names: list[str] = []
    tls.sni_callback = lambda sock, name, context: names.append(name)
    server, seen = _serve(tls)
    yield server.server_port, seen, names
    server.shutdown()
    server.server_close()


def test_the_request_goes_to_the_checked_address_not_to_a_new_lookup(
    monkeypatch, dns, local_receiver
):
    """DNS rebinding: the name is looked up once, and the connection goes to the
    address that was checked, whatever the name resolves to a moment later."""
    port, seen = local_receiver
    lookups = dns("rebind.example.com", ["127.0.0.1"])
    real_connect = socket.create_connection

    def create_connection(address, *args, **kwargs):
        # From here on the name would resolve elsewhere: only a second lookup
        # could send the request there.
        dns("rebind.example.com", ["10.9.9.9"])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    outcome = transport.post(
        f"http://rebind.example.com:{port}/hook",
        b"{}",
        {},
        timeout=5,
        allow_private=True,
    )
    assert outcome.ok and outcome.status_code == 204
    assert lookups == ["rebind.example.com"]
    [headers] = seen
    assert headers["Host"] == f"rebind.example.com:{port}"


def test_https_goes_to_the_checked_address_with_the_name_for_tls_and_host(
    dns, https_receiver
):
    port, seen, names = https_receiver
    lookups = dns("hooks.example.com", ["127.0.0.1"])
    outcome = transport.post(
        f"https://hooks.example.com:{port}/hook",
        b"{}",
        {},
        timeout=5,
        allow_private=True,
    )
    assert outcome.ok and outcome.status_code == 204
    assert lookups == ["hooks.example.com"]
    assert names == ["hooks.example.com"]  # SNI
    [headers] = seen
    assert headers["Host"] == f"hooks.example.com:{port}"


def test_https_refuses_a_certificate_for_another_name(dns, https_receiver):
    port, seen, _ = https_receiver
    dns("other.example.com", ["127.0.0.1"])
    outcome = transport.post(
        f"https://other.example.com:{port}/hook",
        b"{}",
        {},
        timeout=5,
        allow_private=True,
    )
    assert not outcome.ok and "certificate" in outcome.error.lower()
    assert seen == []
