"""Readiness: can this process reach what it needs?"""

import logging

import redis
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from calapp.errors import ServiceUnavailable
from calapp.extensions import db

log = logging.getLogger("calapp.health")


def check_ready() -> dict:
    """:raises ServiceUnavailable: with which dependency failed, in ``details``."""
    checks = {"database": _check_database()}
    if current_app.config.get("REDIS_URL"):
        checks["redis"] = _check_redis(current_app.config["REDIS_URL"])
    if any(state != "ok" for state in checks.values()):
        raise ServiceUnavailable("A dependency is unavailable", details=checks)
    return {"status": "ok", "checks": checks}


def _check_database() -> str:
    try:
        db.session.execute(sa.text("SELECT 1"))
        return "ok"
    except SQLAlchemyError as exc:
        log.warning("readiness: database unavailable: %s", exc)
        db.session.rollback()
        return "unavailable"


def _check_redis(url: str) -> str:
    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        client.ping()
        return "ok"
    except redis.RedisError as exc:
        log.warning("readiness: redis unavailable: %s", exc)
        return "unavailable"
