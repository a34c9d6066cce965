"""Who a request counts against: its API key, else its user, else its client IP.

The IP is ``request.remote_addr`` after ProxyFix, i.e. as seen through the
configured number of trusted proxy hops (``TRUSTED_PROXY_HOPS``).
"""

from __future__ import annotations

import jwt as pyjwt
from flask import current_app, request
from flask_jwt_extended import decode_token
from flask_jwt_extended.exceptions import JWTExtendedException

from calapp.errors import Unauthorized
from calapp.security import hash_token


def rate_limit_key() -> str:
    from calapp.auth.service import presented_credentials

    try:
        api_key, token = presented_credentials()
    except Unauthorized:
        api_key = token = None
    if api_key:
        return "key:" + hash_token(api_key)[:32]
    if token:
        try:
            return "user:" + str(decode_token(token)["user_id"])
        except (pyjwt.InvalidTokenError, JWTExtendedException, KeyError):
            pass
    return "ip:" + (request.remote_addr or "unknown")


def default_limit() -> str:
    """``RATELIMIT_DEFAULT`` of the app serving the request.

    Read per request: flask-limiter fixes a config-given default at the first
    ``init_app``, so every later app (tests, a second ``create_app``) would inherit
    the first app's limit.
    """
    return current_app.config["RATELIMIT_DEFAULT"]
