from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.webhook_booking import WebhookBooking


T = TypeVar("T", bound="BookingData")


@_attrs_define
class BookingData:
    """
    Attributes:
        booking (WebhookBooking):
    """

    booking: WebhookBooking

    def to_dict(self) -> dict[str, Any]:
        booking = self.booking.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "booking": booking,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_booking import WebhookBooking  # noqa: PLC0415

        d = dict(src_dict)
        booking = WebhookBooking.from_dict(d.pop("booking"))

        booking_data = cls(
            booking=booking,
        )

        return booking_data
