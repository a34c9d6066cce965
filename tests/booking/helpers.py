"""Helpers of the booking tests: a fixed Monday, times, and a client wrapper."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
NINE_TO_FIVE = {day: [{"start": "09:00", "end": "17:00"}] for day in WEEKDAYS}
MONDAY = datetime(2027, 3, 1, tzinfo=UTC)  # a Monday; no DST change that week


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def at(day: datetime, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return day.replace(hour=hour, minute=minute)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


class Booker:
    """Helpers over the test client; they assert the expected status."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = headers

    def calendar(self, **fields) -> dict:
        r = self.client.post(
            "/calendars", json={"name": "Work", **fields}, headers=self.headers
        )
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    def link(self, calendar_id, status=200, headers=None, **fields) -> dict:
        body = {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": NINE_TO_FIVE,
            "min_notice_minutes": 0,
            "max_days_ahead": 365,
            **fields,
        }
        r = self.client.post(
            f"/calendars/{calendar_id}/booking-link",
            json=body,
            headers=headers or self.headers,
        )
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def slots(self, token, start, end) -> list[tuple[str, str]]:
        r = self.client.get(
            f"/booking/{token}/availability",
            query_string={"start": iso(start), "end": iso(end)},
        )
        assert r.status_code == 200, r.get_json()
        return [(s["start"], s["end"]) for s in r.get_json()["slots"]]

    def starts(self, token, start, end) -> list[str]:
        return [s for s, _ in self.slots(token, start, end)]

    def reserve(self, token, start, minutes=30, status=200, **fields):
        body = {
            "name": "Vera Visitor",
            "email": "vera@example.com",
            "slot_start": iso(start),
            "slot_end": iso(start + timedelta(minutes=minutes)),
            **fields,
        }
        r = self.client.post(f"/booking/{token}/reserve", json=body)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def hold(self, token, start, minutes=30, status=201, email="hal@example.com"):
        body = {
            "slot_start": iso(start),
            "slot_end": iso(start + timedelta(minutes=minutes)),
            "email": email,
        }
        r = self.client.post(f"/booking/{token}/holds", json=body)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def event(self, calendar_id, start, end, **fields) -> dict:
        body = {
            "calendar_id": calendar_id,
            "title": "Busy",
            "start_time": iso(start),
            "end_time": iso(end),
            **fields,
        }
        r = self.client.post("/events", json=body, headers=self.headers)
        assert r.status_code == 201, r.get_json()
        return r.get_json()


def day_range(day: datetime, days: int = 1):
    return day, day + timedelta(days=days)
