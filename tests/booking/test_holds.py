"""Hold limits: no one can empty a booking link with holds under made-up emails."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calapp.booking import holds
from tests.booking.helpers import MONDAY, at, day_range, iso

SLOTS_PER_DAY = 16  # 09:00-17:00, 30 minutes


def hold(client, token, start, email, ip="198.51.100.7"):
    return client.post(
        f"/booking/{token}/holds",
        json={
            "slot_start": iso(start),
            "slot_end": iso(start + timedelta(minutes=30)),
            "email": email,
        },
        environ_base={"REMOTE_ADDR": ip},
    )


def day(n: int):
    return MONDAY + timedelta(days=n)


def test_one_client_holds_at_most_three_slots_of_a_link(client, link, clock):
    statuses = [
        hold(client, link["token"], at(day(n), "10:00"), f"fake{n}@example.com")
        for n in range(3)
    ]
    refused = hold(client, link["token"], at(day(3), "10:00"), "fake3@example.com")
    assert [r.status_code for r in statuses] == [201, 201, 201]
    assert refused.status_code == 429
    body = refused.get_json()
    assert body["code"] == "rate_limited"
    assert body["details"]["limit"] == "holds_per_client"
    assert refused.headers["Retry-After"] == "300"  # the oldest hold's 5 minutes


def test_retry_after_is_when_the_oldest_hold_expires(client, link, clock):
    hold(client, link["token"], at(day(0), "10:00"), "a@example.com")
    clock.advance(minutes=2)
    hold(client, link["token"], at(day(1), "10:00"), "b@example.com")
    hold(client, link["token"], at(day(2), "10:00"), "c@example.com")
    refused = hold(client, link["token"], at(day(3), "10:00"), "d@example.com")
    assert refused.headers["Retry-After"] == "180"
    clock.advance(minutes=3)
    again = hold(client, link["token"], at(day(3), "10:00"), "d@example.com")
    assert again.status_code == 201


def test_other_clients_and_reservations_are_not_held_back(booker, client, link, clock):
    for n in range(3):
        hold(client, link["token"], at(day(n), "10:00"), f"fake{n}@example.com")
    other = hold(client, link["token"], at(day(3), "10:00"), "a@example.com", "::1")
    assert other.status_code == 201
    # The refused slot can still be booked outright.
    booker.reserve(link["token"], at(day(4), "10:00"))


def test_addresses_of_one_ipv6_64_count_as_one_client(client, link, clock):
    for n in range(3):
        r = hold(
            client, link["token"], at(day(n), "10:00"), f"f{n}@x.org", f"2001:db8::{n}"
        )
        assert r.status_code == 201
    same_64 = hold(
        client, link["token"], at(day(3), "10:00"), "f3@x.org", "2001:db8::ab:cd"
    )
    next_64 = hold(
        client, link["token"], at(day(3), "11:00"), "f4@x.org", "2001:db8:0:1::1"
    )
    assert (same_64.status_code, next_64.status_code) == (429, 201)


def test_a_link_keeps_three_quarters_of_every_day_open(booker, client, link, clock):
    """The report's attack: a hold on every slot, each from its own address and
    made-up email. A quarter of each day's slots (4 of 16) can be held at once."""
    token = link["token"]
    monday = booker.slots(token, *day_range(MONDAY))
    assert len(monday) == SLOTS_PER_DAY
    results = []
    for n, (start, _) in enumerate(monday * 7):  # 112 attempts
        r = client.post(
            f"/booking/{token}/holds",
            json={
                "slot_start": start,
                "slot_end": monday[n % 16][1],
                "email": f"{n}@example.com",
            },
            environ_base={"REMOTE_ADDR": f"203.0.113.{n % 250}"},
        )
        results.append((r.status_code, (r.get_json() or {}).get("details", {})))
    assert sum(status == 201 for status, _ in results) == 4
    limits = {d.get("limit") for status, d in results if status == 429}
    assert limits == {"holds_per_link_day"}
    assert len(booker.slots(token, *day_range(MONDAY))) == SLOTS_PER_DAY - 4
    assert len(booker.slots(token, *day_range(day(1)))) == SLOTS_PER_DAY


def test_a_day_with_one_open_slot_can_still_be_held(booker, client, calendar, clock):
    link = booker.link(
        calendar["id"], working_hours={"mon": [{"start": "09:00", "end": "09:30"}]}
    )
    r = hold(client, link["token"], at(MONDAY, "09:00"), "only@example.com")
    assert r.status_code == 201


def test_an_email_holds_one_slot_per_link(booker, client, link, clock):
    first = hold(client, link["token"], at(MONDAY, "10:00"), "vera@example.com")
    second = hold(client, link["token"], at(MONDAY, "11:00"), "vera@example.com")
    assert (first.status_code, second.status_code) == (201, 201)
    starts = booker.starts(link["token"], *day_range(MONDAY))
    assert "2027-03-01T10:00:00Z" in starts  # released: a changed pick
    assert "2027-03-01T11:00:00Z" not in starts


def test_the_share_is_configurable(app, client, link, clock, monkeypatch):
    monkeypatch.setitem(app.config, "BOOKING_HOLD_SHARE_PERCENT", 100)
    monkeypatch.setitem(app.config, "BOOKING_MAX_HOLDS_PER_CLIENT", 20)
    for n in range(SLOTS_PER_DAY):
        start = MONDAY.replace(hour=9) + timedelta(minutes=30 * n)
        assert hold(client, link["token"], start, f"{n}@x.org").status_code == 201


@pytest.mark.parametrize(
    "address, same",
    [
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),
    ],
)
def test_client_key_groups_one_network(address, same):
    assert holds.client_key(address, "k") == holds.client_key(same, "k")
    assert holds.client_key(address, "k") != holds.client_key(address, "other key")
    assert holds.client_key(address, "k") != holds.client_key("192.0.2.2", "k")
