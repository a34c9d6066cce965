"""The stream endpoints in the API process (in-process test client)."""

from __future__ import annotations


def test_the_api_process_sends_streams_to_the_stream_process(client, headers):
    r = client.get("/stream", headers=headers)
    assert r.status_code == 421
    body = r.get_json()
    assert body["code"] == "misdirected_request"
    assert "stream process" in body["error"]


def test_a_ticket_needs_credentials(client):
    r = client.post("/stream/tickets")
    assert r.status_code == 401 and r.get_json()["code"] == "unauthorized"


def test_a_ticket_is_issued_for_a_minute(client, headers):
    r = client.post("/stream/tickets", headers=headers)
    assert r.status_code == 201
    body = r.get_json()
    assert body["expires_in"] == 60 and len(body["ticket"]) > 40


def test_every_stream_operation_is_documented(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"/stream", "/ws", "/stream/tickets"} <= set(paths)
    assert "421" in paths["/stream"]["get"]["responses"]
    assert "text/event-stream" in paths["/stream"]["get"]["responses"]["200"]["content"]
