"""Files in the ICS export: ATTACH lines with signed, expiring links that
download without a login; import keeps external ATTACH URIs as links."""

from __future__ import annotations

import icalendar
import pytest

from calapp.attachments import routes
from tests.attachments.test_routes import PDF, _path, download


def export(client, headers, calendar_id) -> str:
    r = client.get(f"/calendars/{calendar_id}/export.ics", headers=headers)
    assert r.status_code == 200
    return r.get_data(as_text=True)


def attaches(text: str) -> list:
    cal = icalendar.Calendar.from_ical(text)
    out = []
    for component in cal.walk("VEVENT"):
        found = component.get("ATTACH")
        found = found if isinstance(found, list) else [found] if found else []
        out += found
    return out


def test_the_export_links_download_without_a_login(
    store, files, client, headers, calendar
):
    event = files.event(
        headers,
        calendar["id"],
        attachments=[{"name": "site", "url": "https://example.com/agenda"}],
    )
    files.uploaded(headers, event["id"], PDF, filename="agenda v2.pdf")
    found = attaches(export(client, headers, calendar["id"]))
    assert len(found) == 2
    file_link, link = found
    assert file_link.params["FMTTYPE"] == "application/pdf"
    assert file_link.params["FILENAME"] == "agenda v2.pdf"
    assert file_link.params["SIZE"] == str(len(PDF))
    assert "/download?expires=" in str(file_link)
    assert str(link) == "https://example.com/agenda"
    assert download(client, {}, {"url": str(file_link)}) == PDF


def test_a_tampered_or_expired_link_is_a_404(
    disk, files, client, headers, calendar, event, monkeypatch
):
    files.uploaded(headers, event["id"], PDF)
    (link,) = attaches(export(client, headers, calendar["id"]))
    path = _path(str(link))
    tampered = path.replace("signature=", "signature=A")
    assert client.get(tampered).status_code == 404
    expires = int(path.split("expires=")[1].split("&")[0])
    later = routes.now().fromtimestamp(expires + 1, routes.now().tzinfo)
    monkeypatch.setattr(routes, "now", lambda: later)
    r = client.get(path)
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


def test_links_stop_working_when_the_event_is_deleted(
    disk, files, client, headers, calendar, event
):
    files.uploaded(headers, event["id"], PDF)
    (link,) = attaches(export(client, headers, calendar["id"]))
    assert client.delete(f"/events/{event['id']}", headers=headers).status_code == 204
    assert client.get(_path(str(link))).status_code == 404


def test_the_export_changes_when_a_file_is_added(
    disk, files, client, headers, calendar, event
):
    first = client.get(f"/calendars/{calendar['id']}/export.ics", headers=headers)
    files.uploaded(headers, event["id"], PDF)
    again = client.get(
        f"/calendars/{calendar['id']}/export.ics",
        headers={**headers, "If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 200
    assert "ATTACH" in again.get_data(as_text=True)


@pytest.fixture
def target(files, headers):
    return files.calendar(headers)


def test_import_keeps_external_links_and_drops_expiring_file_links(
    disk, files, client, headers, calendar, event, target
):
    files.uploaded(headers, event["id"], PDF)
    text = export(client, headers, calendar["id"]).replace(
        "END:VEVENT",
        "ATTACH;FMTTYPE=application/pdf:https://files.example.com/a.pdf\r\nEND:VEVENT",
    )
    r = client.post(
        f"/calendars/import?calendar_id={target['id']}",
        data=text.encode(),
        content_type="text/calendar",
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    listed = client.get(
        "/events", query_string={"calendar_id": target["id"]}, headers=headers
    ).get_json()["items"]
    assert [a["url"] for a in listed[0]["attachments"]] == [
        "https://files.example.com/a.pdf"
    ]
    assert listed[0]["attachments"][0]["id"] is None
