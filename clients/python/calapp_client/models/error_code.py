from enum import StrEnum


class ErrorCode(StrEnum):
    CONFLICT = "conflict"
    ERROR = "error"
    FORBIDDEN = "forbidden"
    HEADERS_TOO_LARGE = "headers_too_large"
    IDEMPOTENCY_IN_PROGRESS = "idempotency_in_progress"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    INSUFFICIENT_SCOPE = "insufficient_scope"
    INTERNAL_ERROR = "internal_error"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_JSON = "invalid_json"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    MISDIRECTED_REQUEST = "misdirected_request"
    NOT_ACCEPTABLE = "not_acceptable"
    NOT_FOUND = "not_found"
    NOT_IMPLEMENTED = "not_implemented"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    PRECONDITION_FAILED = "precondition_failed"
    RATE_LIMITED = "rate_limited"
    SERVICE_UNAVAILABLE = "service_unavailable"
    SLOT_UNAVAILABLE = "slot_unavailable"
    SYNC_TOKEN_EXPIRED = "sync_token_expired"
    TOKEN_EXPIRED = "token_expired"
    UNAUTHORIZED = "unauthorized"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    URI_TOO_LONG = "uri_too_long"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)
