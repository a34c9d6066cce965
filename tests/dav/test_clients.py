"""Real client software against a real server (gunicorn on the test database):
python-caldav and vdirsyncer, from PyPI."""

import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.servers import Servers

VDIRSYNCER = str(Path(sys.executable).parent / "vdirsyncer")

RECURRING = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:series-1@example.com
DTSTAMP:20260101T000000Z
DTSTART:20260105T090000Z
DTEND:20260105T100000Z
RRULE:FREQ=DAILY;COUNT=5
SUMMARY:Daily
END:VEVENT
BEGIN:VEVENT
UID:series-1@example.com
DTSTAMP:20260101T000000Z
RECURRENCE-ID:20260107T090000Z
DTSTART:20260107T140000Z
DTEND:20260107T150000Z
SUMMARY:Daily (moved)
END:VEVENT
END:VCALENDAR
"""


def event(uid, title, day):
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\n"
        f"UID:{uid}\nDTSTAMP:20260101T000000Z\nDTSTART:202602{day:02d}T100000Z\n"
        f"DTEND:202602{day:02d}T110000Z\nSUMMARY:{title}\nEND:VEVENT\nEND:VCALENDAR\n"
    )


@pytest.fixture(scope="module")
def server(app, database_url, tmp_path_factory):
    servers = Servers(database_url, tmp_path_factory.mktemp("dav-servers"))
    yield servers.api(workers=1, threads=4)
    servers.stop()


@pytest.fixture
def owner(committing_db, make_user):
    return make_user()


def test_python_caldav_end_to_end(server, owner):
    import caldav

    with caldav.DAVClient(
        url=server + "/dav/", username=owner.email, password=PASSWORD
    ) as client:
        principal = client.principal()
        calendar = principal.make_calendar(name="Team", cal_id=str(uuid.uuid4()))
        assert [c.get_display_name() for c in principal.get_calendars()] == ["Team"]

        calendar.add_event(RECURRING)
        single = calendar.add_event(event("one@example.com", "Lunch", 3))
        found = calendar.get_event_by_uid("series-1@example.com")
        assert "Daily (moved)" in found.data

        expanded = calendar.search(
            start=datetime(2026, 1, 6, tzinfo=UTC),
            end=datetime(2026, 1, 9, tzinfo=UTC),
            event=True,
            expand=True,
        )
        summaries = sorted(str(e.icalendar_component["SUMMARY"]) for e in expanded)
        assert summaries == ["Daily", "Daily", "Daily (moved)"]

        synced = calendar.get_objects_by_sync_token(load_objects=True)
        assert len(list(synced)) == 2
        token = synced.sync_token

        single.icalendar_component["SUMMARY"] = "Long lunch"
        single.save()
        assert "Long lunch" in calendar.get_event_by_uid("one@example.com").data
        changed = calendar.get_objects_by_sync_token(
            sync_token=token, load_objects=True
        )
        assert [o.icalendar_component["SUMMARY"] for o in changed] == ["Long lunch"]

        busy = calendar.freebusy_request(
            datetime(2026, 2, 3, tzinfo=UTC), datetime(2026, 2, 4, tzinfo=UTC)
        )
        assert "20260203T100000Z/20260203T110000Z" in busy.data

        calendar.get_event_by_uid("one@example.com").delete()
        assert len(calendar.get_events()) == 1
        calendar.delete()
        assert principal.get_calendars() == []


VDIR_CONFIG = """[general]
status_path = "{root}/status/"

[pair cal]
a = "cal_local"
b = "cal_remote"
collections = null

[storage cal_local]
type = "filesystem"
path = "{root}/cal/"
fileext = ".ics"

[storage cal_remote]
type = "caldav"
url = "{server}/dav/calendars/{user}/{calendar}/"
username = "{email}"
password = "{password}"

[pair book]
a = "book_local"
b = "book_remote"
collections = null

[storage book_local]
type = "filesystem"
path = "{root}/book/"
fileext = ".vcf"

[storage book_remote]
type = "carddav"
url = "{server}/dav/addressbooks/{user}/contacts/"
username = "{email}"
password = "{password}"
"""

CARD = "BEGIN:VCARD\nVERSION:3.0\nUID:{uid}\nFN:{name}\nN:;{name};;;\nEND:VCARD\n"


def vdirsyncer(config: Path, *args) -> str:
    done = subprocess.run(  # noqa: S603
        [VDIRSYNCER, "-c", str(config), *args],
        input="y\n" * 10,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_vdirsyncer_two_way_sync(server, owner, auth, tmp_path):
    import requests

    headers = auth.jwt(owner)
    calendar = requests.post(
        server + "/calendars", json={"name": "Sync"}, headers=headers, timeout=10
    ).json()
    requests.post(
        server + "/events",
        json={"calendar_id": calendar["id"], "title": "From REST",
              "start_time": "2026-02-01T10:00:00Z", "end_time": "2026-02-01T11:00:00Z"},
        headers=headers, timeout=10,
    )  # fmt: skip
    requests.post(
        server + "/contacts", json={"first_name": "Rest"}, headers=headers, timeout=10
    )
    key = auth.key(owner, ["calendars:read", "events:write", "contacts:write"])
    for name in ("cal", "book", "status"):
        (tmp_path / name).mkdir()
    config = tmp_path / "config"
    config.write_text(
        VDIR_CONFIG.format(
            root=tmp_path,
            server=server,
            user=owner.id,
            calendar=calendar["id"],
            email=owner.email,
            password=key["X-API-Key"],
        )  # fmt: skip
    )
    vdirsyncer(config, "discover")
    vdirsyncer(config, "sync")
    local_events = list((tmp_path / "cal").glob("*.ics"))
    assert len(local_events) == 1 and "From REST" in local_events[0].read_text()
    assert len(list((tmp_path / "book").glob("*.vcf"))) == 1

    # local side: create, modify, delete
    (tmp_path / "cal" / "new.ics").write_text(event("new@example.com", "Local", 5))
    local_events[0].write_text(
        local_events[0].read_text().replace("From REST", "Edited")
    )
    (tmp_path / "book" / "ada.vcf").write_text(CARD.format(uid="ada", name="Ada"))
    vdirsyncer(config, "sync")
    titles = {
        e["title"]
        for e in requests.get(
            server + f"/events?calendar_id={calendar['id']}",
            headers=headers,
            timeout=10,
        ).json()["items"]
    }
    assert titles == {"Edited", "Local"}
    names = {
        c["first_name"]
        for c in requests.get(server + "/contacts", headers=headers, timeout=10).json()[
            "items"
        ]
    }
    assert names == {"Rest", "Ada"}

    # server side: change and delete over REST, then sync back
    items = requests.get(
        server + f"/events?calendar_id={calendar['id']}", headers=headers, timeout=10
    ).json()["items"]
    local_one = next(e for e in items if e["title"] == "Local")
    edited = next(e for e in items if e["title"] == "Edited")
    requests.put(
        server + f"/events/{local_one['id']}", json={"title": "Renamed on server"},
        headers=headers, timeout=10,
    )  # fmt: skip
    requests.delete(server + f"/events/{edited['id']}", headers=headers, timeout=10)
    vdirsyncer(config, "sync")
    texts = [p.read_text() for p in (tmp_path / "cal").glob("*.ics")]
    assert len(texts) == 1 and "Renamed on server" in texts[0]

    # local delete of a card goes to the server; a second sync changes nothing
    (tmp_path / "book" / "ada.vcf").unlink()
    vdirsyncer(config, "sync")
    contacts = requests.get(server + "/contacts", headers=headers, timeout=10).json()
    assert [c["first_name"] for c in contacts["items"]] == ["Rest"]
    out = vdirsyncer(config, "sync")
    assert "conflict" not in out.lower()
