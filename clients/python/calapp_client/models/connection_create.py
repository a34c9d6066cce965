from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.connection_create_kind import ConnectionCreateKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionCreate")


@_attrs_define
class ConnectionCreate:
    """
    Example:
        {'kind': 'caldav', 'name': 'iCloud', 'password': 'abcd-efgh-ijkl-mnop', 'url': 'https://caldav.icloud.com/',
            'username': 'ada@icloud.com'}

    Attributes:
        kind (ConnectionCreateKind): caldav: an account; ics: a feed (subscription)
        email (str | Unset): caldav without url: the server is found from the email's domain (RFC 6764 well-known URL)
        is_busy (bool | Unset): Whether its calendars count as busy (default true) Default: True.
        name (str | Unset):
        password (str | Unset): An app password (iCloud, Fastmail, Google): stored encrypted, never returned
        sync_interval_minutes (int | Unset):
        url (str | Unset): caldav: the server (its root is enough: /.well-known/caldav is asked) or a calendar's URL;
            ics: the feed's https:// or webcal:// URL. Private and loopback addresses are refused unless the server allows
            them (CONNECTIONS_ALLOW_PRIVATE_TARGETS)
        username (str | Unset):
    """

    kind: ConnectionCreateKind
    email: str | Unset = UNSET
    is_busy: bool | Unset = True
    name: str | Unset = UNSET
    password: str | Unset = UNSET
    sync_interval_minutes: int | Unset = UNSET
    url: str | Unset = UNSET
    username: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        email = self.email

        is_busy = self.is_busy

        name = self.name

        password = self.password

        sync_interval_minutes = self.sync_interval_minutes

        url = self.url

        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if is_busy is not UNSET:
            field_dict["is_busy"] = is_busy
        if name is not UNSET:
            field_dict["name"] = name
        if password is not UNSET:
            field_dict["password"] = password
        if sync_interval_minutes is not UNSET:
            field_dict["sync_interval_minutes"] = sync_interval_minutes
        if url is not UNSET:
            field_dict["url"] = url
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ConnectionCreateKind(d.pop("kind"))

        email = d.pop("email", UNSET)

        is_busy = d.pop("is_busy", UNSET)

        name = d.pop("name", UNSET)

        password = d.pop("password", UNSET)

        sync_interval_minutes = d.pop("sync_interval_minutes", UNSET)

        url = d.pop("url", UNSET)

        username = d.pop("username", UNSET)

        connection_create = cls(
            kind=kind,
            email=email,
            is_busy=is_busy,
            name=name,
            password=password,
            sync_interval_minutes=sync_interval_minutes,
            url=url,
            username=username,
        )

        return connection_create
