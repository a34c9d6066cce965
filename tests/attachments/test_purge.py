"""The hourly purge: files of events deleted longer than
ATTACHMENT_RETENTION_DAYS, stale direct uploads, and objects no row names."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calapp.attachments.tasks import purge_attachments
from tests.attachments.test_routes import PDF, _path


@pytest.fixture
def run_purge(run_task_at):
    """Run the task body at ``now() + ahead``."""
    return lambda ahead: run_task_at(purge_attachments, ahead)


def keys(store) -> set:
    return {o.key for o in store.objects()}


def test_the_purge(store, files, client, headers, calendar, run_purge):
    gone = files.event(headers, calendar["id"], title="Cancelled offsite")
    kept = files.event(headers, calendar["id"], title="Weekly")
    old = files.uploaded(headers, gone["id"], PDF)
    live = files.uploaded(headers, kept["id"], PDF)
    pending = client.post(
        f"/events/{kept['id']}/attachments/uploads",
        json={"filename": "never.pdf", "size": 10},
        headers=headers,
    ).get_json()["attachment"]
    store.save("stray/object", [b"left behind"])
    assert client.delete(f"/events/{gone['id']}", headers=headers).status_code == 204
    old_key = f"{gone['id']}/{old['id']}"
    live_key = f"{kept['id']}/{live['id']}"

    # Two hours on: the orphan goes; a deleted event's file waits its 30 days.
    counts = run_purge(timedelta(hours=2))
    assert counts == {"deleted_events": 0, "stale_uploads": 0, "orphans": 1}
    assert keys(store) == {old_key, live_key}

    # 31 days on: the deleted event's file and the abandoned upload go too.
    counts = run_purge(timedelta(days=31))
    assert counts == {"deleted_events": 1, "stale_uploads": 1, "orphans": 0}
    assert keys(store) == {live_key}
    r = client.get(_path(live["url"]), headers=headers)
    assert r.status_code in (200, 302)
    r.close()
    complete = f"/events/{kept['id']}/attachments/uploads/{pending['id']}/complete"
    assert client.post(complete, headers=headers).status_code == 404


def test_a_soft_deleted_event_keeps_its_files_until_the_purge(
    disk, files, client, headers, calendar, event, run_purge
):
    item = files.uploaded(headers, event["id"], PDF)
    assert client.delete(f"/events/{event['id']}", headers=headers).status_code == 204
    run_purge(timedelta(days=29))
    assert keys(disk) == {f"{event['id']}/{item['id']}"}


def test_the_purge_runs_hourly_in_the_consumer():
    from datetime import datetime

    from calapp import register_tasks
    from calapp.queue import huey

    register_tasks()
    due = {task.name for task in huey.read_periodic(datetime(2030, 1, 1, 5, 41))}
    assert any(name.endswith("purge_attachments") for name in due)
