"""REST <-> DAV round trips over the hand-written fixtures in tests/fixtures/ics/:
one store, two faces.

- a fixture PUT over CalDAV, one object per UID as clients send it, reads back
  through REST as the ICS import of the same file stores it (same events, same
  occurrences);
- a fixture imported through REST, read over CalDAV and PUT into another
  calendar, gives the same events and occurrences again;
- a REST edit shows in the next DAV GET (new bytes, new ETag), and a DAV PUT of
  that object shows in REST.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import quote

import pytest

import calapp.schedules.models  # noqa: F401 - booking links refer to it by name
from tests.dav.test_protocol import D, responses, xml
from tests.ics.conftest import FIXTURES as FIXTURES_DIR
from tests.ics.conftest import Ics, fixture_bytes
from tests.ics.test_roundtrip import contents, occurrences

OBJECT = re.compile(rb"BEGIN:VEVENT\r?\n.*?END:VEVENT\r?\n", re.S)
TIMEZONE = re.compile(rb"BEGIN:VTIMEZONE\r?\n.*?END:VTIMEZONE\r?\n", re.S)
UID = re.compile(rb"^UID:(.*?)\r?$", re.M)
# Stamps of when the server wrote a row: they differ between two calendars.
STAMPS = re.compile(rb"^(DTSTAMP|CREATED|LAST-MODIFIED):.*\r\n", re.M)


@pytest.fixture
def ics(client):
    return Ics(client)


def objects_of(data: bytes) -> dict[str, bytes]:
    """The file cut into one VCALENDAR per UID (its VEVENTs and every
    VTIMEZONE), as a CalDAV client stores it."""
    head = data[: data.index(b"BEGIN:VEVENT")]
    head = TIMEZONE.sub(b"", head)
    zones = b"".join(TIMEZONE.findall(data))
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    by_uid: dict[str, list[bytes]] = {}
    for block in OBJECT.findall(data):
        found = UID.search(block)
        uid = found.group(1).decode() if found else ""
        by_uid.setdefault(uid, []).append(block)
    return {
        uid: head + zones + b"".join(blocks) + b"END:VCALENDAR" + newline
        for uid, blocks in by_uid.items()
    }


def new_calendar(client, headers, name: str, like: str) -> str:
    """A calendar in the zone of calendar ``like`` (floating times and all-day
    events are read in it)."""
    zone = client.get(f"/calendars/{like}", headers=headers).get_json()["timezone"]
    return new_calendar_in(client, headers, zone, name)


def new_calendar_in(client, headers, zone: str, name: str = "DAV") -> str:
    response = client.post(
        "/calendars", json={"name": name, "timezone": zone}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def dav_hrefs(dav, user, calendar_id) -> list[str]:
    path = f"/dav/calendars/{user.id}/{calendar_id}/"
    listing = dav(
        "PROPFIND",
        path,
        '<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>',
        Depth="1",
    )
    return sorted(
        href
        for href, props in responses(xml(listing)).items()
        if isinstance(props, dict) and f"{D}getetag" in props
    )


def same_store(ics, headers, one: str, other: str) -> None:
    assert occurrences(ics, headers, other) == occurrences(ics, headers, one)
    assert contents(ics, headers, other) == contents(ics, headers, one)


ALL = sorted(p.name for p in (FIXTURES_DIR / "ics").glob("*.ics"))


@pytest.mark.parametrize("name", ALL)
def test_a_fixture_put_over_caldav_reads_back_through_rest_as_its_import(
    dav, ics, client, headers, user, name
):
    """Every fixture, odd ones included. A PUT stores an object whole or not
    at all: an object with a VEVENT the import skips as an error is refused
    with ``valid-calendar-data`` (the import reports that UID as an error), a
    file the import refuses is refused, and the rest is stored as the import
    stores it."""
    data = fixture_bytes(name)
    response = ics.import_(headers, data)
    if response.status_code == 400:  # not iCalendar at all
        over_dav = new_calendar_in(client, headers, "UTC")
        put = dav(
            "PUT",
            f"/dav/calendars/{user.id}/{over_dav}/file.ics",
            data,
            Content_Type="text/calendar",
        )
        assert put.status_code == 403 and b"valid-calendar-data" in put.data
        assert ics.events(headers, over_dav) == []
        return
    assert response.status_code == 201, response.get_json()
    report = response.get_json()
    imported = report["calendar_id"]
    over_dav = new_calendar(client, headers, "Over DAV", imported)
    path = f"/dav/calendars/{user.id}/{over_dav}/"
    refused = set()
    for uid, body in objects_of(data).items():
        response = dav(
            "PUT",
            path + quote(f"{uuid.uuid4()}.ics"),
            body,
            If_None_Match="*",
            Content_Type="text/calendar",
        )
        if response.status_code != 201:
            assert response.status_code == 403, response.data  # a DAV error
            assert b"valid-calendar-data" in response.data, response.data
            refused.add(uid)
    assert refused <= {error["uid"] for error in report["errors"]}
    # What the import kept of a refused object is left out of the comparison.
    for event in ics.events(headers, imported):
        if event["ical_uid"] in refused and not event["original_start_time"]:
            gone = client.delete(f"/events/{event['id']}", headers=headers)
            assert gone.status_code == 204, gone.get_json()
    same_store(ics, headers, imported, over_dav)


IMPORTABLE = [name for name in ALL if name != "binary_garbage.ics"]


@pytest.mark.parametrize("name", IMPORTABLE)
def test_a_fixture_imported_through_rest_reads_back_over_caldav(
    dav, ics, client, headers, user, name
):
    imported = ics.imported(headers, fixture_bytes(name))["calendar_id"]
    copy = new_calendar(client, headers, "Copy over DAV", imported)
    source = f"/dav/calendars/{user.id}/{imported}/"
    target = f"/dav/calendars/{user.id}/{copy}/"
    hrefs = dav_hrefs(dav, user, imported)
    assert len(hrefs) == len({e["ical_uid"] for e in ics.events(headers, imported)})
    originals = {}
    for href in hrefs:
        got = dav("GET", href)
        assert got.status_code == 200 and got.headers["ETag"]
        name_part = href[len(source) :]
        originals[name_part] = got.data
        put = dav("PUT", target + name_part, got.data, Content_Type="text/calendar")
        assert put.status_code == 201, put.data
    same_store(ics, headers, imported, copy)
    for name_part, body in originals.items():
        again = dav("GET", target + name_part).data
        assert STAMPS.sub(b"", again) == STAMPS.sub(b"", body)


@pytest.mark.parametrize("name", IMPORTABLE)
def test_a_rest_edit_shows_over_caldav_and_a_dav_edit_in_rest(
    dav, ics, client, headers, user, name
):
    calendar_id = ics.imported(headers, fixture_bytes(name))["calendar_id"]
    masters = [
        e for e in ics.events(headers, calendar_id) if not e["original_start_time"]
    ]
    if not masters:  # the import kept nothing of it: nor is there an object
        assert dav_hrefs(dav, user, calendar_id) == []
        return
    event = masters[0]
    href = next(
        h
        for h in dav_hrefs(dav, user, calendar_id)
        if h.endswith("/" + quote(event["ical_uid"] + ".ics", safe=""))
    )
    before = dav("GET", href)
    edited = client.put(
        f"/events/{event['id']}",
        json={"title": "Edited in REST", "description": "both faces"},
        headers=headers,
    )
    assert edited.status_code == 200, edited.get_json()
    after = dav("GET", href)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b"SUMMARY:Edited in REST" in after.data
    assert b"DESCRIPTION:both faces" in after.data
    body = after.data.replace(b"SUMMARY:Edited in REST", b"SUMMARY:Edited over DAV")
    put = dav(
        "PUT", href, body, Content_Type="text/calendar", If_Match=after.headers["ETag"]
    )
    assert put.status_code == 204, put.data
    got = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert got["title"] == "Edited over DAV"
    assert got["description"] == "both faces"


def test_an_invitation_to_one_occurrence_is_an_object_as_in_the_import(
    dav, client, headers, user
):
    """A RECURRENCE-ID without its series (invited to one occurrence) is stored
    as the import stores it, a single event, and stays the client's object:
    read back at its href, replaced with If-Match, deleted."""
    calendar_id = new_calendar_in(client, headers, "UTC")
    path = f"/dav/calendars/{user.id}/{calendar_id}/invite.ics"
    body = objects_of(fixture_bytes("recurrence_with_exceptions.ics"))[
        "orphan@example.com"
    ]
    assert dav("PUT", path, body, Content_Type="text/calendar").status_code == 201
    got = dav("GET", path)
    assert got.status_code == 200
    assert b"SUMMARY:The one occurrence I was invited to" in got.data
    changed = got.data.replace(b"invited to", b"invited to (moved)")
    again = dav(
        "PUT", path, changed, Content_Type="text/calendar", If_Match=got.headers["ETag"]
    )
    assert again.status_code == 204, again.data
    events = client.get(
        "/events",
        query_string={"calendar_id": calendar_id, "limit": 50},
        headers=headers,
    ).get_json()["items"]
    assert [e["title"] for e in events] == [
        "The one occurrence I was invited to (moved)"
    ]
    assert dav("DELETE", path).status_code == 204
    assert dav("GET", path).status_code == 404
