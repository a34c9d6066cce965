"""Invitation delivery you can see: the state of each attendee's invitation
after a real SMTP server accepted or refused it, resending, and bounces."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.reminders.harness import eventually

SECRET = "bounce-secret-0123456789abcdef"  # noqa: S105 - a test secret


@pytest.fixture
def bounce_secret(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_WEBHOOK_SECRET", SECRET)
    return SECRET


def _event(world, clock, *emails) -> dict:
    return world.event(
        clock.now + timedelta(days=2),
        title="Planning",
        attendees=[{"email": e} for e in emails],
    )


def _states(world, event, headers=None) -> dict[str, dict]:
    items = world.get(f"/events/{event['id']}/invitations", headers=headers)["items"]
    return {item["email"]: item for item in items}


def _bounce(world, body, secret=SECRET, status=200) -> dict:
    r = world.client.post(
        "/mail/bounces", json=body, headers={"X-Mail-Webhook-Secret": secret}
    )
    assert r.status_code == status, r.get_json()
    return r.get_json()


def test_sent_and_refused_invitations_then_a_resend_of_the_refused(
    world, worker, inbox, clock
):
    inbox.unknown = {"gone@example.com"}
    event = _event(world, clock, "ok@example.com", "gone@example.com")
    worker.idle()
    states = _states(world, event)
    ok, gone = states["ok@example.com"], states["gone@example.com"]
    assert ok["state"] == "sent"
    assert (ok["method"], ok["sequence"], ok["error"]) == ("REQUEST", 0, None)
    assert ok["sent_at"] is not None
    assert [a["outcome"] for a in ok["attempts"]] == ["success"]
    assert gone["state"] == "failed"
    assert "550" in gone["error"] and "User unknown" in gone["error"]
    [attempt] = gone["attempts"]
    assert attempt["outcome"] == "failed"
    assert "550" in attempt["error"]
    assert inbox.to("gone@example.com") == []

    # The mailbox exists now: resend what failed, and only that.
    inbox.unknown = set()
    result = world.post(f"/events/{event['id']}/invitations/resend", status=200)
    assert result["resent"] == 1
    assert [(i["email"], i["state"]) for i in result["items"]] == [
        ("gone@example.com", "queued")
    ]
    worker.idle()
    [invite] = eventually(lambda: inbox.to("gone@example.com"))
    assert invite["Subject"].startswith("Invitation: Planning")
    states = _states(world, event)
    assert states["gone@example.com"]["state"] == "sent"
    assert states["gone@example.com"]["delivery_id"] != gone["delivery_id"]
    assert states["ok@example.com"]["delivery_id"] == ok["delivery_id"]
    assert len(inbox.to("ok@example.com")) == 1
    # Nothing failed any more: nothing to resend.
    again = world.post(f"/events/{event['id']}/invitations/resend", status=200)
    assert again == {"resent": 0, "items": []}


def test_a_recorded_bounce_shows_tells_the_owner_and_can_be_resent(
    world, worker, inbox, clock, bounce_secret
):
    event = _event(world, clock, "ok@example.com")
    worker.idle()
    sent = _states(world, event)["ok@example.com"]
    assert sent["state"] == "sent"
    [message] = inbox.to("ok@example.com")
    assert message["Message-ID"] == f"<{sent['delivery_id']}@calapp>"

    recorded = _bounce(
        world,
        {
            "message_id": message["Message-ID"],
            "recipient": "OK@example.com",
            "reason": "550 5.1.1 mailbox unavailable",
        },
    )
    assert recorded["delivery_id"] == sent["delivery_id"]
    bounced = _states(world, event)["ok@example.com"]
    assert bounced["state"] == "bounced"
    assert bounced["error"] == "550 5.1.1 mailbox unavailable"
    assert bounced["bounced_at"] == recorded["bounced_at"]
    [note] = world.notifications(kind="delivery_failed")
    assert "bounced: 550 5.1.1 mailbox unavailable" in note["body"]
    # A second report of the same bounce changes nothing.
    _bounce(world, {"message_id": sent["delivery_id"] + "@calapp"})
    assert len(world.notifications(kind="delivery_failed")) == 1

    result = world.post(f"/events/{event['id']}/invitations/resend", status=200)
    assert result["resent"] == 1
    worker.idle()
    assert len(inbox.to("ok@example.com")) == 2
    assert _states(world, event)["ok@example.com"]["state"] == "sent"


def test_the_bounce_webhook_needs_the_secret_and_a_known_message(
    world, worker, inbox, clock, app, monkeypatch
):
    event = _event(world, clock, "ok@example.com")
    worker.idle()
    delivery_id = _states(world, event)["ok@example.com"]["delivery_id"]
    body = {"message_id": f"<{delivery_id}@calapp>"}
    # No secret configured: nobody can record bounces.
    assert _bounce(world, body, secret="", status=401)["code"] == "unauthorized"
    monkeypatch.setitem(app.config, "MAIL_WEBHOOK_SECRET", SECRET)
    assert _bounce(world, body, secret="wrong", status=401)["code"] == "unauthorized"
    unknown = {"message_id": "<00000000-0000-4000-8000-000000000000@calapp>"}
    assert _bounce(world, unknown, status=404)["code"] == "not_found"
    other = {**body, "recipient": "someone@example.com"}
    assert _bounce(world, other, status=404)["code"] == "not_found"
    assert _bounce(world, {"message_id": "junk"}, status=404)["code"] == "not_found"
    assert _bounce(world, {}, status=400)["code"] == "validation_error"
    assert _states(world, event)["ok@example.com"]["state"] == "sent"


def test_named_recipients_are_resent_even_when_sent(world, worker, inbox, clock):
    event = _event(world, clock, "a@example.com", "b@example.com")
    worker.idle()
    result = world.post(
        f"/events/{event['id']}/invitations/resend",
        {"emails": ["B@example.com"]},
        status=200,
    )
    assert result["resent"] == 1
    assert [i["email"] for i in result["items"]] == ["b@example.com"]
    worker.idle()
    assert len(inbox.to("b@example.com")) == 2
    assert len(inbox.to("a@example.com")) == 1
    bad = world.post(
        f"/events/{event['id']}/invitations/resend",
        {"emails": ["nobody@example.com"]},
        status=400,
    )
    assert bad["code"] == "validation_error"
    assert bad["details"] == {"emails": ["not an attendee: nobody@example.com"]}


def test_only_editors_and_owners_see_and_resend(world, worker, inbox, clock):
    event = _event(world, clock, "a@example.com")
    viewer, editor, stranger = (world.make_user() for _ in range(3))
    for user, role in ((viewer, "viewer"), (editor, "editor")):
        world.post(
            f"/calendars/{world.calendar['id']}/share",
            {"email": user.email, "role": role},
        )
    path = f"/events/{event['id']}/invitations"
    as_editor = world.auth.jwt(editor)
    assert world.client.get(path, headers=as_editor).status_code == 200
    r = world.client.get(path, headers=world.auth.jwt(viewer))
    assert (r.status_code, r.get_json()["code"]) == (403, "forbidden")
    r = world.client.post(f"{path}/resend", headers=world.auth.jwt(stranger))
    assert (r.status_code, r.get_json()["code"]) == (404, "not_found")
    key = world.auth.key(world.user, ["events:read"])
    r = world.client.post(f"{path}/resend", headers=key)
    assert (r.status_code, r.get_json()["code"]) == (403, "insufficient_scope")
    worker.idle()


def test_without_email_nothing_is_queued_and_resend_says_so(world, app, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_URL", None)
    event = world.event(
        world_now(), title="Offline", attendees=[{"email": "a@example.com"}]
    )
    [item] = world.get(f"/events/{event['id']}/invitations")["items"]
    assert (item["state"], item["delivery_id"], item["attempts"]) == ("none", None, [])
    r = world.client.post(
        f"/events/{event['id']}/invitations/resend", headers=world.headers
    )
    assert (r.status_code, r.get_json()["code"]) == (409, "conflict")


def world_now():
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)


def test_a_page_of_invitations_costs_a_constant_number_of_statements(
    world, app, monkeypatch, statements
):
    # Invitations are queued (not sent: no consumer runs here).
    monkeypatch.setitem(app.config, "SMTP_URL", "smtp://127.0.0.1:9")

    def count(n: int) -> int:
        event = world.event(
            world_now(),
            attendees=[{"email": f"guest{i}@example.com"} for i in range(n)],
        )
        statements.clear()
        items = world.get(f"/events/{event['id']}/invitations", limit=100)["items"]
        assert [i["state"] for i in items] == ["queued"] * n
        return len(statements)

    few, many = count(3), count(40)
    assert few == many, statements
    assert few <= 9, statements
