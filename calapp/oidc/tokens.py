"""The check of an ID token (OpenID Connect Core §3.1.3.7).

Signature by a key of the provider's JWKS (refetched once on an unknown key
id), then ``iss``, ``aud`` (and ``azp`` with several audiences), ``exp``,
``iat`` (not in the future, not older than a sign-in may take), ``nonce`` and
``sub``. Any failure is one error, ``invalid_id_token``, whose ``details.reason``
names the check that failed.
"""

from __future__ import annotations

from datetime import datetime

import requests
from flask import current_app
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.errors import ClaimError as JoseClaimError

from calapp.errors import Unauthorized
from calapp.oidc import providers
from calapp.oidc.providers import Provider

# Asymmetric algorithms only: HS256 would make the client secret a signing key.
ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
    | {"EdDSA"}
)


class InvalidIdToken(Unauthorized):
    code = "invalid_id_token"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(
            f"The provider's ID token was refused: {message}",
            details={"reason": reason},
        )


def _algorithms(document: dict) -> list[str]:
    offered = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    return [alg for alg in offered if alg in ALGORITHMS] or ["RS256"]


def _decode(provider: Provider, document: dict, id_token: str):
    algorithms = _algorithms(document)
    keys = providers.signing_keys(provider, document)
    try:
        return jwt.decode(id_token, keys, algorithms=algorithms)
    except InvalidKeyIdError:
        keys = providers.signing_keys(provider, document, refresh=True)
        if keys is None:
            raise InvalidIdToken("signature", "signed by an unknown key") from None
        try:
            return jwt.decode(id_token, keys, algorithms=algorithms)
        except InvalidKeyIdError as exc:
            raise InvalidIdToken("signature", "signed by an unknown key") from exc
        except BadSignatureError as exc:
            raise InvalidIdToken("signature", "bad signature") from exc
    except BadSignatureError as exc:
        raise InvalidIdToken("signature", "bad signature") from exc
    except (JoseError, ValueError, TypeError) as exc:
        raise InvalidIdToken("malformed", "not a signed JWT") from exc


def validate(
    provider: Provider, document: dict, id_token: str, nonce: str, now: datetime
) -> dict:
    """The claims of ``id_token`` once every check passed.

    :raises InvalidIdToken: with ``details.reason`` one of ``malformed``,
        ``signature``, ``iss``, ``aud``, ``azp``, ``exp`` (expired), ``iat``,
        ``nonce``, ``sub``.
    """
    token = _decode(provider, document, id_token)
    claims = token.claims
    skew = current_app.config["OIDC_CLOCK_SKEW_SECONDS"]
    registry = jwt.JWTClaimsRegistry(
        now=int(now.timestamp()),
        leeway=skew,
        iss={"essential": True, "value": providers.expected_issuer(document, claims)},
        aud={"essential": True, "value": provider.client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(claims)
    except ExpiredTokenError as exc:
        raise InvalidIdToken("exp", "it has expired") from exc
    except (MissingClaimError, JoseClaimError) as exc:
        claim = getattr(exc, "claim", "malformed")
        raise InvalidIdToken(claim, f"its claim {claim!r} is wrong") from exc
    # OpenID Connect Core §2: at most 255 ASCII characters.
    if not isinstance(claims["sub"], str) or not 0 < len(claims["sub"]) <= 255:
        raise InvalidIdToken("sub", "its subject is not a string of 1-255 characters")
    _check_azp(provider, claims)
    _check_age(claims, now, skew)
    return claims


def _check_azp(provider: Provider, claims: dict) -> None:
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    azp = claims.get("azp")
    if (len(audiences) > 1 or azp is not None) and azp != provider.client_id:
        raise InvalidIdToken("azp", "it was issued to another client (azp)")


def _check_age(claims: dict, now: datetime, skew: int) -> None:
    # The sign-in started at most OIDC_STATE_SECONDS ago: an older token is not
    # from it (a replayed one).
    oldest = now.timestamp() - current_app.config["OIDC_STATE_SECONDS"] - skew
    if claims["iat"] < oldest:
        raise InvalidIdToken("iat", "it was issued too long ago")


USERINFO_CLAIMS = ("email", "email_verified", "name")


def with_userinfo(
    provider: Provider, document: dict, claims: dict, access_token: str | None
) -> dict:
    """``claims`` completed from the UserInfo endpoint when the ID token carries no
    email (providers may keep profile claims out of it, OpenID Connect Core
    §5.4). UserInfo's ``sub`` must be the token's (§5.3.2)."""
    endpoint = document.get("userinfo_endpoint")
    if "email" in claims or not endpoint or not access_token:
        return claims
    try:
        response = requests.get(
            endpoint,
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=providers.timeout(),
        )
        response.raise_for_status()
        info = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise providers.unreachable(provider, "userinfo") from exc
    if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
        raise InvalidIdToken("sub", "UserInfo answered for another subject")
    extra = {key: info[key] for key in USERINFO_CLAIMS if key in info}
    return {**claims, **extra}
