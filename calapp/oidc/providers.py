"""The configured OpenID providers, their discovery documents and signing keys.

Providers come from the environment (``OIDC_PROVIDERS``, see config.py). A
provider's discovery document (OpenID Connect Discovery 1.0) and its JWKS are
fetched with a timeout and kept per process: the document for
``OIDC_DISCOVERY_CACHE_SECONDS``, the keys until a token names a key id they
lack (a key rotation), when they are fetched again — at most every
``JWKS_MIN_REFETCH_SECONDS``, so forged key ids cannot make calapp hammer the
provider.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests
from flask import current_app
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from calapp.errors import NotFound, ServiceUnavailable

JWKS_MIN_REFETCH_SECONDS = 10
# Microsoft's multi-tenant endpoints (/common, /organizations) publish an issuer
# template; the token's ``tid`` claim fills it in.
TENANT_PLACEHOLDER = "{tenantid}"
REQUIRED_METADATA = ("authorization_endpoint", "token_endpoint", "jwks_uri")


@dataclass(frozen=True)
class Provider:
    name: str
    display_name: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]


_lock = threading.Lock()
_metadata: dict[str, tuple[float, dict]] = {}  # issuer -> (fetched at, document)
_keys: dict[str, tuple[float, KeySet]] = {}  # jwks_uri -> (fetched at, keys)


def configured() -> list[Provider]:
    return [_provider(entry) for entry in current_app.config["OIDC_PROVIDERS"].values()]


def get(name: str) -> Provider:
    """:raises NotFound: no provider of that name is configured."""
    entry = current_app.config["OIDC_PROVIDERS"].get(name)
    if entry is None:
        raise NotFound(f"Unknown sign-in provider {name!r}")
    return _provider(entry)


def _provider(entry: dict) -> Provider:
    return Provider(**{**entry, "scopes": tuple(entry["scopes"])})


def timeout() -> int:
    return current_app.config["OIDC_HTTP_TIMEOUT_SECONDS"]


def unreachable(provider: Provider, what: str) -> ServiceUnavailable:
    return ServiceUnavailable(
        f"The sign-in provider {provider.display_name} could not be reached "
        f"({what}); try again later"
    )


def _get_json(provider: Provider, url: str, what: str) -> dict:
    try:
        response = requests.get(url, timeout=timeout())
        response.raise_for_status()
        body = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise unreachable(provider, what) from exc
    if not isinstance(body, dict):
        raise unreachable(provider, what)
    return body


def metadata(provider: Provider) -> dict:
    """The provider's discovery document, from the cache when fresh.

    :raises ServiceUnavailable: unreachable, or not a document for this issuer.
    """
    ttl = current_app.config["OIDC_DISCOVERY_CACHE_SECONDS"]
    with _lock:
        cached = _metadata.get(provider.issuer)
    if cached and time.monotonic() - cached[0] < ttl:
        return cached[1]
    url = provider.issuer + "/.well-known/openid-configuration"
    document = _get_json(provider, url, "discovery")
    if not _issuer_matches(provider.issuer, document.get("issuer")) or any(
        not isinstance(document.get(key), str) for key in REQUIRED_METADATA
    ):
        raise unreachable(provider, "its discovery document is not for this issuer")
    with _lock:
        _metadata[provider.issuer] = (time.monotonic(), document)
    return document


def _issuer_matches(configured_issuer: str, published) -> bool:
    if not isinstance(published, str):
        return False
    published = published.rstrip("/")
    if TENANT_PLACEHOLDER in published:
        head = published.split(TENANT_PLACEHOLDER)[0]
        return configured_issuer.startswith(head)
    return published == configured_issuer


def expected_issuer(document: dict, claims: dict) -> str:
    """The ``iss`` a token must carry (a tenant template filled with its ``tid``)."""
    issuer = document["issuer"]
    if TENANT_PLACEHOLDER in issuer:
        return issuer.replace(TENANT_PLACEHOLDER, str(claims.get("tid", "")))
    return issuer


def signing_keys(provider: Provider, document: dict, *, refresh: bool = False):
    """The provider's JWKS; ``refresh`` fetches it again (an unknown key id) unless
    it was fetched moments ago. Returns None when a refresh was not allowed."""
    uri = document["jwks_uri"]
    with _lock:
        cached = _keys.get(uri)
    if cached and not refresh:
        return cached[1]
    if cached and time.monotonic() - cached[0] < JWKS_MIN_REFETCH_SECONDS:
        return None
    body = _get_json(provider, uri, "signing keys")
    try:
        keys = KeySet.import_key_set(body)
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise unreachable(provider, "its signing keys are unreadable") from exc
    with _lock:
        _keys[uri] = (time.monotonic(), keys)
    return keys


def forget() -> None:
    """Drop every cached document and key set (tests; a provider reconfigured)."""
    with _lock:
        _metadata.clear()
        _keys.clear()
