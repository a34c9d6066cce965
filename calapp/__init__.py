"""calapp: a Calendar & Contacts REST API.

``create_app()`` is composed of small ``register_*`` steps; the resource packages
are listed once, in ``register_blueprints``.
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

from flask import Flask, g, request, send_from_directory
from werkzeug.middleware.proxy_fix import ProxyFix

from calapp.api import Api
from calapp.converters import StrictUUIDConverter, uuid_param_schema
from calapp.errors import error_body
from calapp.extensions import db as _db  # calapp.db (the module) shadows `db` here
from calapp.extensions import jwt, limiter, migrate
from calapp.ratelimit import LIMITER_RETRY_AFTER_HEADER, postgres_storage_uri
from config import load_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"))
    app.config.update(load_config(instance_path=app.instance_path))
    app.config.update(overrides or {})
    register_database(app)
    register_api_config(app)
    register_logging(app)
    # Before the extensions: after_request hooks run in reverse order, so ours
    # see the response last (after flask-limiter's headers).
    register_request_hooks(app)
    api = Api()  # one per app: tests build several apps in one process
    register_extensions(app, api)
    register_blueprints(api)
    register_dav(app)
    register_mcp(app)
    register_docs_assets(app)
    register_cli(app)
    return app


def register_database(app: Flask) -> None:
    url = app.config.get("DATABASE_URL")
    if not url:
        from calapp.embedded import ensure_database_url

        if app.config["CALAPP_ENV"] == "production":
            logging.getLogger("calapp").warning(
                "DATABASE_URL is not set: using the embedded PostgreSQL under "
                "instance/. Set DATABASE_URL to a managed PostgreSQL in production."
            )

        url = ensure_database_url(app.instance_path)
    from calapp.db import read_json
    from calapp.embedded import normalise_url

    app.config["DATABASE_URL"] = normalise_url(url)
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        {
            "pool_pre_ping": True,
            "pool_size": 10,
            # Instants are read back in UTC whatever the server's default zone.
            "connect_args": {"options": "-c timezone=UTC"},
            "json_deserializer": read_json,
        },
    )


def register_api_config(app: Flask) -> None:
    # Every worker counts in one store: Redis, else the app's PostgreSQL.
    storage_uri = (
        app.config.get("RATELIMIT_STORAGE_URI")
        or app.config.get("REDIS_URL")
        or postgres_storage_uri(app.config["DATABASE_URL"])
    )
    app.config.update(
        API_TITLE="calapp",
        API_VERSION="1.0.0",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/docs/assets/",
        OPENAPI_SWAGGER_UI_CONFIG={"persistAuthorization": True},
        API_SPEC_OPTIONS={
            "info": {
                "description": "Calendars shared with roles, events with RFC 5545 "
                "recurrence, reminders, attendees, contacts, free/busy, booking "
                "links and ICS. Errors are always "
                '`{"error", "code", "details"?}`; lists are '
                "`{items, next_cursor}` with `?limit=&cursor=`."
            },
        },
        JWT_TOKEN_LOCATION=["headers"],
        RATELIMIT_STORAGE_URI=storage_uri,
        RATELIMIT_KEY_PREFIX="calapp",
        RATELIMIT_HEADERS_ENABLED=True,
        # The store down must not take the API down: count in memory meanwhile.
        RATELIMIT_SWALLOW_ERRORS=True,
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_HEADER_LIMIT="RateLimit-Limit",
        RATELIMIT_HEADER_REMAINING="RateLimit-Remaining",
        RATELIMIT_HEADER_RESET="RateLimit-Reset",
        # flask-limiter sets it on every response: the hook keeps it on 429 only.
        RATELIMIT_HEADER_RETRY_AFTER=LIMITER_RETRY_AFTER_HEADER,
        RATELIMIT_HEADER_RETRY_AFTER_VALUE="delta-seconds",
    )


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from flask import has_request_context

        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


def register_logging(app: Flask) -> None:
    logger = logging.getLogger("calapp")
    logger.setLevel(app.config["LOG_LEVEL"])
    if not any(isinstance(f, _RequestIdFilter) for f in logger.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
            )
        )
        handler.addFilter(_RequestIdFilter())
        logger.addFilter(_RequestIdFilter())
        logger.addHandler(handler)
        logger.propagate = False


def register_tasks() -> None:
    """Import every tasks module: each registers its huey tasks and its drains
    (``queue.drains``). Web processes enqueue drains; the consumers run them
    (``calapp.worker`` calls this before the consumer starts)."""
    import calapp.attachments.tasks  # noqa: F401
    import calapp.booking.tasks  # noqa: F401
    import calapp.changes.tasks  # noqa: F401
    import calapp.connections.tasks  # noqa: F401
    import calapp.idempotency.tasks  # noqa: F401
    import calapp.notifications.tasks  # noqa: F401
    import calapp.oidc.tasks  # noqa: F401
    import calapp.webhooks.tasks  # noqa: F401


def register_listeners() -> None:
    """Import the packages that listen to lower ones (``calapp.hooks``): each
    registers when imported. Most come in with their blueprints; these not."""
    import calapp.reminders.service  # noqa: F401 - to events' changes


def register_extensions(app: Flask, api: Api) -> None:
    import calapp.models  # noqa: F401 - the whole schema, for Alembic and mappers
    from calapp.changes import log as change_log
    from calapp.idempotency import guard as idempotency

    register_tasks()
    register_listeners()
    app.url_map.converters["uuid"] = StrictUUIDConverter
    _db.init_app(app)
    change_log.install()
    migrate.init_app(app, _db, directory=str(PROJECT_ROOT / "migrations"))
    jwt.init_app(app)
    limiter.init_app(app)
    api.init_app(app)
    idempotency.init_app(app)
    api.register_converter(StrictUUIDConverter, uuid_param_schema)
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )
    if app.config["CORS_ORIGINS"]:
        from flask_cors import CORS

        CORS(
            app,
            origins=app.config["CORS_ORIGINS"],
            expose_headers=[
                "X-Request-ID",
                "ETag",
                "Idempotent-Replayed",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
            max_age=600,
        )

    @jwt.invalid_token_loader
    @jwt.unauthorized_loader
    def _jwt_invalid(reason):
        return error_body(401, "Invalid access token"), 401

    @jwt.expired_token_loader
    def _jwt_expired(header, payload):
        body = error_body(401, "The access token has expired; refresh it")
        body["code"] = "token_expired"
        return body, 401


def register_blueprints(api: Api) -> None:
    """Every resource package, in the order the docs list them."""
    from calapp.api_keys.routes import blp as api_keys
    from calapp.attachments.routes import blp as attachments
    from calapp.auth.routes import blp as auth
    from calapp.availability.routes import blp as availability
    from calapp.booking.routes import blp as booking
    from calapp.booking.routes import bookings_blp as bookings
    from calapp.booking.routes import links_blp as booking_links
    from calapp.booking.routes import page_blp as booking_page
    from calapp.calendars.routes import blp as calendars
    from calapp.connections.routes import blp as connections
    from calapp.contacts.routes import blp as contacts
    from calapp.events.routes import blp as events
    from calapp.health.routes import blp as health
    from calapp.ics.routes import blp as ics
    from calapp.invitations.routes import blp as invitations
    from calapp.llms.routes import blp as llms
    from calapp.notifications.routes import blp as notifications
    from calapp.oidc.routes import blp as oidc
    from calapp.oidc.routes import identities_blp as identities
    from calapp.schedules.routes import blp as schedules
    from calapp.schedules.routes import holidays_blp as holidays
    from calapp.schedules.routes import time_off_blp as time_off
    from calapp.stream.routes import blp as stream
    from calapp.stream.routes import register_message_schema
    from calapp.users.routes import blp as users
    from calapp.webhooks.routes import blp as webhooks
    from calapp.webhooks.routes import register_payload_schemas

    for blp in (
        auth, oidc, users, identities, api_keys, calendars, connections, events,
        attachments, contacts, schedules,
        time_off, holidays, availability, booking_links, booking, booking_page,
        bookings, ics, invitations,
        notifications, webhooks, stream, health, llms
    ):  # fmt: skip
        api.register_blueprint(blp)
    register_payload_schemas(api.spec)  # WebhookPayload: no operation returns it
    register_message_schema(api.spec)  # ChangeMessage: what /stream and /ws carry


def register_dav(app: Flask) -> None:
    """CalDAV/CardDAV under /dav/: XML, not JSON, so outside the OpenAPI
    document (a plain Flask blueprint)."""
    from calapp.dav.routes import blp as dav

    app.register_blueprint(dav)


def register_mcp(app: Flask) -> None:
    """MCP at /mcp (JSON-RPC, not REST): outside the OpenAPI document."""
    from calapp.mcp.routes import init_app

    init_app(app)


def register_docs_assets(app: Flask) -> None:
    """Swagger UI's files, served locally: /docs works with no internet."""
    import flask_swagger_ui

    assets = Path(flask_swagger_ui.__file__).parent / "dist"

    @app.route("/docs/assets/<path:filename>")
    def docs_assets(filename):
        response = send_from_directory(assets, filename, max_age=86400)
        return response


# Security headers for JSON responses; the docs page needs scripts and styles.
_API_CSP = "default-src 'none'; frame-ancestors 'none'"
# The booking page (the only other HTML): its own files and API, nothing inline;
# it never submits a form natively (its script posts JSON).
_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
)
_NO_STORE_PREFIXES = ("/auth/", "/api-keys", "/users/")


def register_request_hooks(app: Flask) -> None:
    @app.before_request
    def _request_id():
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex

    @app.after_request
    def _headers(response):
        response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        is_docs = request.path == "/docs" or request.path.startswith("/docs/")
        if is_docs:
            csp = _DOCS_CSP
        elif response.mimetype == "text/html":
            csp = _PAGE_CSP
        else:
            csp = _API_CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        limiter_retry_after = response.headers.pop(LIMITER_RETRY_AFTER_HEADER, None)
        if response.status_code == 429 and limiter_retry_after is not None:
            # A 429 of the app's own (a booking hold limit) keeps its Retry-After.
            response.headers.setdefault("Retry-After", limiter_retry_after)
        elif response.status_code not in (429, 503):
            # API.md: Retry-After goes only on 429 and 503.
            response.headers.pop("Retry-After", None)
        if request.path.startswith(_NO_STORE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response


def register_cli(app: Flask) -> None:
    from calapp.cli import register_commands

    register_commands(app)
