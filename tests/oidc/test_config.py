"""OIDC_PROVIDERS and OIDC_<NAME>_* from the environment."""

from __future__ import annotations

import pytest

from config import ConfigError, load_config

BASE = {"CALAPP_ENV": "testing"}


def _oidc(**env) -> dict:
    return load_config({**BASE, **env})["OIDC_PROVIDERS"]


def test_no_provider_by_default():
    assert _oidc() == {}


def test_google_needs_only_its_client():
    providers = _oidc(
        OIDC_PROVIDERS="Google",
        OIDC_GOOGLE_CLIENT_ID="id.apps.googleusercontent.com",
        OIDC_GOOGLE_CLIENT_SECRET="s3cret",
    )
    assert providers == {
        "google": {
            "name": "google",
            "display_name": "Google",
            "issuer": "https://accounts.google.com",
            "client_id": "id.apps.googleusercontent.com",
            "client_secret": "s3cret",
            "scopes": ["openid", "email", "profile"],
        }
    }


def test_a_generic_provider_with_its_own_scopes_and_name():
    corp = _oidc(
        OIDC_PROVIDERS="google-x,corp-sso",
        OIDC_GOOGLE_X_ISSUER="https://accounts.google.com/",
        OIDC_GOOGLE_X_CLIENT_ID="a",
        OIDC_GOOGLE_X_CLIENT_SECRET="b",
        OIDC_CORP_SSO_ISSUER="https://sso.example.com/realms/staff",
        OIDC_CORP_SSO_CLIENT_ID="calapp",
        OIDC_CORP_SSO_CLIENT_SECRET="c",
        OIDC_CORP_SSO_SCOPES="email,groups",
        OIDC_CORP_SSO_DISPLAY_NAME="Example SSO",
    )
    assert corp["google-x"]["issuer"] == "https://accounts.google.com"
    assert corp["corp-sso"]["scopes"] == ["openid", "email", "groups"]
    assert corp["corp-sso"]["display_name"] == "Example SSO"


def test_a_missing_secret_is_named():
    with pytest.raises(ConfigError, match="OIDC_CORP_ISSUER, OIDC_CORP_CLIENT_SECRET"):
        _oidc(OIDC_PROVIDERS="corp", OIDC_CORP_CLIENT_ID="x")


def test_a_bad_provider_name_is_refused():
    with pytest.raises(ConfigError, match="not a provider name"):
        _oidc(OIDC_PROVIDERS="corp/evil")


def test_the_allow_list_is_comma_separated():
    config = load_config(
        {**BASE, "OIDC_REDIRECT_ALLOWLIST": "https://a.example/cb, app:/cb"}
    )
    assert config["OIDC_REDIRECT_ALLOWLIST"] == ["https://a.example/cb", "app:/cb"]
