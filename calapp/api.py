"""Every flask-smorest customisation in one place.

- ``Api``: the error shape for every HTTP error, the security schemes.
- ``Blueprint``: a 400 (not 422) argument parser, ``auth_required(*scopes)`` which
  authenticates, checks the scope and documents both, and ``errors(*statuses)``.
- ``Schema``: strict base schema (unknown fields are a 400).
- ``page_of(Schema)``: the ``{items, next_cursor}`` envelope of every list.
- The OpenAPI document for agents and generators: ``ExamplePlugin`` makes a
  schema's ``EXAMPLE`` its example; ``Api.register_blueprint`` documents the error
  ``code`` as the enum of ``calapp.errors.error_codes()``; every view sets its
  ``operationId`` with ``@blp.doc`` and describes when to use it in its docstring.
"""

from __future__ import annotations

import functools
import json
import logging
import math

import flask_smorest
import marshmallow as ma
from apispec import BasePlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import Request as FlaskRequest
from flask import g, request
from flask.json.provider import DefaultJSONProvider
from flask.views import MethodView
from sqlalchemy import exc as sa_exc
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import HTTPException

from calapp.credentials import authenticate
from calapp.errors import (
    AppError,
    InvalidJSON,
    ServiceUnavailable,
    UnsupportedMediaType,
    error_body,
    error_codes,
)
from calapp.etags import check_if_match, etag_of, with_etag  # noqa: F401 - for routes
from calapp.idempotency.guard import (
    IdempotencyDocPlugin,
    Scope,
    idempotent,
    principal_scope,
)

log = logging.getLogger("calapp")

SECURITY_SCHEMES = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "Access token from /auth/login (15 minutes). "
        "An API key is accepted here too.",
    },
    "apiKeyAuth": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "Scoped API key from POST /api-keys (prefix `cal_`).",
    },
}


# --- request bodies: bounded JSON --------------------------------------------------

# No body this API takes nests deeper than a few levels; 32 leaves room and keeps
# the parser and every recursive walk far from Python's recursion limit.
MAX_JSON_DEPTH = 32
# Integers are refused at parse time beyond 100 digits, before int() runs (which is
# quadratic, and raises ValueError beyond 4300 digits). Shorter ones reach the
# schema, whose ranges (PostgreSQL's integer at most) name the field in the 400.
MAX_JSON_INT_DIGITS = 100
MAX_JSON_NUMBER_CHARS = 64


class JSONBodyError(ValueError):
    """A request body that is not JSON this API accepts (always a 400)."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_INT_DIGITS:
        raise JSONBodyError(f"integers have at most {MAX_JSON_INT_DIGITS} digits")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text) if len(text) <= MAX_JSON_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise JSONBodyError("a number is too large")
    return value


def _refuse_constant(name: str):
    raise JSONBodyError(f"{name} is not valid JSON")


def _depth_exceeds(value, limit: int) -> bool:
    """Whether ``value`` nests containers deeper than ``limit`` (iteratively)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def load_json(data: bytes | str):
    """Parse a request body strictly.

    :raises JSONBodyError: not UTF-8, not JSON, nested deeper than
        ``MAX_JSON_DEPTH``, an integer longer than ``MAX_JSON_INT_DIGITS`` digits,
        a non-finite number or NaN/Infinity.
    """
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONBodyError(f"the body is not UTF-8: {exc.reason}") from None
    try:
        value = json.loads(
            data,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except RecursionError:
        raise JSONBodyError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    except JSONBodyError:
        raise
    except ValueError as exc:  # json.JSONDecodeError
        raise JSONBodyError(str(exc)) from None
    if isinstance(value, dict | list) and _depth_exceeds(value, MAX_JSON_DEPTH):
        raise JSONBodyError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    return value


class JSONProvider(DefaultJSONProvider):
    """``request.get_json()`` parses as strictly as the argument parser."""

    def loads(self, s, **kwargs):
        return load_json(s)


class Request(FlaskRequest):
    def on_json_loading_failed(self, e: ValueError | None):
        if e is None:  # not a JSON content type
            return super().on_json_loading_failed(e)
        raise InvalidJSON(f"The body is not valid JSON: {e}")


# --- schemas ----------------------------------------------------------------------

# PostgreSQL's ``integer``: the widest range any Integer field accepts.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _bound_integers(field: ma.fields.Field) -> None:
    """Give every Integer (also inside List/Dict/Tuple) PostgreSQL's integer range,
    unless a Range validator already bounds it tighter."""
    if isinstance(field, ma.fields.Integer) and not any(
        isinstance(v, ma.validate.Range)
        and v.min is not None
        and v.max is not None
        and INT_MIN <= v.min
        and v.max <= INT_MAX
        for v in field.validators
    ):
        field.validators = [*field.validators, ma.validate.Range(INT_MIN, INT_MAX)]
    inner = [getattr(field, "inner", None), getattr(field, "value_field", None)]
    inner += list(getattr(field, "tuple_fields", None) or ())
    for child in inner:
        if child is not None:
            _bound_integers(child)


class Schema(ma.Schema):
    """Base schema: unknown fields are rejected, never silently dropped; text
    PostgreSQL cannot store (NUL, lone surrogates) and integers beyond its
    ``integer`` range are a 400, never a 500."""

    class Meta:
        unknown = ma.RAISE

    def on_bind_field(self, field_name, field_obj):
        _bound_integers(field_obj)

    @ma.pre_load
    def _reject_unstorable_text(self, data, **kwargs):
        if hasattr(data, "items"):
            bad = {
                name: [UNSTORABLE] for name, value in data.items() if _unstorable(value)
            }
            if bad:
                raise ma.ValidationError(bad)
        return data


UNSTORABLE = "contains characters that cannot be stored (NUL or a lone surrogate)"


def _unstorable(value) -> bool:
    if isinstance(value, str):
        if "\x00" in value:
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list | tuple):
        return any(_unstorable(v) for v in value)
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    return False


class ErrorSchema(Schema):
    error = ma.fields.String(required=True, metadata={"description": "What went wrong"})
    code = ma.fields.String(
        required=True,
        metadata={
            "description": "Stable machine-readable code (branch on this, never on "
            "the message)"
        },
    )
    details = ma.fields.Raw(
        metadata={"description": "Field errors, required scope, conflicting slot..."}
    )

    EXAMPLE = {
        "error": "end_time: must be after start_time",
        "code": "validation_error",
        "details": {"end_time": ["must be after start_time"]},
    }


# --- the OpenAPI document: examples ---------------------------------------------------


class ExamplePlugin(BasePlugin):
    """A schema's ``EXAMPLE`` class attribute becomes its component's ``example``.

    Only an ``EXAMPLE`` the class defines itself counts, never an inherited one: a
    subclass adds or drops fields, so its parent's example may not fit it.
    """

    def schema_helper(self, name, definition, **kwargs) -> dict | None:
        schema = kwargs.get("schema")
        if schema is None:
            return None
        example = vars(resolve_schema_cls(schema)).get("EXAMPLE")
        return None if example is None else {"example": example}


def binary_body() -> dict:
    """The schema of a non-JSON body (iCalendar, vCard), as generators take it:
    bytes."""
    return {"type": "string", "format": "binary"}


class Parser(FlaskParser):
    """Validation errors are 400; bad JSON is ``invalid_json``; non-JSON bodies 415."""

    DEFAULT_VALIDATION_STATUS = 400
    # An unknown query parameter is as likely a typo as an unknown body field
    # (``?calender_id=``): reject it rather than silently widen the result.
    DEFAULT_UNKNOWN_BY_LOCATION = {
        **FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
        "query": ma.RAISE,
    }

    def _raw_load_json(self, req):
        if req.mimetype and not _is_json_mimetype(req.mimetype):
            if req.content_length or req.get_data(cache=True):
                raise UnsupportedMediaType(
                    f"Unsupported media type {req.mimetype}: send application/json"
                )
        data = req.get_data(cache=True)
        if not data or not is_json_request(req):
            return ma.missing  # an empty body: "missing fields", not invalid JSON
        try:
            return load_json(data)
        except JSONBodyError as exc:
            raise InvalidJSON(f"The body is not valid JSON: {exc}") from None


def _is_json_mimetype(mimetype: str) -> bool:
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


def _string_keys(value):
    """marshmallow mixes int (list index) and str keys; JSON wants strings."""
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def _flatten_messages(messages) -> dict:
    """webargs nests errors by location ({"json": {...}, ...}): merge them."""
    if not isinstance(messages, dict):
        return {"_schema": messages}
    details: dict = {}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            details.update(errors)
        else:
            details[location] = errors
    return details


def _first_message(details: dict) -> str:
    for name, errors in details.items():
        while isinstance(errors, dict) and errors:
            inner_name, errors = next(iter(errors.items()))
            name = f"{name}.{inner_name}"
        text = errors[0] if isinstance(errors, list) and errors else errors
        if isinstance(text, dict | list):
            text = "invalid value"
        return text if name == "_schema" else f"{name}: {text}"
    return "The request is invalid"


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ErrorSchema

    def init_app(self, app, *, spec_kwargs=None):
        app.json = JSONProvider(app)
        app.request_class = Request
        spec_kwargs = dict(spec_kwargs or {})
        spec_kwargs.setdefault("extra_plugins", []).extend(
            [IdempotencyDocPlugin(), ExamplePlugin()]
        )
        super().init_app(app, spec_kwargs=spec_kwargs)
        for name, scheme in SECURITY_SCHEMES.items():
            self.spec.components.security_scheme(name, scheme)
        self.ma_plugin.converter.add_attribute_function(_either2property)
        app.register_error_handler(AppError, self.handle_app_error)
        app.register_error_handler(Exception, self.handle_unexpected_error)

    def register_blueprint(self, blp, **options):
        super().register_blueprint(blp, **options)
        # A blueprint's modules may define errors of their own: list them too.
        code = self.spec.components.schemas["Error"]["properties"]["code"]
        code["enum"] = error_codes()

    def handle_http_exception(self, error: HTTPException):
        status = error.code or 500
        data = getattr(error, "data", None) or {}
        headers = dict(data.get("headers") or {})
        if status == 429:
            # Retry-After and RateLimit-* are added by flask-limiter after the handler.
            description = getattr(error, "description", None)
            body = error_body(429, f"Too many requests: limit {description}")
        elif "messages" in data or "errors" in data:
            details = _string_keys(
                _flatten_messages(data.get("errors") or data.get("messages"))
            )
            body = error_body(status, _first_message(details), details)
        else:
            body = error_body(status)
        if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        return body, status, headers

    def handle_app_error(self, error: AppError):
        return error.to_dict(), error.status, error.headers

    def handle_unexpected_error(self, error: Exception):
        if isinstance(error, HTTPException):
            return self.handle_http_exception(error)
        if is_database_outage(error):
            log.warning(
                "database unavailable on %s %s (request %s): %s",
                request.method,
                request.path,
                getattr(g, "request_id", "-"),
                error,
            )
            return self.handle_app_error(database_unavailable())
        log.exception(
            "unhandled error on %s %s (request %s)",
            request.method,
            request.path,
            getattr(g, "request_id", "-"),
        )
        return error_body(500), 500


# Connection refused or lost, the pool exhausted, the server shutting down: the
# request may succeed when retried. (psycopg2 reports these as OperationalError;
# a constraint violation or a bad statement is never one of these.)
_OUTAGE_ERRORS = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
)


def is_database_outage(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) is the database being unreachable."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, _OUTAGE_ERRORS):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def database_unavailable() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database is unavailable: retry after the Retry-After delay"
    )


WRITE_VIEW_METHODS = ("post", "put", "patch", "delete")


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint, with ``Idempotency-Key`` on every write.

    ``idempotency_scope`` says whose keys a write's key is among: by default the
    signed-in principal (or the client's address when anonymous); the public
    booking routes give the link and the visitor's network.
    """

    ARGUMENTS_PARSER = Parser()

    def __init__(self, *args, idempotency_scope: Scope | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.idempotency_scope = idempotency_scope or principal_scope

    def add_url_rule(self, rule, endpoint=None, view_func=None, *args, **kwargs):
        if isinstance(view_func, type) and issubclass(view_func, MethodView):
            for name in WRITE_VIEW_METHODS:
                method = getattr(view_func, name, None)
                if method is not None:
                    setattr(view_func, name, idempotent(method, self.idempotency_scope))
        elif view_func is not None:
            view_func = idempotent(view_func, self.idempotency_scope)
        return super().add_url_rule(rule, endpoint, view_func, *args, **kwargs)

    def errors(self, *statuses: int):
        """Document error responses (in the one error format) of an operation."""

        def decorator(func):
            for status in statuses:
                func = self.alt_response(status, schema=ErrorSchema)(func)
            return func

        return decorator

    def etag_get(self):
        """Document the conditional GET: ETag header, 304 on If-None-Match."""
        return self.alt_response(
            304,
            description="Not modified: If-None-Match names the current ETag",
        )

    def auth_required(self, *scopes: str, api_key: bool = True):
        """Authenticate (JWT or API key), check ``scopes``, document both.

        ``api_key=False`` limits an operation to signed-in users (managing API keys,
        deleting the account): an API key is refused with 403.
        """
        security = [{"bearerAuth": []}]
        if api_key:
            security.append({"apiKeyAuth": list(scopes)})
        extra = {"x-required-scopes": list(scopes)}
        if not api_key:
            extra["x-api-key-allowed"] = False

        def decorator(func):
            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                principal = authenticate(allow_api_key=api_key)
                principal.require(*scopes)
                g.principal = principal
                return func(*args, **kwargs)

            wrapper = self.doc(security=security, **extra)(wrapper)
            return self.errors(401, 403)(wrapper)

        return decorator


def current_principal():
    """The principal ``auth_required`` put on this request."""
    return g.principal


class PageArgsSchema(Schema):
    limit = ma.fields.Integer(
        load_default=50,
        validate=ma.validate.Range(min=1, max=200),
        metadata={"description": "Page size, 1-200 (default 50)"},
    )
    cursor = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(max=2048),
        metadata={"description": "Opaque cursor from the previous page's next_cursor"},
    )


class Either(ma.fields.Field):
    """A list item of one of two shapes, documented as ``oneOf``: ``deleted`` for
    a dict whose status is "deleted" (a sync result's stub), else ``item``."""

    def __init__(self, item: type[ma.Schema], deleted: type[ma.Schema], **kwargs):
        super().__init__(**kwargs)
        self.item, self.deleted = item(), deleted()

    def _serialize(self, value, attr, obj, **kwargs):
        gone = isinstance(value, dict) and value.get("status") == "deleted"
        return (self.deleted if gone else self.item).dump(value)


def _either2property(self, field, **kwargs) -> dict:
    if not isinstance(field, Either):
        return {}
    return {
        "oneOf": [
            self.resolve_nested_schema(type(field.item)),
            self.resolve_nested_schema(type(field.deleted)),
        ]
    }


@functools.cache
def page_of(
    item_schema: type[ma.Schema], deleted_schema: type[ma.Schema] | None = None
) -> type[ma.Schema]:
    """The list envelope ``{items: [...], next_cursor}`` for ``item_schema``.

    With ``deleted_schema``, a list that syncs: items may be deleted stubs, and the
    last page of a full listing or of a sync carries ``next_sync_token``.
    """
    kind = "PageSchema" if deleted_schema is None else "SyncPageSchema"
    name = item_schema.__name__.removesuffix("Schema") + kind
    item = ma.fields.Nested(item_schema)
    fields = {
        "next_cursor": ma.fields.String(
            required=True,
            allow_none=True,
            metadata={"description": "Cursor of the next page; null on the last"},
        ),
    }
    if deleted_schema is not None:
        item = Either(item_schema, deleted_schema)
        fields["next_sync_token"] = ma.fields.String(
            allow_none=True,
            metadata={
                "description": "On the last page of a full listing (no window, no "
                "search) or of a sync: pass it as sync_token to get what changed "
                "since. null on other pages and other listings."
            },
        )
    fields["items"] = ma.fields.List(item, required=True)
    item_example = vars(item_schema).get("EXAMPLE")
    if item_example is not None:  # a last page of one item
        example = {"items": [item_example], "next_cursor": None}
        if deleted_schema is not None:
            example["next_sync_token"] = "eyJwIjoxMjg0fQ.k1Xc3Qz8bA0"  # noqa: S105
        fields["EXAMPLE"] = example
    return type(name, (Schema,), fields)
