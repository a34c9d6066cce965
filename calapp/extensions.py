"""Extension instances, unbound: ``create_app`` binds them to an app."""

from collections.abc import Callable

from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
jwt = JWTManager()


# The limiter's key and default limit are worked out by ``calapp.ratelimit``,
# which reads the request's credentials: it plugs them in (``use_limits``) when
# the app factory imports it, so that this module imports nothing of the app.
_limits: dict[str, Callable[[], str]] = {}


def use_limits(*, key: Callable[[], str], default: Callable[[], str]) -> None:
    _limits.update(key=key, default=default)


def _rate_limit_key() -> str:
    return _limits["key"]()


def _default_limit() -> str:
    return _limits["default"]()


limiter = Limiter(key_func=_rate_limit_key, default_limits=[_default_limit])
