"""Contacts as vCard: GET /contacts/export.vcf and POST /contacts/import."""

from __future__ import annotations

import pytest

from calapp.ics import text
from tests.ics.conftest import fixture_bytes, upload

FIELDS = ("uid", "first_name", "last_name", "email", "phone", "company", "notes")


def import_vcf(client, headers, data: bytes, *, multipart=True, **params):
    return upload(client, "/contacts/import", headers, data, multipart, params)


def imported(client, headers, data: bytes, **params) -> dict:
    r = import_vcf(client, headers, data, **params)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def contacts(client, headers) -> dict[str, dict]:
    r = client.get("/contacts", query_string={"limit": 200}, headers=headers)
    assert r.status_code == 200
    return {c["uid"]: {f: c[f] for f in FIELDS} for c in r.get_json()["items"]}


def exported(client, headers) -> bytes:
    r = client.get("/contacts/export.vcf", headers=headers)
    assert r.status_code == 200, r.get_json()
    assert r.mimetype == "text/vcard"
    return r.get_data()


def create(client, headers, **fields) -> dict:
    r = client.post("/contacts", json=fields, headers=headers)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def test_export_writes_vcard_3(client, headers):
    create(
        client,
        headers,
        first_name="Ada",
        last_name="Lovelace; Countess",
        email="ada@example.com",
        phone="+44 20 7946 0958",
        company="Engines, Ltd.",
        notes="Line one\nLine two " + "é" * 60,
        uid="ada-1@calapp",
    )
    data = exported(client, headers)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    card = text.parse(data.decode(), "VCARD")[0]
    assert card.text("VERSION") == "3.0"
    assert card.text("UID") == "ada-1@calapp"
    assert card.text("FN") == "Ada Lovelace; Countess"
    assert text.split_structured(card.first("N").value) == [
        "Lovelace; Countess",
        "Ada",
        "",
        "",
        "",
    ]
    assert card.text("ORG") == "Engines, Ltd."
    assert card.text("EMAIL") == "ada@example.com"
    assert card.text("TEL") == "+44 20 7946 0958"
    assert card.text("NOTE") == "Line one\nLine two " + "é" * 60
    assert card.first("REV") is not None


def test_a_contact_with_only_a_company_has_it_as_fn(client, headers):
    create(client, headers, company="Babbage & Co")
    card = text.parse(exported(client, headers).decode(), "VCARD")[0]
    assert card.text("FN") == "Babbage & Co"
    assert card.first("N").value == ";;;;"


def test_apple_vcard_3(client, headers):
    report = imported(client, headers, fixture_bytes("apple_contacts_v3.vcf"))
    assert (report["created"], report["errors"]) == (2, [])
    found = contacts(client, headers)
    ada = found["3A9F1C2E-5B7D-4E8F-9A0B-1C2D3E4F5A6B"]
    assert ada == {
        "uid": "3A9F1C2E-5B7D-4E8F-9A0B-1C2D3E4F5A6B",
        "first_name": "Ada Augusta",
        "last_name": "Lovelace",
        "email": "ada@engines.example.com",  # TYPE=pref
        "phone": "+44 20 7946 0958",
        "company": "Analytical Engines Ltd.",
        "notes": "Met at the Royal Society, 1843.\nPrefers letters; no calls.",
    }
    babbage = found["7B8C9D0E-1F2A-4B3C-8D4E-5F6A7B8C9D0E"]
    assert (babbage["first_name"], babbage["company"]) == (None, "Babbage & Co")
    uid = ada["uid"]
    assert {r["what"] for r in report["repaired"] if r["uid"] == uid} == {
        "1 more EMAIL not kept (a contact has one)",
        "1 more TEL not kept (a contact has one)",
    }


def test_vcard_4_with_pref_tel_uri_and_lf_lines(client, headers):
    report = imported(client, headers, fixture_bytes("contacts_v4.vcf"))
    assert report["created"] == 2
    found = contacts(client, headers)
    alan = found["urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"]
    assert alan["email"] == "alan@home.example.org"  # PREF=1
    assert alan["phone"] == "+44-161-496-0000"  # tel: URI
    assert alan["notes"].endswith(
        "Entscheidungsproblem and morphogenesis — folded across lines."
    )
    katherine = found["urn:uuid:a1b2c3d4-0000-4000-8000-000000000001"]
    assert (katherine["first_name"], katherine["last_name"]) == (
        "Katherine Johnson",
        None,
    )


def test_a_card_without_uid_gets_a_stable_one_and_bad_values_are_repaired(
    client, headers
):
    first = imported(client, headers, fixture_bytes("google_contacts_v3.vcf"))
    assert first["created"] == 2
    again = imported(client, headers, fixture_bytes("google_contacts_v3.vcf"))
    assert (again["created"], again["skipped"]) == (0, 2)
    nameless = [
        c for c in contacts(client, headers).values() if c["first_name"] == "Nameless"
    ]
    assert nameless[0]["email"] is None
    assert "EMAIL 'not-an-email' dropped: not a valid address" in {
        r["what"] for r in first["repaired"]
    }


def test_a_card_with_nothing_identifying_is_an_error(client, headers):
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:empty-1\r\nNOTE:a note\r\nEND:VCARD\r\n"
    report = imported(client, headers, data)
    assert report["created"] == 0
    assert report["errors"] == [
        {
            "uid": "empty-1",
            "error": "VCARD at line 1: no name, email, phone or company identifies "
            "the contact",
        }
    ]


def test_export_then_import_for_another_user_gives_the_same_contacts(
    client, headers, auth, make_user
):
    imported(client, headers, fixture_bytes("apple_contacts_v3.vcf"))
    imported(client, headers, fixture_bytes("contacts_v4.vcf"))
    other = auth.jwt(make_user())
    report = imported(client, other, exported(client, headers))
    assert (report["created"], report["errors"], report["repaired"]) == (4, [], [])
    assert contacts(client, other) == contacts(client, headers)


def test_importing_your_own_export_changes_nothing(client, headers):
    imported(client, headers, fixture_bytes("apple_contacts_v3.vcf"))
    before = client.get("/contacts", headers=headers).get_json()
    report = imported(client, headers, exported(client, headers))
    assert (report["created"], report["updated"], report["skipped"]) == (0, 0, 2)
    assert client.get("/contacts", headers=headers).get_json() == before


def test_a_newer_card_updates_the_contact(client, headers):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-1\r\nN:Old;A;;;\r\n{rev}END:VCARD\r\n"
    imported(client, headers, card.format(rev="REV:20250101T000000Z\r\n").encode())
    newer = card.replace("Old", "New").format(rev="REV:20250601T000000Z\r\n")
    report = imported(client, headers, newer.encode())
    assert report["updated"] == 1
    assert contacts(client, headers)["u-1"]["last_name"] == "New"
    older = card.replace("Old", "Older").format(rev="REV:20240101T000000Z\r\n")
    assert imported(client, headers, older.encode())["skipped"] == 1
    assert contacts(client, headers)["u-1"]["last_name"] == "New"


def test_dry_run_writes_nothing(client, headers):
    report = imported(
        client, headers, fixture_bytes("apple_contacts_v3.vcf"), dry_run="true"
    )
    assert (report["created"], report["dry_run"]) == (2, True)
    assert contacts(client, headers) == {}


def test_a_raw_text_vcard_body_is_accepted(client, headers):
    r = import_vcf(client, headers, fixture_bytes("contacts_v4.vcf"), multipart=False)
    assert r.status_code == 200 and r.get_json()["created"] == 2


@pytest.mark.parametrize("data", [b"hello", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"])
def test_a_file_that_is_not_vcard_is_a_400(client, headers, data):
    r = import_vcf(client, headers, data)
    assert r.status_code == 400 and "not a vCard file" in r.get_json()["error"]


def test_contacts_stay_private(client, headers, auth, make_user):
    create(client, headers, first_name="Mine")
    other = auth.jwt(make_user())
    assert (
        b"BEGIN:VCARD"
        not in client.get("/contacts/export.vcf", headers=other).get_data()
    )


def test_scopes(client, user, auth):
    r = client.get("/contacts/export.vcf", headers=auth.key(user, ["calendars:read"]))
    assert r.status_code == 403
    data = fixture_bytes("contacts_v4.vcf")
    r = import_vcf(client, auth.key(user, ["contacts:read"]), data)
    assert r.status_code == 403
    r = import_vcf(client, auth.key(user, ["contacts:write"]), data)
    assert r.status_code == 200
