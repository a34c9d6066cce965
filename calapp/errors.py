"""The one error shape: ``{"error", "code", "details"?}`` (API.md §1).

Services raise ``AppError`` subclasses; ``calapp.api.Api`` turns them, and every
werkzeug/webargs/limiter error, into that body.
"""

from __future__ import annotations

from typing import Any

# HTTP status -> the code API.md assigns to it when nothing more precise is known.
STATUS_CODES = {
    400: "validation_error",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    410: "sync_token_expired",
    412: "precondition_failed",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "idempotency_key_reused",
    429: "rate_limited",
    431: "headers_too_large",
    500: "internal_error",
    501: "not_implemented",
    503: "service_unavailable",
}

STATUS_MESSAGES = {
    400: "The request is invalid",
    401: "Authentication is required",
    403: "You may not do this",
    404: "Not found",
    405: "This method is not allowed on this path",
    406: "None of the media types in Accept can be served",
    409: "The request conflicts with the current state",
    410: "The sync token has expired: list in full again",
    412: "The resource has changed since you read it (If-Match failed)",
    413: "The request body is too large",
    414: "The request line (method, path and query) is too long",
    415: "Unsupported media type: send application/json",
    422: "This Idempotency-Key came with another request",
    429: "Too many requests: slow down and retry after the Retry-After delay",
    431: "The request headers are too large",
    500: "Internal server error",
    501: "Not implemented",
    503: "Service unavailable",
}


class AppError(Exception):
    """An error with an HTTP status, a stable machine code and a message."""

    status = 500
    code = "internal_error"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or STATUS_MESSAGES.get(self.status, "Error")
        if code:
            self.code = code
        self.details = details
        self.headers = headers or {}
        super().__init__(self.message)

    def to_dict(self) -> dict:
        body = {"error": self.message, "code": self.code}
        if self.details is not None:
            body["details"] = self.details
        return body


class ValidationError(AppError):
    status, code = 400, "validation_error"

    @classmethod
    def field(cls, name: str, message: str) -> ValidationError:
        return cls(f"{name}: {message}", details={name: [message]})


class InvalidJSON(AppError):
    status, code = 400, "invalid_json"


class Unauthorized(AppError):
    status, code = 401, "unauthorized"


class TokenExpired(Unauthorized):
    code = "token_expired"


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class InsufficientScope(Forbidden):
    code = "insufficient_scope"


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class SyncTokenExpired(AppError):
    """The sync token cannot be continued: list in full again (Google's 410)."""

    status, code = 410, "sync_token_expired"


class IdempotencyInProgress(Conflict):
    """The first request with this Idempotency-Key has not answered yet."""

    code = "idempotency_in_progress"


class IdempotencyKeyReused(AppError):
    """The Idempotency-Key came first with another method, path or body."""

    status, code = 422, "idempotency_key_reused"


class PreconditionFailed(AppError):
    status, code = 412, "precondition_failed"


class PayloadTooLarge(AppError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(AppError):
    status, code = 415, "unsupported_media_type"


# How long a client waits before retrying a 503 (the database or Redis away).
RETRY_AFTER_SECONDS = 5


class ServiceUnavailable(AppError):
    """A dependency is down: a retry may succeed, so the answer says when."""

    status, code = 503, "service_unavailable"

    def __init__(self, message: str | None = None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.headers.setdefault("Retry-After", str(RETRY_AFTER_SECONDS))


# The code of an HTTP error whose status has no code of its own in STATUS_CODES.
OTHER_STATUS_CODE = "error"


def error_body(status: int, message: str | None = None, details: Any = None) -> dict:
    """The body for a bare HTTP status, in the one format."""
    body = {
        "error": message or STATUS_MESSAGES.get(status, "Error"),
        "code": STATUS_CODES.get(status, OTHER_STATUS_CODE),
    }
    if details is not None:
        body["details"] = details
    return body


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def error_codes() -> list[str]:
    """Every ``code`` an error body can carry, sorted: the ``AppError`` hierarchy
    (the subclasses defined in every module imported so far) and the codes of
    bare HTTP statuses. The OpenAPI document lists them as the ``code`` enum once
    every blueprint is registered, so they cannot drift apart."""
    codes = {AppError.code, OTHER_STATUS_CODE, *STATUS_CODES.values()}
    codes.update(sub.code for sub in _subclasses(AppError))
    return sorted(codes)
