"""POST/DELETE /events/{id}/reminders."""

from __future__ import annotations

import uuid

import pytest


def _add(client, headers, event, value):
    return client.post(
        f"/events/{event['id']}/reminders",
        json={"minutes_before": value},
        headers=headers,
    )


def _minutes(body) -> list[int]:
    return [r["minutes_before"] for r in body["items"]]


def test_add_one_reminder(client, headers, make_event):
    r = _add(client, headers, make_event(), 10)
    assert r.status_code == 201
    body = r.get_json()
    assert _minutes(body) == [10]
    uuid.UUID(body["items"][0]["id"])


def test_add_a_list_returns_every_reminder(client, headers, make_event):
    event = make_event(reminders=[30])
    r = _add(client, headers, event, [60, 10])
    assert _minutes(r.get_json()) == [10, 30, 60]


def test_adding_an_existing_value_is_idempotent(client, headers, make_event):
    event = make_event(reminders=[10])
    first = client.get(f"/events/{event['id']}", headers=headers).get_json()
    r = _add(client, headers, event, [10, 10])
    assert r.status_code == 201
    assert r.get_json()["items"] == first["reminders"]


def test_reminders_show_on_the_event(client, headers, make_event):
    event = make_event()
    _add(client, headers, event, 15)
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert [r["minutes_before"] for r in body["reminders"]] == [15]


def test_bounds_are_accepted(client, headers, make_event):
    assert _minutes(_add(client, headers, make_event(), [0, 40_320]).get_json()) == [
        0,
        40_320,
    ]


@pytest.mark.parametrize(
    "value",
    [-1, 40_321, 10**40, 1.5, "10", True, None, [], [1] * 11, [10, -5], {"a": 1}],
)
def test_invalid_minutes_are_400(client, headers, make_event, value):
    r = _add(client, headers, make_event(), value)
    assert r.status_code == 400
    assert "minutes_before" in r.get_json()["details"]


def test_more_than_ten_per_event_is_400(client, headers, make_event):
    event = make_event(reminders=list(range(9)))
    r = _add(client, headers, event, [100, 200])
    assert r.status_code == 400
    assert "at most 10" in r.get_json()["error"]
    assert _add(client, headers, event, 100).status_code == 201


def test_an_eleventh_duplicate_is_still_idempotent(client, headers, make_event):
    event = make_event(reminders=list(range(10)))
    assert _add(client, headers, event, 5).status_code == 201


def test_delete_a_reminder(client, headers, make_event):
    event = make_event(reminders=[10, 20])
    reminder = event["reminders"][0]
    r = client.delete(
        f"/events/{event['id']}/reminders/{reminder['id']}", headers=headers
    )
    assert r.status_code == 204
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert [r["minutes_before"] for r in body["reminders"]] == [20]


def test_delete_unknown_reminder_is_404(client, headers, make_event):
    event = make_event()
    r = client.delete(
        f"/events/{event['id']}/reminders/{uuid.uuid4()}", headers=headers
    )
    assert r.status_code == 404


def test_delete_a_reminder_of_another_event_is_404(client, headers, make_event):
    one, other = make_event(reminders=[10]), make_event()
    r = client.delete(
        f"/events/{other['id']}/reminders/{one['reminders'][0]['id']}", headers=headers
    )
    assert r.status_code == 404


def test_deleting_twice_is_404(client, headers, make_event):
    event = make_event(reminders=[10])
    url = f"/events/{event['id']}/reminders/{event['reminders'][0]['id']}"
    client.delete(url, headers=headers)
    assert client.delete(url, headers=headers).status_code == 404


def test_reminders_of_a_deleted_event_are_404(client, headers, make_event):
    event = make_event(reminders=[10])
    client.delete(f"/events/{event['id']}", headers=headers)
    assert _add(client, headers, event, 5).status_code == 404


def test_unknown_body_field_is_400(client, headers, make_event):
    r = client.post(
        f"/events/{make_event()['id']}/reminders",
        json={"minutes_before": 5, "method": "email"},
        headers=headers,
    )
    assert r.status_code == 400
