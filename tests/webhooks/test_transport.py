"""Where webhook requests may go: public addresses only, unless allowed."""

from __future__ import annotations

import pytest

from calapp.webhooks import transport


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.com/x", None),
        ("http://93.184.216.34:8080/x", None),
        ("http://127.0.0.1/x", "private"),
        ("http://[::ffff:10.0.0.1]/x", "private"),
        ("http://localhost:3000/x", "localhost"),
        ("gopher://example.com/", "http"),
        ("http://example.com:99999/", "port"),
    ],
)
def test_registration_checks_literal_targets(url, problem):
    found = transport.registration_problem(url, allow_private=False)
    assert (found is None) if problem is None else (problem in found)


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
