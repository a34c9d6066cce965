"""External calendar connections: sync cost against a real Radicale, and what
connected calendars add to availability.

    python bench/connections/run.py [--events 5000] [--changes 10]
        [--connected 3] [--connected-events 500] [--rounds 30]
        [--database calapp_bench_connections] [--redis redis://127.0.0.1:6379/14]

1. Seeds a Radicale filesystem storage directly (``--events`` .ics files in
   one collection of user ``ada``, one event per file over 2027, every tenth a
   weekly series) before starting Radicale, connects the account through the
   API (``POST /connections``) and times the initial sync
   (``POST /connections/{id}/sync``: sync-collection from no token, multiget in
   batches of 200, one import of everything).
2. Makes ``--changes`` changes on the Radicale side with the ``caldav`` client
   (half modified, a third new, the rest deleted) and times the incremental sync.
3. Times ``GET /availability`` over 30 days for a calendar of ``bob`` (200
   events, 20 series) with ``--connected`` Radicale calendars of
   ``--connected-events`` events each connected, counted as busy or not in
   turn (the same load for both): cold (busy-block cache emptied before each
   request) and warm, median of ``--rounds`` pairs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.groupfind.run import app_for  # noqa: E402
from tests.connections.peers import Radicale, vevent  # noqa: E402

YEAR = datetime(2027, 1, 1, tzinfo=UTC)
STAMP = "%Y%m%dT%H%M%SZ"


def ics(uid: str, start: datetime, minutes: int, rule: str | None) -> str:
    text = vevent(
        uid, start.strftime(STAMP), (start + timedelta(minutes=minutes)).strftime(STAMP)
    )
    if rule:
        text = text.replace("SUMMARY:", f"RRULE:{rule}\r\nSUMMARY:")
    return text


def seed_collection(storage: Path, user: str, name: str, events: int, rng) -> None:
    """Write a calendar collection the way Radicale stores it."""
    folder = storage / "collection-root" / user / name.lower()
    folder.mkdir(parents=True)
    props = {
        "tag": "VCALENDAR",
        "D:displayname": name,
        "C:supported-calendar-component-set": "VEVENT",
    }
    (folder / ".Radicale.props").write_text(json.dumps(props))
    for i in range(events):
        start = YEAR + timedelta(
            days=rng.randrange(365),
            hours=rng.randrange(7, 18),
            minutes=30 * rng.randrange(2),
        )
        rule = "FREQ=WEEKLY;COUNT=20" if i % 10 == 0 else None
        uid = f"{name.lower()}-{i}"
        (folder / f"{uid}.ics").write_text(
            ics(uid, start, rng.choice((30, 60, 90)), rule)
        )


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--connected", type=int, default=3)
    parser.add_argument("--connected-events", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database", default="calapp_bench_connections")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    rng = random.Random(7)

    root = Path(tempfile.mkdtemp(prefix="bench-radicale-"))
    radicale = Radicale(root, {"ada": "ada-app-pass", "bob": "bob-app-pass"})
    seed_collection(radicale.storage, "ada", "Big", args.events, rng)
    for n in range(args.connected):
        seed_collection(
            radicale.storage, "bob", f"Other{n}", args.connected_events, rng
        )
    radicale.start()
    app = app_for(args.database, args.redis)
    app.config["CONNECTIONS_ALLOW_PRIVATE_TARGETS"] = True
    # Radicale builds its item cache on the first listing of a big collection:
    # slower than the default 30 s per request on a loaded machine.
    app.config["CONNECTIONS_TIMEOUT_SECONDS"] = 900
    client = app.test_client()
    try:
        run(app, client, radicale, args, rng)
    finally:
        radicale.stop()


def register(client, email: str) -> dict:
    r = client.post(
        "/auth/register",
        json={"email": email, "password": "bench-pass-123", "timezone": "UTC"},
    )
    assert r.status_code == 201, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def connect(client, headers, radicale, user: str, password: str) -> dict:
    r = client.post(
        "/connections",
        json={
            "kind": "caldav",
            "url": radicale.url,
            "username": user,
            "password": password,
        },
        headers=headers,
    )
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def sync(client, headers, connection) -> dict:
    r = client.post(f"/connections/{connection['id']}/sync", headers=headers)
    body = r.get_json()
    assert r.status_code == 200 and body["last_error"] is None, body
    return body


def count(client, headers, calendar_id) -> int:
    """Events listed in the mirror (every page)."""
    n, cursor = 0, None
    while True:
        query = {"calendar_id": calendar_id, "limit": 200}
        if cursor:
            query["cursor"] = cursor
        page = client.get("/events", query_string=query, headers=headers).get_json()
        n += len(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return n


def run(app, client, radicale, args, rng) -> None:
    from calapp.availability import service as availability

    ada = register(client, f"ada-{uuid.uuid4().hex[:6]}@example.com")
    connection = connect(client, ada, radicale, "ada", "ada-app-pass")
    seconds, connection = timed(lambda: sync(client, ada, connection))
    mirror = connection["calendars"][0]["calendar_id"]
    print(
        f"initial sync of {args.events} events: {seconds:.2f}s "
        f"({count(client, ada, mirror)} events mirrored)"
    )

    with app.app_context():
        from calapp.connections.models import RemoteCalendar
        from calapp.extensions import db

        db.session.execute(
            sa.update(RemoteCalendar)
            .where(RemoteCalendar.connection_id == connection["id"])
            .values(sync_token=None)
        )
        db.session.commit()
    seconds, connection = timed(lambda: sync(client, ada, connection))
    print(
        f"full re-sync (no token, server cache warm, every event compared): "
        f"{seconds:.2f}s"
    )

    big = radicale.principal("ada").calendars()[0]
    objects = list(big.objects())[: args.changes]
    modified = objects[: args.changes // 2]
    deleted = objects[args.changes // 2 : args.changes // 2 + args.changes // 5]
    added = args.changes - len(modified) - len(deleted)
    for obj in modified:
        obj.load()
        uid = str(obj.icalendar_component["UID"])
        obj.data = ics(uid, YEAR + timedelta(days=200, hours=9), 45, None)
        obj.save()
    for obj in deleted:
        obj.delete()
    for i in range(added):
        big.save_event(
            ics(f"new-{i}", YEAR + timedelta(days=100 + i, hours=9), 30, None)
        )
    seconds, _ = timed(lambda: sync(client, ada, connection))
    print(
        f"incremental sync after {args.changes} changes "
        f"({len(modified)} modified, {len(deleted)} deleted, {added} new): "
        f"{seconds * 1000:.0f} ms ({count(client, ada, mirror)} events mirrored)"
    )

    bob = register(client, f"bob-{uuid.uuid4().hex[:6]}@example.com")
    own = client.post("/calendars", json={"name": "Mine"}, headers=bob).get_json()
    for i in range(200):
        start = YEAR + timedelta(days=rng.randrange(365), hours=rng.randrange(8, 17))
        body = {
            "calendar_id": own["id"],
            "title": f"e{i}",
            "start_time": start.isoformat(),
            "end_time": (start + timedelta(minutes=60)).isoformat(),
        }
        if i < 20:
            body["recurrence_rule"] = "FREQ=WEEKLY"
        assert client.post("/events", json=body, headers=bob).status_code == 201
    query = {
        "calendar_id": own["id"],
        "start": "2027-03-01T00:00:00Z",
        "end": "2027-03-31T00:00:00Z",
    }

    def ask() -> tuple[float, float, int]:
        availability._BUSY_CACHE.clear()
        cold, r = timed(
            lambda: client.get("/availability", query_string=query, headers=bob)
        )
        warm, r = timed(
            lambda: client.get("/availability", query_string=query, headers=bob)
        )
        return cold, warm, len(r.get_json()["busy"])

    def set_busy(connection_id, busy: bool) -> None:
        """The mirrors count as busy or not (as is_busy does), with nothing else
        changed: both states are measured in turn, under the same load."""
        from calapp.calendars.models import Calendar
        from calapp.extensions import db

        with app.app_context():
            db.session.execute(
                sa.update(Calendar)
                .where(Calendar.connection_id == connection_id)
                .values(is_busy_source=busy)
            )
            db.session.commit()

    theirs = connect(client, bob, radicale, "bob", "bob-app-pass")
    sync(client, bob, theirs)
    found = {False: [], True: []}
    for _ in range(args.rounds):
        for busy in (False, True):
            set_busy(theirs["id"], busy)
            found[busy].append(ask())

    def medians(rows) -> tuple[float, float, int]:
        return (
            statistics.median(r[0] for r in rows),
            statistics.median(r[1] for r in rows),
            rows[-1][2],
        )

    cold0, warm0, blocks0 = medians(found[False])
    cold3, warm3, blocks3 = medians(found[True])
    print(
        f"GET /availability, 30 days, own calendar only: cold {cold0 * 1000:.1f} ms, "
        f"warm {warm0 * 1000:.1f} ms ({blocks0} busy blocks)"
    )
    print(
        f"... with {len(theirs['calendars'])} connected calendars of "
        f"{args.connected_events} events: cold {cold3 * 1000:.1f} ms, "
        f"warm {warm3 * 1000:.1f} ms ({blocks3} busy blocks)"
    )
    print(
        f"ratio: cold {cold3 / cold0:.2f}x, warm {warm3 / warm0:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
