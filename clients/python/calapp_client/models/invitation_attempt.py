from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.invitation_attempt_outcome import InvitationAttemptOutcome

T = TypeVar("T", bound="InvitationAttempt")


@_attrs_define
class InvitationAttempt:
    """
    Attributes:
        duration_ms (int | None):
        error (None | str): The SMTP error of this try
        number (int):
        outcome (InvitationAttemptOutcome): retry: failed, tried again later
        started_at (datetime.datetime):
    """

    duration_ms: int | None
    error: None | str
    number: int
    outcome: InvitationAttemptOutcome
    started_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        duration_ms: int | None
        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        number = self.number

        outcome = self.outcome.value

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_ms": duration_ms,
                "error": error,
                "number": number,
                "outcome": outcome,
                "started_at": started_at,
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

        outcome = InvitationAttemptOutcome(d.pop("outcome"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        invitation_attempt = cls(
            duration_ms=duration_ms,
            error=error,
            number=number,
            outcome=outcome,
            started_at=started_at,
        )

        return invitation_attempt
