from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attempt_outcome import AttemptOutcome

T = TypeVar("T", bound="Attempt")


@_attrs_define
class Attempt:
    """
    Attributes:
        duration_ms (int | None):
        error (None | str):
        number (int):
        outcome (AttemptOutcome):
        response_excerpt (None | str):
        started_at (datetime.datetime):
        status_code (int | None):
    """

    duration_ms: int | None
    error: None | str
    number: int
    outcome: AttemptOutcome
    response_excerpt: None | str
    started_at: datetime.datetime
    status_code: int | None

    def to_dict(self) -> dict[str, Any]:
        duration_ms: int | None
        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        number = self.number

        outcome = self.outcome.value

        response_excerpt: None | str
        response_excerpt = self.response_excerpt

        started_at = self.started_at.isoformat()

        status_code: int | None
        status_code = self.status_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_ms": duration_ms,
                "error": error,
                "number": number,
                "outcome": outcome,
                "response_excerpt": response_excerpt,
                "started_at": started_at,
                "status_code": status_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        number = d.pop("number")

        outcome = AttemptOutcome(d.pop("outcome"))

        def _parse_response_excerpt(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_excerpt = _parse_response_excerpt(d.pop("response_excerpt"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        attempt = cls(
            duration_ms=duration_ms,
            error=error,
            number=number,
            outcome=outcome,
            response_excerpt=response_excerpt,
            started_at=started_at,
            status_code=status_code,
        )

        return attempt
