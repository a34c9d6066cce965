"""The ID token checks, on tokens the real provider signed."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from calapp.oidc import providers, tokens
from tests.oidc.conftest import provider_config, provider_id_token


def _check(issuer, id_token, nonce, *, client_id="calapp", now=None):
    provider = providers._provider(provider_config(issuer, client_id))
    document = providers.metadata(provider)
    return tokens.validate(
        provider, document, id_token, nonce, now or datetime.now(UTC)
    )


def _reason(issuer, id_token, nonce, **kwargs) -> str:
    with pytest.raises(tokens.InvalidIdToken) as caught:
        _check(issuer, id_token, nonce, **kwargs)
    assert caught.value.status == 401
    assert caught.value.code == "invalid_id_token"
    return caught.value.details["reason"]


@pytest.fixture
def nonce():
    return uuid.uuid4().hex


@pytest.fixture
def calapp_token(oidc, nonce):
    return provider_id_token(oidc, "tok@example.com", "calapp", nonce)


def test_a_genuine_token_passes(ctx, oidc, calapp_token, nonce):
    claims = _check(oidc, calapp_token, nonce)
    assert claims["sub"] == "tok@example.com"
    assert claims["aud"] == "calapp"


def test_a_token_for_another_client_is_refused(ctx, oidc, nonce):
    other = provider_id_token(oidc, "tok@example.com", "other-app", nonce)
    assert _check(oidc, other, nonce, client_id="other-app")["aud"] == "other-app"
    assert _reason(oidc, other, nonce) == "aud"


def test_a_tampered_token_is_refused(ctx, oidc, calapp_token, nonce):
    header, payload, signature = calapp_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "someone-else@example.com"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    token = f"{header}.{forged.decode()}.{signature}"
    assert _reason(oidc, token, nonce) == "signature"


def test_an_unsigned_token_is_refused(ctx, oidc, calapp_token, nonce):
    _, payload, _ = calapp_token.split(".")
    none = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    assert _reason(oidc, f"{none}.{payload}.", nonce) in ("malformed", "signature")


def test_an_expired_token_is_refused(ctx, oidc, calapp_token, nonce):
    later = datetime.now(UTC) + timedelta(hours=2)
    assert _reason(oidc, calapp_token, nonce, now=later) == "exp"


def test_a_token_issued_in_the_future_is_refused(ctx, oidc, calapp_token, nonce):
    earlier = datetime.now(UTC) - timedelta(hours=1)
    assert _reason(oidc, calapp_token, nonce, now=earlier) == "iat"


def test_a_token_of_another_sign_in_is_refused(ctx, oidc, calapp_token):
    assert _reason(oidc, calapp_token, "another-nonce") == "nonce"


def test_garbage_is_refused(ctx, oidc, nonce):
    assert _reason(oidc, "not.a.jwt", nonce) == "malformed"


def _cache_stale_keys(issuer, fetched_ago: float) -> None:
    """Pretend the cached JWKS is an older one, without the provider's key."""
    import time

    from joserfc.jwk import KeySet, RSAKey

    provider = providers._provider(provider_config(issuer))
    uri = providers.metadata(provider)["jwks_uri"]
    old = KeySet([RSAKey.generate_key(2048, parameters={"kid": "rotated-out"})])
    providers._keys[uri] = (time.monotonic() - fetched_ago, old)


def test_an_unknown_key_id_fetches_the_keys_again(ctx, oidc, calapp_token, nonce):
    _cache_stale_keys(oidc, fetched_ago=60)
    assert _check(oidc, calapp_token, nonce)["sub"] == "tok@example.com"


def test_unknown_key_ids_do_not_refetch_in_a_loop(ctx, oidc, calapp_token, nonce):
    _cache_stale_keys(oidc, fetched_ago=1)
    assert _reason(oidc, calapp_token, nonce) == "signature"
