"""Issuer matching, Microsoft's multi-tenant template included."""

from __future__ import annotations

from calapp.oidc import providers

COMMON = "https://login.microsoftonline.com/common/v2.0"
TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0"


def test_a_discovery_document_must_name_the_configured_issuer():
    google = "https://accounts.google.com"
    assert providers._issuer_matches(google, google)
    assert providers._issuer_matches(google, google + "/")
    assert not providers._issuer_matches(google, "https://evil.test")
    assert not providers._issuer_matches(google, None)


def test_microsofts_tenant_template_matches_its_own_host_only():
    assert providers._issuer_matches(COMMON, TEMPLATE)
    assert not providers._issuer_matches("https://evil.test/common/v2.0", TEMPLATE)


def test_the_expected_issuer_fills_the_tenant_of_the_token():
    document = {"issuer": TEMPLATE}
    tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
    assert providers.expected_issuer(document, {"tid": tenant}) == (
        f"https://login.microsoftonline.com/{tenant}/v2.0"
    )
    assert providers.expected_issuer({"issuer": COMMON}, {"tid": tenant}) == COMMON
