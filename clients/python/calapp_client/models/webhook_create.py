from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_create_events_item import WebhookCreateEventsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """
    Example:
        {'events': ['event.created', 'event.updated', 'booking.created'], 'url': 'https://example.com/hooks/calapp'}

    Attributes:
        url (str): http:// or https:// URL; private, loopback and reserved addresses are refused Example:
            https://example.com/hooks/calapp.
        events (list[WebhookCreateEventsItem] | Unset): Event types to receive (default: all)
        secret (str | Unset): Signing secret (default: generated, whsec_...)
    """

    url: str
    events: list[WebhookCreateEventsItem] | Unset = UNSET
    secret: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if events is not UNSET:
            field_dict["events"] = events
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        _events = d.pop("events", UNSET)
        events: list[WebhookCreateEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = WebhookCreateEventsItem(events_item_data)

                events.append(events_item)

        secret = d.pop("secret", UNSET)

        webhook_create = cls(
            url=url,
            events=events,
            secret=secret,
        )

        return webhook_create
