"""Extension instances, unbound: ``create_app`` binds them to an app."""

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


def _rate_limit_key() -> str:
    from calapp.ratelimit import rate_limit_key

    return rate_limit_key()


def _default_limit() -> str:
    from calapp.ratelimit import default_limit

    return default_limit()


limiter = Limiter(key_func=_rate_limit_key, default_limits=[_default_limit])
