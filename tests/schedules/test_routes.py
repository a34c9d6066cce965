"""/schedules: owner-only CRUD, validation in the one error format, the
default schedule, scopes, and booking links that use a schedule."""

import pytest

from tests.schedules.conftest import EVERY_DAY, utc


def test_create_normalises_the_week_and_makes_the_first_the_default(planner):
    made = planner.schedule(
        name="Coaching",
        timezone="America/New_York",
        weekly={
            "mon": [
                {"start": "13:00", "end": "17:00"},
                {"start": "09:00", "end": "12:00"},
            ],
            "fri": [{"start": "20:00", "end": "24:00"}],
        },
    )
    assert made["name"] == "Coaching"
    assert made["timezone"] == "America/New_York"
    assert made["is_default"] is True
    assert made["weekly"] == {
        "mon": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
        "tue": [],
        "wed": [],
        "thu": [],
        "fri": [{"start": "20:00", "end": "24:00"}],
        "sat": [],
        "sun": [],
    }
    assert made["date_overrides"] == []
    second = planner.schedule(name="Evenings")
    assert second["is_default"] is False
    assert (
        planner.client.get("/users/me", headers=planner.headers).get_json()[
            "default_schedule_id"
        ]
        == made["id"]
    )


def test_overrides_come_back_sorted_by_date(planner):
    made = planner.schedule(
        date_overrides=[
            {"date": "2027-05-02", "windows": []},
            {"date": "2027-05-01", "windows": [{"start": "10:00", "end": "12:00"}]},
        ]
    )
    assert made["date_overrides"] == [
        {"date": "2027-05-01", "windows": [{"start": "10:00", "end": "12:00"}]},
        {"date": "2027-05-02", "windows": []},
    ]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (
            {"weekly": {"mon": [{"start": "09:00", "end": "12:00"},
                                {"start": "11:00", "end": "13:00"}]}},
            "weekly",
            "overlap",
        ),
        ({"weekly": {"tue": [{"start": "17:00", "end": "09:00"}]}}, "weekly",
         "must be after start"),
        ({"weekly": {"wed": [{"start": "9:00", "end": "17:00"}]}}, "weekly",
         "is not a time HH:MM"),
        ({"weekly": {"someday": []}}, "weekly", "Unknown field"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", ""),
        (
            {"date_overrides": [{"date": "2027-05-01", "windows": [
                {"start": "10:00", "end": "12:00"}, {"start": "11:30", "end": "13:00"}
            ]}]},
            "date_overrides",
            "overlap",
        ),
        (
            {"date_overrides": [{"date": "2027-05-01", "windows": []},
                                {"date": "2027-05-01", "windows": []}]},
            "date_overrides",
            "given twice",
        ),
        ({"date_overrides": [{"date": "2027-02-30", "windows": []}]},
         "date_overrides", ""),
    ],
)  # fmt: skip
def test_invalid_schedules_are_a_400_naming_the_field(planner, fields, field, words):
    body = planner.schedule(status=400, **fields)
    assert body["code"] == "validation_error"
    assert field in body["details"]
    assert words in str(body["details"][field])


def test_unknown_body_fields_are_refused(planner):
    body = planner.schedule(status=400, owner_id="00000000-0000-4000-8000-000000000000")
    assert body["details"] == {"owner_id": ["Unknown field."]}


def test_get_update_and_delete_a_schedule(planner):
    made = planner.schedule()
    url = f"/schedules/{made['id']}"
    client, headers = planner.client, planner.headers
    assert client.get(url, headers=headers).get_json() == made
    r = client.put(
        url,
        json={
            "name": "Renamed",
            "weekly": {"sat": [{"start": "10:00", "end": "11:00"}]},
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["name"] == "Renamed"
    assert r.get_json()["weekly"]["mon"] == []
    assert r.get_json()["timezone"] == "Europe/Berlin"
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404
    me = client.get("/users/me", headers=headers).get_json()
    assert me["default_schedule_id"] is None


def test_a_schedule_is_invisible_to_anyone_else(planner, client, stranger):
    made = planner.schedule()
    other = stranger.headers
    url = f"/schedules/{made['id']}"
    r = client.get(url, headers=other)
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"
    assert client.put(url, json={"name": "x"}, headers=other).status_code == 404
    assert client.delete(url, headers=other).status_code == 404
    assert client.get("/schedules", headers=other).get_json()["items"] == []


def test_the_list_is_paged_with_a_cursor(planner):
    ids = [planner.schedule(name=f"S{i}")["id"] for i in range(3)]
    client, headers = planner.client, planner.headers
    first = client.get("/schedules?limit=2", headers=headers).get_json()
    assert [s["id"] for s in first["items"]] == ids[:2]
    assert first["items"][0]["is_default"] is True
    rest = client.get(
        "/schedules", query_string={"cursor": first["next_cursor"]}, headers=headers
    ).get_json()
    assert [s["id"] for s in rest["items"]] == ids[2:]
    assert rest["next_cursor"] is None
    bad = client.get("/schedules?cursor=nonsense", headers=headers)
    assert bad.status_code == 400


def test_api_keys_need_availability_write_to_change_schedules(client, owner, auth):
    reader = auth.key(owner, ["availability:read"])
    r = client.post(
        "/schedules",
        json={"name": "W", "timezone": "UTC", "weekly": EVERY_DAY},
        headers=reader,
    )
    assert r.status_code == 403
    assert r.get_json()["code"] == "insufficient_scope"
    assert r.get_json()["details"]["required"] == ["availability:write"]
    assert client.get("/schedules", headers=reader).status_code == 200
    writer = auth.key(owner, ["availability:write"])
    r = client.post(
        "/schedules",
        json={"name": "W", "timezone": "UTC", "weekly": EVERY_DAY},
        headers=writer,
    )
    assert r.status_code == 201
    assert client.get("/schedules", headers=writer).status_code == 200


def test_the_default_schedule_is_chosen_through_users_me(planner, client, stranger):
    planner.schedule(name="First")
    second = planner.schedule(name="Second")
    me = planner.me(default_schedule_id=second["id"])
    assert me["default_schedule_id"] == second["id"]
    listed = client.get("/schedules", headers=planner.headers).get_json()["items"]
    assert [s["is_default"] for s in listed] == [False, True]
    others = stranger.schedule()
    body = planner.me(status=400, default_schedule_id=others["id"])
    assert body["details"] == {"default_schedule_id": ["is not one of your schedules"]}
    assert planner.me(default_schedule_id=None)["default_schedule_id"] is None


# --- booking links on a schedule ------------------------------------------------------


def test_a_link_takes_a_schedule_or_inline_hours_never_both(planner, calendar, clock):
    made = planner.schedule()
    both = planner.link(
        calendar["id"],
        status=400,
        schedule_id=made["id"],
        timezone="UTC",
        working_hours=EVERY_DAY,
    )
    assert both["code"] == "validation_error"
    neither = planner.link(calendar["id"], status=400)
    assert set(neither["details"]) == {"working_hours", "timezone"}
    link = planner.link(calendar["id"], schedule_id=made["id"])
    assert link["settings"]["schedule_id"] == made["id"]
    inline = planner.link(calendar["id"], timezone="UTC", working_hours=EVERY_DAY)
    assert inline["settings"]["schedule_id"] is None


def test_a_link_cannot_use_someone_elses_schedule(planner, calendar, stranger, clock):
    others = stranger.schedule()
    body = planner.link(calendar["id"], status=400, schedule_id=others["id"])
    assert body["details"] == {"schedule_id": ["is not one of your schedules"]}


def test_a_link_switches_between_a_schedule_and_inline_hours(planner, calendar, clock):
    made = planner.schedule(timezone="Asia/Tokyo")
    link = planner.link(calendar["id"], timezone="UTC", working_hours=EVERY_DAY)
    url = f"/booking-links/{link['token']}"
    client, headers = planner.client, planner.headers
    r = client.put(url, json={"schedule_id": made["id"]}, headers=headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["settings"]["timezone"] == "Asia/Tokyo"
    r = client.put(url, json={"timezone": "UTC"}, headers=headers)
    assert r.status_code == 400
    assert "working_hours" in r.get_json()["details"]
    r = client.put(
        url, json={"timezone": "UTC", "working_hours": EVERY_DAY}, headers=headers
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["settings"]["schedule_id"] is None
    assert r.get_json()["settings"]["timezone"] == "UTC"


def test_a_schedule_a_link_uses_cannot_be_deleted(planner, calendar, clock):
    made = planner.schedule()
    planner.link(calendar["id"], schedule_id=made["id"], title="Intro")
    r = planner.client.delete(f"/schedules/{made['id']}", headers=planner.headers)
    assert r.status_code == 409
    assert r.get_json()["code"] == "conflict"
    assert r.get_json()["details"] == {"booking_links": ["Intro"]}


def test_a_schedule_change_reaches_its_links_at_once(booker, planner, calendar, clock):
    made = planner.schedule(
        timezone="UTC", weekly={"mon": [{"start": "09:00", "end": "10:00"}]}
    )
    link = planner.link(calendar["id"], schedule_id=made["id"])
    monday = (utc(2027, 3, 8), utc(2027, 3, 9))
    assert booker.starts(link["token"], *monday) == ["2027-03-08T09:00:00Z"]
    planner.client.put(
        f"/schedules/{made['id']}",
        json={"weekly": {"mon": [{"start": "15:00", "end": "16:00"}]}},
        headers=planner.headers,
    )
    assert booker.starts(link["token"], *monday) == ["2027-03-08T15:00:00Z"]


def test_a_links_llms_txt_reads_its_schedule(client, planner, calendar, clock):
    made = planner.schedule(
        timezone="Asia/Tokyo",
        weekly={"tue": [{"start": "10:00", "end": "12:00"}]},
        date_overrides=[{"date": "2027-03-09", "windows": []}],
    )
    link = planner.link(calendar["id"], schedule_id=made["id"])
    text = client.get(f"/booking/{link['token']}/llms.txt").get_data(as_text=True)
    assert "Time zone: Asia/Tokyo" in text
    assert "10:00" in text
    assert "2027-03-09" in text
