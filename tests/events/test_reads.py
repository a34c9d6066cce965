"""Lists read rows, not entities: every list item is what reading it alone gives."""

from __future__ import annotations

import pytest

WEEK = {"start": "2026-03-02T00:00:00Z", "end": "2026-03-09T00:00:00Z"}


@pytest.fixture
def varied(api, client, headers, calendar):
    """A single event with children, an all-day series in Berlin with an EXDATE,
    and a timed series with a moved occurrence."""
    single = api.event(
        headers,
        calendar["id"],
        title="Review ü",
        description="agenda",
        location="Room 1",
        tags=["b", "a"],
        reminders=[30, 10],
        attachments=[{"name": "notes", "url": "https://example.com/n.pdf"}],
    )
    for email in ("zoe@example.com", "adam@example.com"):
        r = client.post(
            f"/events/{single['id']}/attendees", json={"email": email}, headers=headers
        )
        assert r.status_code == 201, r.get_json()
    all_day = api.event(
        headers,
        calendar["id"],
        start_time="2026-03-01",
        end_time="2026-03-03",
        timezone="Europe/Berlin",
        recurrence_rule="FREQ=DAILY;INTERVAL=2",
        exdates=["2026-03-05"],
        reminders=[60],
    )
    timed = api.event(
        headers,
        calendar["id"],
        start_time="2026-03-02T07:00:00Z",
        end_time="2026-03-02T07:30:00Z",
        recurrence_rule="FREQ=DAILY;COUNT=5",
    )
    r = client.put(
        f"/events/{timed['id']}/instances/2026-03-04T07:00:00Z",
        json={"start_time": "2026-03-04T12:00:00Z", "end_time": "2026-03-04T13:00:00Z"},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    return single, all_day, timed


def _alone(client, headers, item: dict) -> dict:
    """The item as ``GET /events/{id}`` or ``.../instances/{slot}`` reads it."""
    if item["series_id"] == item["id"]:
        url = f"/events/{item['id']}/instances/{item['original_start_time']}"
    else:
        url = f"/events/{item['id']}"
    r = client.get(url, headers=headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


@pytest.mark.parametrize("window", [WEEK, {}], ids=["window", "no window"])
def test_each_list_item_equals_the_item_read_alone(client, headers, varied, window):
    r = client.get("/events", query_string={**window, "limit": 200}, headers=headers)

    items = r.get_json()["items"]
    assert len(items) >= 3
    for item in items:
        assert item == _alone(client, headers, item)


def test_each_instance_equals_the_instance_read_alone(client, headers, varied):
    _, all_day, _ = varied

    r = client.get(
        f"/events/{all_day['id']}/instances", query_string=WEEK, headers=headers
    )

    items = r.get_json()["items"]
    assert [i["start_date"] for i in items] == [
        "2026-03-01",
        "2026-03-03",
        "2026-03-07",
        "2026-03-09",  # midnight in Berlin is 23:00 UTC on the 8th
    ]
    for item in items:
        assert item == _alone(client, headers, item)
