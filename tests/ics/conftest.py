"""ICS fixtures: calendars through the API, files from tests/fixtures/."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from tests.events.conftest import OMIT, Api

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    """A fixture file as stored (BOM and line endings included)."""
    folder = "vcf" if name.endswith(".vcf") else "ics"
    return (FIXTURES / folder / name).read_bytes()


BOUNDARY = "calapp-test-boundary-7d1f"


def multipart_body(data: bytes, filename: str, field: str = "file") -> bytes:
    """A multipart/form-data body with one file part, encoded here: the test
    client's own encoder spools large bodies to a temporary file it never closes."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
    )
    return head.encode() + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def upload(client, path, headers, data: bytes, multipart: bool, params: dict):
    """POST a file as multipart (field ``file``) or as the raw body."""
    if multipart:
        body = multipart_body(data, "upload" + Path(path).suffix)
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
    else:
        body = data
        content_type = "text/vcard" if "contacts" in path else "text/calendar"
    return client.post(
        path, query_string=params, data=body, content_type=content_type, headers=headers
    )


class Ics:
    """Import and export through the HTTP API."""

    def __init__(self, client):
        self.client = client

    def import_(self, headers, data: bytes, *, multipart=True, **params):
        return upload(
            self.client, "/calendars/import", headers, data, multipart, params
        )

    def imported(self, headers, data: bytes, status=None, **params) -> dict:
        r = self.import_(headers, data, **params)
        expected = status or (200 if "calendar_id" in params else 201)
        assert r.status_code == expected, r.get_json()
        return r.get_json()

    def export(self, headers, calendar_id, **kwargs):
        return self.client.get(
            f"/calendars/{calendar_id}/export.ics", headers=headers, **kwargs
        )

    def exported(self, headers, calendar_id) -> bytes:
        r = self.export(headers, calendar_id)
        assert r.status_code == 200, r.get_json()
        assert r.mimetype == "text/calendar"
        return r.get_data()

    def occurrences(self, headers, calendar_id, start, end) -> list[dict]:
        """Every occurrence in [start, end), all pages."""
        items, cursor = [], None
        while True:
            params = {"calendar_id": calendar_id, "start": start, "end": end}
            params["limit"] = 200
            if cursor:
                params["cursor"] = cursor
            r = self.client.get("/events", query_string=params, headers=headers)
            assert r.status_code == 200, r.get_json()
            page = r.get_json()
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def events(self, headers, calendar_id) -> list[dict]:
        """Stored events (series once, exceptions included), all pages."""
        items, cursor = [], None
        while True:
            params = {"calendar_id": calendar_id, "limit": 200}
            if cursor:
                params["cursor"] = cursor
            r = self.client.get("/events", query_string=params, headers=headers)
            assert r.status_code == 200, r.get_json()
            page = r.get_json()
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items


def by_uid(events: list[dict]) -> dict[str, dict]:
    """Stored events by UID; exceptions under ``uid@slot``."""
    out = {}
    for e in events:
        key = e["ical_uid"]
        if e["original_start_time"]:
            key += "@" + e["original_start_time"]
        out[key] = e
    return out


def repaired_for(report: dict, uid) -> list[str]:
    return [r["what"] for r in report["repaired"] if r["uid"] == uid]


def event(uid: str, *lines: str, start="20260601T090000Z", end="20260601T100000Z"):
    body = [f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"DTSTART:{start}"]
    if end:
        body.append(f"DTEND:{end}")
    return "\r\n".join(["BEGIN:VEVENT", *body, *lines, "END:VEVENT"])


def calendar_file(*events: str, header: tuple = ()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *header]
    return ("\r\n".join([*lines, *events, "END:VCALENDAR"]) + "\r\n").encode()


def parse(data: bytes) -> icalendar.Calendar:
    """Every export is parsed back with icalendar: it must be valid RFC 5545."""
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert not getattr(component, "errors", None), component.errors
    return calendar


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def ics(client):
    return Ics(client)


@pytest.fixture
def calendar(api, headers):
    return api.calendar(headers, name="Work", timezone="Europe/Berlin")


@pytest.fixture
def sample(api, client, headers, calendar, make_user):
    """A calendar holding one of each kind of event, through the API."""
    cid = calendar["id"]
    make_user(email="grace@example.com")
    meeting = api.event(
        headers,
        cid,
        title="Planning, Q3; all hands",
        description="Line one\nLine two with a long text " + "é" * 80,
        location="Room 1",
        start_time="2026-03-02T09:00:00Z",
        end_time="2026-03-02T10:30:00Z",
        status="tentative",
        transparency="free",
        tags=["work", "a,b"],
        attachments=[
            {
                "name": "Agenda.pdf",
                "url": "https://files.example.com/agenda.pdf",
                "mime_type": "application/pdf",
                "size": 1234,
            }
        ],
        reminders=[15, 1440],
        attendees=[
            {"email": "grace@example.com", "name": "Grace"},
            {"email": "x@y.org"},
        ],
    )
    holiday = api.event(
        headers, cid, title="Holiday", start_time="2026-05-01", end_time=OMIT
    )
    weekly = api.event(
        headers,
        cid,
        title="Weekly",
        timezone="America/New_York",
        start_time="2026-01-05T15:00:00Z",
        end_time="2026-01-05T16:00:00Z",
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO;COUNT=10",
        exdates=["2026-01-12T15:00:00Z"],
        rdates=["2026-01-21T20:00:00Z"],
    )
    moved = client.put(
        f"/events/{weekly['id']}/instances/2026-01-19T15:00:00Z",
        json={
            "title": "Weekly (moved)",
            "start_time": "2026-01-20T15:00:00Z",
            "end_time": "2026-01-20T16:00:00Z",
        },
        headers=headers,
    )
    assert moved.status_code == 200, moved.get_json()
    cancelled = client.delete(
        f"/events/{weekly['id']}/instances/2026-01-26T15:00:00Z", headers=headers
    )
    assert cancelled.status_code == 204
    utc = api.event(
        headers,
        cid,
        title="In UTC",
        timezone="UTC",
        start_time="2026-02-01T12:00:00Z",
        end_time="2026-02-01T13:00:00Z",
    )
    tokyo = api.event(
        headers,
        cid,
        title="Tokyo day",
        timezone="Asia/Tokyo",
        start_time="2026-07-01",
        end_time="2026-07-03",
    )
    until_date = api.event(
        headers,
        cid,
        title="Until a date",
        start_time="2026-02-02T07:00:00Z",
        end_time="2026-02-02T07:30:00Z",
        recurrence_rule="FREQ=DAILY;UNTIL=20260210",
    )
    monthly = api.event(
        headers,
        cid,
        title="Rent",
        start_time="2026-01-31",
        end_time=OMIT,
        recurrence_rule="FREQ=MONTHLY;BYMONTHDAY=-1",
        exdates=["2026-04-30"],
    )
    early = client.put(
        f"/events/{monthly['id']}/instances/2026-02-27T23:00:00Z",
        json={
            "title": "Rent (early)",
            "start_time": "2026-02-26",
            "end_time": "2026-02-27",
        },
        headers=headers,
    )
    assert early.status_code == 200, early.get_json()
    return {
        "meeting": meeting,
        "holiday": holiday,
        "weekly": weekly,
        "utc": utc,
        "tokyo": tokyo,
        "until_date": until_date,
        "monthly": monthly,
    }
