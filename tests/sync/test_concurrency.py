"""A replica kept with sync tokens alone loses nothing to concurrent writers
(real commits on real connections)."""

from __future__ import annotations

import threading

import pytest

from tests.events.conftest import Api
from tests.sync.conftest import Sync

pytestmark = pytest.mark.usefixtures("committing_db")


def test_concurrent_writers_during_syncs_lose_nothing(app, auth, make_user):
    owner = make_user()
    headers = auth.jwt(owner)
    api = Api(app.test_client())
    calendar = api.calendar(headers)
    writers, per_writer = 4, 12
    errors: list[BaseException] = []

    def write(n: int) -> None:
        client = Api(app.test_client())
        try:
            for i in range(per_writer):
                event = client.event(headers, calendar["id"], title=f"w{n}-{i}")
                if i % 3 == 0:  # some change again, some go away
                    r = client.client.put(
                        f"/events/{event['id']}", json={"title": "x"}, headers=headers
                    )
                    assert r.status_code == 200
                if i % 4 == 0:
                    r = client.client.delete(f"/events/{event['id']}", headers=headers)
                    assert r.status_code == 204
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    sync = Sync(app.test_client())
    items, token = sync.full("/events", headers, limit=5)
    replica = {i["id"]: i for i in items}
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()

    def apply(items):
        for item in items:
            if item.get("status") == "deleted":
                replica.pop(item["id"], None)
            else:
                replica[item["id"]] = item

    while any(t.is_alive() for t in threads):
        changed, token = sync.since("/events", headers, token, limit=3)
        apply(changed)
    for thread in threads:
        thread.join()
    changed, token = sync.since("/events", headers, token, limit=3)
    apply(changed)

    assert not errors, errors
    truth, _ = sync.full("/events", headers)
    assert {i["id"]: i["title"] for i in replica.values()} == {
        i["id"]: i["title"] for i in truth
    }
    assert len(truth) == writers * (per_writer - 3)
