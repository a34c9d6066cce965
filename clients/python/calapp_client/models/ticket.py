from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Ticket")


@_attrs_define
class Ticket:
    """
    Example:
        {'expires_in': 60, 'ticket': 'tk_9fQ2vL7xW3kR8mN1'}

    Attributes:
        expires_in (int): Seconds left to use it
        ticket (str): Pass as ?ticket= to /stream or /ws; single use
    """

    expires_in: int
    ticket: str

    def to_dict(self) -> dict[str, Any]:
        expires_in = self.expires_in

        ticket = self.ticket

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expires_in": expires_in,
                "ticket": ticket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_in = d.pop("expires_in")

        ticket = d.pop("ticket")

        ticket = cls(
            expires_in=expires_in,
            ticket=ticket,
        )

        return ticket
