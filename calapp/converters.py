"""Path converters: a malformed id is a 400 ``validation_error``, not a 404."""

import uuid

from werkzeug.exceptions import BadRequest
from werkzeug.routing import BaseConverter


class MalformedId(BadRequest):
    def __init__(self, value: str) -> None:
        super().__init__()
        self.data = {"messages": {"path": {"id": [f"{value[:60]!r} is not a UUID"]}}}


class StrictUUIDConverter(BaseConverter):
    """Matches any path segment; anything but a UUID is rejected with a 400."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> uuid.UUID:
        try:
            return uuid.UUID(value)
        except ValueError as exc:
            raise MalformedId(value) from exc

    def to_url(self, value) -> str:
        return str(value)


def uuid_param_schema(converter) -> dict:
    return {"type": "string", "format": "uuid"}
