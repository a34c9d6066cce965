"""CalDAV/CardDAV over plain HTTP: discovery, properties, objects, REPORTs,
preconditions, and the same store as REST."""

import io
from datetime import UTC, datetime, timedelta

import defusedxml.ElementTree as ET
import pytest

from tests.dav.conftest import basic

D, C, CR = (
    "{DAV:}",
    "{urn:ietf:params:xml:ns:caldav}",
    "{urn:ietf:params:xml:ns:carddav}",
)
CS, ICAL = "{http://calendarserver.org/ns/}", "{http://apple.com/ns/ical/}"

WEEKLY = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Berlin:20260105T090000\r
DTEND;TZID=Europe/Berlin:20260105T093000\r
RRULE:FREQ=WEEKLY;COUNT=10\r
SUMMARY:Standup\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:Standup\r
TRIGGER:-PT15M\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;TZID=Europe/Berlin:20260112T090000\r
DTSTART;TZID=Europe/Berlin:20260112T110000\r
DTEND;TZID=Europe/Berlin:20260112T113000\r
SUMMARY:Standup (moved)\r
END:VEVENT\r
END:VCALENDAR\r
"""

SINGLE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:{uid}\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260110T100000Z\r
DTEND:20260110T110000Z\r
SUMMARY:{title}\r
END:VEVENT\r
END:VCALENDAR\r
"""

CARD = """BEGIN:VCARD\r
VERSION:{version}\r
UID:{uid}\r
FN:Ada Lovelace\r
N:Lovelace;Ada;;;\r
EMAIL:ada@example.com\r
TEL:+44 20 7946 0000\r
END:VCARD\r
"""


def xml(response):
    return ET.fromstring(response.data)


def propfind(*props):
    inner = "".join(props)
    return (
        '<?xml version="1.0"?><D:propfind xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:caldav" '
        'xmlns:CR="urn:ietf:params:xml:ns:carddav" '
        'xmlns:CS="http://calendarserver.org/ns/" '
        f'xmlns:I="http://apple.com/ns/ical/"><D:prop>{inner}</D:prop></D:propfind>'
    )


def responses(tree) -> dict:
    """href -> {property tag: element} of the 200 propstats; status-only too."""
    found = {}
    for response in tree.findall(f"{D}response"):
        href = response.findtext(f"{D}href")
        props = {}
        for propstat in response.findall(f"{D}propstat"):
            if " 200 " in propstat.findtext(f"{D}status") + " ":
                for prop in propstat.find(f"{D}prop"):
                    props[prop.tag] = prop
        status = response.findtext(f"{D}status")
        found[href] = status if status else props
    return found


@pytest.fixture
def calendar(client, headers):
    response = client.post(
        "/calendars",
        json={"name": "Work", "timezone": "Europe/Berlin"},
        headers=headers,
    )
    return response.get_json()


def rest_event(client, headers, calendar, title: str) -> dict:
    """An hour on 1 March 2026, made through REST."""
    response = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": title,
            "start_time": "2026-03-01T10:00:00Z",
            "end_time": "2026-03-01T11:00:00Z",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def upload_file(client, headers, event_id, size: int) -> None:
    upload = client.post(
        f"/events/{event_id}/attachments",
        data={"file": (io.BytesIO(b"x" * size), "notes.txt", "text/plain")},
        content_type="multipart/form-data",
        headers=headers,
    )
    assert upload.status_code == 201, upload.get_json()


def cal_path(user, calendar):
    return f"/dav/calendars/{user.id}/{calendar['id']}/"


# --- discovery and auth -------------------------------------------------------------


def test_well_known_redirects_to_dav(client):
    for name in ("caldav", "carddav"):
        response = client.open(f"/.well-known/{name}", method="PROPFIND")
        assert response.status_code == 301
        assert response.headers["Location"].endswith("/dav/")


def test_without_credentials_is_401_with_basic_challenge(client):
    response = client.open("/dav/", method="PROPFIND")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith('Basic realm="calapp"')
    assert xml(response).tag == f"{D}error"


def test_wrong_password_is_401(client, user):
    response = client.open(
        "/dav/", method="PROPFIND", headers=basic(user.email, "wrong-password-1")
    )
    assert response.status_code == 401


def test_api_key_of_another_account_is_401(client, make_user, auth, user):
    other = make_user()
    key = auth.key(other, ["calendars:read"])["X-API-Key"]
    response = client.open("/dav/", method="PROPFIND", headers=basic(user.email, key))
    assert response.status_code == 401


def test_options_announces_calendar_access(client):
    response = client.open("/dav/", method="OPTIONS")
    assert "calendar-access" in response.headers["DAV"]
    assert "addressbook" in response.headers["DAV"]


def test_discovery_from_root_to_calendars(dav, user, calendar):
    root = responses(
        xml(
            dav("PROPFIND", "/dav/", propfind("<D:current-user-principal/>"), Depth="0")
        )
    )
    principal = root["/dav/"][f"{D}current-user-principal"].findtext(f"{D}href")
    assert principal == f"/dav/principals/{user.id}/"
    found = responses(
        xml(
            dav(
                "PROPFIND",
                principal,
                propfind("<C:calendar-home-set/>", "<CR:addressbook-home-set/>"),
                Depth="0",
            )
        )
    )[principal]
    home = found[f"{C}calendar-home-set"].findtext(f"{D}href")
    assert (
        found[f"{CR}addressbook-home-set"].findtext(f"{D}href")
        == f"/dav/addressbooks/{user.id}/"
    )
    listing = responses(
        xml(
            dav(
                "PROPFIND",
                home,
                propfind(
                    "<D:resourcetype/>",
                    "<D:displayname/>",
                    "<CS:getctag/>",
                    "<D:sync-token/>",
                    "<I:calendar-color/>",
                    "<C:supported-calendar-component-set/>",
                    "<D:current-user-privilege-set/>",
                    "<D:supported-report-set/>",
                ),
                Depth="1",
            )
        )
    )
    props = listing[cal_path(user, calendar)]
    assert props[f"{D}displayname"].text == "Work"
    assert props[f"{D}resourcetype"].find(f"{C}calendar") is not None
    assert props[f"{C}supported-calendar-component-set"][0].get("name") == "VEVENT"
    assert props[f"{D}sync-token"].text.startswith("urn:calapp:sync:")
    assert props[f"{CS}getctag"].text
    privileges = {p[0].tag for p in props[f"{D}current-user-privilege-set"]}
    assert f"{D}write-content" in privileges
    reports = {r[0][0].tag for r in props[f"{D}supported-report-set"]}
    assert f"{D}sync-collection" in reports and f"{C}calendar-query" in reports


def test_other_users_home_is_404(dav, make_user):
    other = make_user()
    assert dav("PROPFIND", f"/dav/calendars/{other.id}/", Depth="0").status_code == 404


# --- objects ------------------------------------------------------------------------


def test_put_recurring_object_keeps_href_and_shows_in_rest(
    dav, client, headers, user, calendar
):
    path = cal_path(user, calendar) + "client-chosen.ics"
    response = dav("PUT", path, WEEKLY, If_None_Match="*", Content_Type="text/calendar")
    assert response.status_code == 201
    got = dav("GET", path)
    assert got.status_code == 200
    body = got.data.decode()
    assert body.count("BEGIN:VEVENT") == 2 and "RECURRENCE-ID" in body
    assert "TRIGGER:-PT15M" in body
    listing = responses(
        xml(
            dav(
                "PROPFIND",
                cal_path(user, calendar),
                propfind("<D:getetag/>"),
                Depth="1",
            )
        )
    )
    assert listing[path][f"{D}getetag"].text == got.headers["ETag"]
    rest = client.get(
        f"/events?calendar_id={calendar['id']}&start=2026-01-01T00:00:00Z&end=2026-02-01T00:00:00Z",
        headers=headers,
    ).get_json()["items"]
    titles = [e["title"] for e in rest]
    assert titles.count("Standup") == 3 and "Standup (moved)" in titles


def test_if_none_match_star_on_existing_is_412(dav, user, calendar):
    path = cal_path(user, calendar) + "a.ics"
    assert dav("PUT", path, SINGLE.format(uid="a", title="A")).status_code == 201
    again = dav("PUT", path, SINGLE.format(uid="a", title="B"), If_None_Match="*")
    assert again.status_code == 412


def test_stale_if_match_is_412_and_current_one_updates(dav, user, calendar):
    path = cal_path(user, calendar) + "a.ics"
    dav("PUT", path, SINGLE.format(uid="a", title="A"))
    etag = dav("GET", path).headers["ETag"]
    assert (
        dav(
            "PUT", path, SINGLE.format(uid="a", title="B"), If_Match='"stale"'
        ).status_code
        == 412
    )
    assert (
        dav("PUT", path, SINGLE.format(uid="a", title="B"), If_Match=etag).status_code
        == 204
    )
    assert "SUMMARY:B" in dav("GET", path).data.decode()
    assert dav("DELETE", path, If_Match=etag).status_code == 412


def test_same_uid_at_another_href_is_no_uid_conflict(dav, user, calendar):
    dav("PUT", cal_path(user, calendar) + "a.ics", SINGLE.format(uid="a", title="A"))
    response = dav(
        "PUT", cal_path(user, calendar) + "b.ics", SINGLE.format(uid="a", title="A")
    )
    assert response.status_code == 403
    assert xml(response).find(f"{C}no-uid-conflict") is not None


def test_put_without_exception_removes_it(dav, user, calendar):
    path = cal_path(user, calendar) + "w.ics"
    dav("PUT", path, WEEKLY)
    master_only = (
        WEEKLY.split(
            "BEGIN:VEVENT\r\nUID:weekly-1@example.com\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID"
        )[0]
        + "END:VCALENDAR\r\n"
    )
    assert dav("PUT", path, master_only).status_code == 204
    assert "RECURRENCE-ID" not in dav("GET", path).data.decode()


def test_delete_object_is_gone_from_rest(dav, client, headers, user, calendar):
    path = cal_path(user, calendar) + "a.ics"
    dav("PUT", path, SINGLE.format(uid="a", title="A"))
    assert dav("DELETE", path).status_code == 204
    assert dav("GET", path).status_code == 404
    items = client.get(
        f"/events?calendar_id={calendar['id']}", headers=headers
    ).get_json()["items"]
    assert items == []


def test_rest_event_appears_over_dav_under_its_uid(
    dav, client, headers, user, calendar
):
    event = rest_event(client, headers, calendar, "From REST")
    path = cal_path(user, calendar) + event["ical_uid"] + ".ics"
    assert "SUMMARY:From REST" in dav("GET", path).data.decode()


def test_invalid_calendar_data_is_403_valid_calendar_data(dav, user, calendar):
    response = dav("PUT", cal_path(user, calendar) + "x.ics", "not a calendar")
    assert response.status_code == 403
    assert xml(response).find(f"{C}valid-calendar-data") is not None


def test_oversized_object_is_403_max_resource_size(app, dav, user, calendar):
    body = SINGLE.format(uid="big", title="x" * 600_000)
    response = dav("PUT", cal_path(user, calendar) + "big.ics", body)
    assert response.status_code == 403
    assert xml(response).find(f"{C}max-resource-size") is not None


# --- collections --------------------------------------------------------------------


def test_mkcalendar_proppatch_and_delete(dav, client, headers, user):
    path = f"/dav/calendars/{user.id}/my-new-calendar/"
    body = (
        '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        "<D:set><D:prop><D:displayname>Gym</D:displayname></D:prop></D:set></C:mkcalendar>"
    )
    assert dav("MKCALENDAR", path, body).status_code == 201
    assert dav("MKCALENDAR", path, body).status_code == 405
    patch = (
        '<D:propertyupdate xmlns:D="DAV:" xmlns:I="http://apple.com/ns/ical/" '
        'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
        "<I:calendar-color>#FF0000FF</I:calendar-color>"
        "<C:calendar-description>Lifting</C:calendar-description>"
        "</D:prop></D:set></D:propertyupdate>"
    )
    assert dav("PROPPATCH", path, patch).status_code == 207
    calendars = client.get("/calendars", headers=headers).get_json()["items"]
    gym = next(c for c in calendars if c["name"] == "Gym")
    assert gym["color"] == "#FF0000" and gym["description"] == "Lifting"
    assert dav("DELETE", path).status_code == 204
    assert all(
        c["name"] != "Gym"
        for c in client.get("/calendars", headers=headers).get_json()["items"]
    )


def test_proppatch_of_unknown_property_fails_whole(
    dav, client, headers, user, calendar
):
    patch = (
        '<D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:x"><D:set><D:prop>'
        "<D:displayname>New</D:displayname><X:thing>1</X:thing>"
        "</D:prop></D:set></D:propertyupdate>"
    )
    tree = xml(dav("PROPPATCH", cal_path(user, calendar), patch))
    statuses = [s.text for s in tree.iter(f"{D}status")]
    assert any("424" in s for s in statuses) and any("403" in s for s in statuses)
    assert (
        client.get(f"/calendars/{calendar['id']}", headers=headers).get_json()["name"]
        == "Work"
    )


# --- permissions --------------------------------------------------------------------


@pytest.fixture
def shared(client, headers, calendar, make_user):
    def share(role):
        member = make_user()
        client.post(
            f"/calendars/{calendar['id']}/share",
            json={"user_id": str(member.id), "role": role},
            headers=headers,
        )
        return member

    return share


def test_viewer_reads_but_cannot_write(dav, dav_as, shared, user, calendar):
    dav("PUT", cal_path(user, calendar) + "a.ics", SINGLE.format(uid="a", title="A"))
    viewer = shared("viewer")
    as_viewer = dav_as(viewer)
    path = f"/dav/calendars/{viewer.id}/{calendar['id']}/"
    assert as_viewer("GET", path + "a.ics").status_code == 200
    assert (
        as_viewer("PUT", path + "b.ics", SINGLE.format(uid="b", title="B")).status_code
        == 403
    )
    assert as_viewer("DELETE", path + "a.ics").status_code == 403
    assert as_viewer("DELETE", path).status_code == 403
    listing = responses(
        xml(
            as_viewer(
                "PROPFIND",
                f"/dav/calendars/{viewer.id}/",
                propfind("<D:current-user-privilege-set/>"),
                Depth="1",
            )
        )
    )
    privileges = {p[0].tag for p in listing[path][f"{D}current-user-privilege-set"]}
    assert f"{D}read" in privileges and f"{D}write-content" not in privileges


def test_editor_writes_but_cannot_delete_calendar(dav_as, shared, calendar):
    editor = shared("editor")
    as_editor = dav_as(editor)
    path = f"/dav/calendars/{editor.id}/{calendar['id']}/"
    assert (
        as_editor("PUT", path + "b.ics", SINGLE.format(uid="b", title="B")).status_code
        == 201
    )
    assert as_editor("DELETE", path).status_code == 403


def test_stranger_sees_nothing(dav_as, make_user, calendar):
    stranger = make_user()
    path = f"/dav/calendars/{stranger.id}/{calendar['id']}/"
    assert dav_as(stranger)("PROPFIND", path, Depth="0").status_code == 404


def test_key_scopes_apply(dav_as, user, calendar):
    reader = dav_as(user, ["calendars:read", "events:read"])
    path = cal_path(user, calendar) + "a.ics"
    assert reader("PUT", path, SINGLE.format(uid="a", title="A")).status_code == 403
    writer = dav_as(user, ["calendars:read", "events:write"])
    assert writer("PUT", path, SINGLE.format(uid="a", title="A")).status_code == 201
    no_contacts = dav_as(user, ["calendars:read"])
    assert (
        no_contacts(
            "PROPFIND", f"/dav/addressbooks/{user.id}/contacts/", Depth="0"
        ).status_code
        == 403
    )


# --- REPORTs ------------------------------------------------------------------------


def report(kind, inner, ns='xmlns:C="urn:ietf:params:xml:ns:caldav"'):
    return f'<?xml version="1.0"?><{kind} xmlns:D="DAV:" {ns}>{inner}</{kind}>'


def test_calendar_multiget(dav, user, calendar):
    base = cal_path(user, calendar)
    dav("PUT", base + "a.ics", SINGLE.format(uid="a", title="A"))
    body = report(
        "C:calendar-multiget",
        f"<D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>{base}a.ics</D:href>"
        f"<D:href>{base}missing.ics</D:href>",
    )
    found = responses(xml(dav("REPORT", base, body)))
    assert "SUMMARY:A" in found[base + "a.ics"][f"{C}calendar-data"].text
    assert "404" in found[base + "missing.ics"]


def query(start, end, expand=False):
    data = (
        f'<C:calendar-data><C:expand start="{start}" end="{end}"/></C:calendar-data>'
        if expand
        else ""
    )
    return report(
        "C:calendar-query",
        f'<D:prop><D:getetag/>{data}</D:prop><C:filter><C:comp-filter name="VCALENDAR">'
        f'<C:comp-filter name="VEVENT"><C:time-range start="{start}" end="{end}"/>'
        "</C:comp-filter></C:comp-filter></C:filter>",
    )


def test_calendar_query_time_range(dav, user, calendar):
    base = cal_path(user, calendar)
    dav("PUT", base + "a.ics", SINGLE.format(uid="a", title="A"))
    dav("PUT", base + "w.ics", WEEKLY)
    found = responses(
        xml(dav("REPORT", base, query("20260301T000000Z", "20260310T000000Z")))
    )
    assert list(found) == [base + "w.ics"]
    found = responses(
        xml(dav("REPORT", base, query("20260601T000000Z", "20260701T000000Z")))
    )
    assert found == {}


def test_calendar_query_expand_gives_occurrences_in_utc(dav, user, calendar):
    base = cal_path(user, calendar)
    dav("PUT", base + "w.ics", WEEKLY)
    found = responses(
        xml(
            dav(
                "REPORT",
                base,
                query("20260101T000000Z", "20260115T000000Z", expand=True),
            )
        )
    )
    data = found[base + "w.ics"][f"{C}calendar-data"].text
    assert data.count("BEGIN:VEVENT") == 2 and "RRULE" not in data
    assert "DTSTART:20260105T080000Z" in data and "DTSTART:20260112T100000Z" in data


def test_expand_over_the_limit_is_a_clear_error(app, dav, user, calendar):
    base = cal_path(user, calendar)
    dav("PUT", base + "w.ics", WEEKLY)
    saved, app.config["DAV_MAX_EXPAND_OCCURRENCES"] = (
        app.config["DAV_MAX_EXPAND_OCCURRENCES"],
        3,
    )
    try:
        response = dav(
            "REPORT", base, query("20260101T000000Z", "20260401T000000Z", expand=True)
        )
    finally:
        app.config["DAV_MAX_EXPAND_OCCURRENCES"] = saved
    assert response.status_code == 403
    assert xml(response).find(f"{D}number-of-matches-within-limits") is not None


def test_free_busy_query(dav, user, calendar):
    base = cal_path(user, calendar)
    dav("PUT", base + "a.ics", SINGLE.format(uid="a", title="A"))
    body = report(
        "C:free-busy-query",
        '<C:time-range start="20260110T000000Z" end="20260111T000000Z"/>',
    )
    response = dav("REPORT", base, body)
    assert response.status_code == 200
    assert (
        "FREEBUSY;FBTYPE=BUSY:20260110T100000Z/20260110T110000Z"
        in response.data.decode()
    )


def sync_body(token=""):
    return report(
        "D:sync-collection",
        f"<D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>"
        "<D:prop><D:getetag/></D:prop>",
    )


def test_sync_collection_reports_changes_and_deletions(dav, user, calendar):
    base = cal_path(user, calendar)
    dav("PUT", base + "a.ics", SINGLE.format(uid="a", title="A"))
    first = xml(dav("REPORT", base, sync_body()))
    assert list(responses(first)) == [base + "a.ics"]
    token = first.findtext(f"{D}sync-token")
    none = xml(dav("REPORT", base, sync_body(token)))
    assert responses(none) == {}
    dav("PUT", base + "b.ics", SINGLE.format(uid="b", title="B"))
    dav("DELETE", base + "a.ics")
    changed = responses(
        xml(dav("REPORT", base, sync_body(none.findtext(f"{D}sync-token"))))
    )
    assert f"{D}getetag" in changed[base + "b.ics"]
    assert "404" in changed[base + "a.ics"]


def test_sync_with_bad_token_is_valid_sync_token_error(dav, user, calendar):
    response = dav(
        "REPORT", cal_path(user, calendar), sync_body("urn:calapp:sync:forged.x")
    )
    assert response.status_code == 403
    assert xml(response).find(f"{D}valid-sync-token") is not None


def test_unsupported_report_is_403(dav, user, calendar):
    body = report("C:calendar-free", "")
    response = dav("REPORT", cal_path(user, calendar), body)
    assert response.status_code == 403
    assert xml(response).find(f"{D}supported-report") is not None


# --- address book -------------------------------------------------------------------


def test_address_book_vcard_3_and_4_round_trip_with_rest(dav, client, headers, user):
    book = f"/dav/addressbooks/{user.id}/contacts/"
    assert (
        dav(
            "PUT", book + "ada.vcf", CARD.format(version="4.0", uid="ada-1")
        ).status_code
        == 201
    )
    assert (
        dav(
            "PUT",
            book + "bob.vcf",
            CARD.format(version="3.0", uid="bob-1").replace("Ada", "Bob"),
        ).status_code
        == 201
    )
    contacts = client.get("/contacts", headers=headers).get_json()["items"]
    assert {c["first_name"] for c in contacts} == {"Ada", "Bob"}
    card = dav("GET", book + "ada.vcf")
    assert "VERSION:3.0" in card.data.decode() and card.headers["ETag"]
    multiget = report(
        "CR:addressbook-multiget",
        f"<D:prop><D:getetag/><CR:address-data/></D:prop><D:href>{book}ada.vcf</D:href>",
        'xmlns:CR="urn:ietf:params:xml:ns:carddav"',
    )
    found = responses(xml(dav("REPORT", book, multiget)))
    assert "FN:Ada Lovelace" in found[book + "ada.vcf"][f"{CR}address-data"].text
    query_body = report(
        "CR:addressbook-query",
        '<D:prop><D:getetag/></D:prop><CR:filter><CR:prop-filter name="FN">'
        "<CR:text-match>bob</CR:text-match></CR:prop-filter></CR:filter>",
        'xmlns:CR="urn:ietf:params:xml:ns:carddav"',
    )
    assert list(responses(xml(dav("REPORT", book, query_body)))) == [book + "bob.vcf"]


def test_address_book_sync_and_rest_delete(dav, client, headers, user):
    book = f"/dav/addressbooks/{user.id}/contacts/"
    dav("PUT", book + "ada.vcf", CARD.format(version="3.0", uid="ada-1"))
    token = xml(dav("REPORT", book, sync_body())).findtext(f"{D}sync-token")
    contact = client.get("/contacts", headers=headers).get_json()["items"][0]
    assert (
        client.delete(f"/contacts/{contact['id']}", headers=headers).status_code == 204
    )
    changed = responses(xml(dav("REPORT", book, sync_body(token))))
    assert "404" in changed[book + "ada.vcf"]


def test_rest_contact_is_a_card(dav, client, headers, user):
    client.post(
        "/contacts",
        json={"first_name": "Grace", "email": "grace@example.com"},
        headers=headers,
    )
    book = f"/dav/addressbooks/{user.id}/contacts/"
    listing = responses(xml(dav("PROPFIND", book, propfind("<D:getetag/>"), Depth="1")))
    cards = [href for href in listing if href != book]
    assert len(cards) == 1
    assert "FN:Grace" in dav("GET", cards[0]).data.decode()


def test_dav_write_lands_in_the_change_log(app, dav, client, headers, user, calendar):
    token = client.get(
        f"/events?calendar_id={calendar['id']}", headers=headers
    ).get_json()["next_sync_token"]
    dav("PUT", cal_path(user, calendar) + "a.ics", SINGLE.format(uid="a", title="A"))
    changed = client.get(
        f"/events?calendar_id={calendar['id']}&sync_token={token}", headers=headers
    ).get_json()["items"]
    assert [e["title"] for e in changed] == ["A"]


def _etags(tree) -> dict:
    return {
        href: props[f"{D}getetag"].text
        for href, props in responses(tree).items()
        if isinstance(props, dict) and f"{D}getetag" in props
    }


def test_etag_is_one_value_on_every_path_and_follows_rest_child_edits(
    dav, client, headers, user, calendar
):
    """The ETag comes from what the object is rendered from, not from its
    bytes: GET, PROPFIND, multiget and expand agree, and a REST change of a
    reminder or an attendee (rows of other tables) changes it."""
    path = cal_path(user, calendar)
    dav("PUT", path + "standup.ics", WEEKLY, Content_Type="text/calendar")
    etag = dav("GET", path + "standup.ics").headers["ETag"]
    assert dav("GET", path + "standup.ics").headers["ETag"] == etag
    listed = _etags(xml(dav("PROPFIND", path, propfind("<D:getetag/>"), Depth="1")))
    assert listed == {path + "standup.ics": etag}
    multiget = (
        '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f"<D:prop><D:getetag/></D:prop><D:href>{path}standup.ics</D:href>"
        "</C:calendar-multiget>"
    )
    assert _etags(xml(dav("REPORT", path, multiget))) == listed
    expand = (
        '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        '<D:prop><D:getetag/><C:calendar-data><C:expand start="20260101T000000Z" '
        'end="20260201T000000Z"/></C:calendar-data></D:prop><C:filter>'
        '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
        '<C:time-range start="20260101T000000Z" end="20260201T000000Z"/>'
        "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"
    )
    assert _etags(xml(dav("REPORT", path, expand, Depth="1"))) == listed

    window = "start=2026-01-01T00:00:00Z&end=2026-01-06T00:00:00Z"
    event = client.get(
        f"/events?calendar_id={calendar['id']}&{window}", headers=headers
    ).get_json()["items"][0]
    master = event.get("series_id") or event["id"]
    response = client.post(
        f"/events/{master}/attendees",
        json={"email": "grace@example.com", "name": "Grace"},
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    after_attendee = dav("GET", path + "standup.ics")
    assert after_attendee.headers["ETag"] != etag
    assert "grace@example.com" in after_attendee.data.decode()
    response = client.post(
        f"/events/{master}/reminders", json={"minutes_before": 60}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    after_reminder = dav("GET", path + "standup.ics")
    assert after_reminder.headers["ETag"] not in (etag, after_attendee.headers["ETag"])
    assert "TRIGGER:-PT1H" in after_reminder.data.decode()
    stale = dav(
        "PUT", path + "standup.ics", WEEKLY, Content_Type="text/calendar", If_Match=etag
    )
    assert stale.status_code == 412


def test_calendar_query_limit_recurrence_set_keeps_the_series_and_nearby_exceptions(
    dav, user, calendar
):
    """RFC 4791 §9.6.6: the series, and only the exceptions that move an
    occurrence into or out of the range; the ETag is the whole object's."""
    path = cal_path(user, calendar)
    dav("PUT", path + "standup.ics", WEEKLY, Content_Type="text/calendar")
    etag = dav("GET", path + "standup.ics").headers["ETag"]

    def query(start: str, end: str) -> tuple[str, str]:
        body = (
            '<C:calendar-query xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>'
            f'<C:calendar-data><C:limit-recurrence-set start="{start}" '
            f'end="{end}"/></C:calendar-data></D:prop><C:filter>'
            '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
            "</C:comp-filter></C:filter></C:calendar-query>"
        )
        found = responses(xml(dav("REPORT", path, body, Depth="1")))
        props = found[path + "standup.ics"]
        return props[f"{D}getetag"].text, props[f"{C}calendar-data"].text

    got_etag, data = query("20260201T000000Z", "20260301T000000Z")
    assert got_etag == etag
    assert data.count("BEGIN:VEVENT") == 1 and "RRULE:" in data
    assert "Standup (moved)" not in data
    _, data = query("20260112T000000Z", "20260113T000000Z")
    assert data.count("BEGIN:VEVENT") == 2 and "Standup (moved)" in data


def test_quota_is_the_attachment_quota_and_only_when_asked(
    app, dav, client, headers, user, calendar
):
    """RFC 4331 on the calendar home and a calendar: the user's attachment
    quota (files uploaded to events), absent from allprop."""
    path = cal_path(user, calendar)
    quota = app.config["ATTACHMENT_QUOTA_BYTES"]
    asked = propfind("<D:quota-used-bytes/>", "<D:quota-available-bytes/>")

    def figures(target):
        props = responses(xml(dav("PROPFIND", target, asked, Depth="0")))[target]
        return (
            int(props[f"{D}quota-used-bytes"].text),
            int(props[f"{D}quota-available-bytes"].text),
        )

    assert figures(path) == (0, quota)
    event = rest_event(client, headers, calendar, "With a file")
    upload_file(client, headers, event["id"], 1000)
    assert figures(path) == (1000, quota - 1000)
    assert figures(f"/dav/calendars/{user.id}/") == (1000, quota - 1000)
    everything = '<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>'
    listed = responses(xml(dav("PROPFIND", path, everything, Depth="0")))[path]
    assert f"{D}quota-used-bytes" not in listed


def test_extended_mkcol_makes_a_calendar_and_refuses_a_second_address_book(
    dav, client, headers, user
):
    """RFC 5689, as some clients send instead of MKCALENDAR."""
    path = f"/dav/calendars/{user.id}/from-mkcol/"
    body = (
        '<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" '
        'xmlns:I="http://apple.com/ns/ical/"><D:set><D:prop><D:resourcetype>'
        "<D:collection/><C:calendar/></D:resourcetype>"
        "<D:displayname>Made by MKCOL</D:displayname>"
        "<I:calendar-color>#FF8800FF</I:calendar-color>"
        "</D:prop></D:set></D:mkcol>"
    )
    assert "extended-mkcol" in dav("OPTIONS", "/dav/").headers["DAV"]
    made = dav("MKCOL", path, body)
    assert made.status_code == 201, made.data
    listed = client.get("/calendars", headers=headers).get_json()["items"]
    made_one = next(c for c in listed if c["name"] == "Made by MKCOL")
    assert made_one["color"].upper().startswith("#FF8800")
    assert dav("MKCOL", path, body).status_code == 405
    book = body.replace(
        "<C:calendar/>", '<R:addressbook xmlns:R="urn:ietf:params:xml:ns:carddav"/>'
    )
    refused = dav("MKCOL", f"/dav/calendars/{user.id}/book/", book)
    assert refused.status_code == 403 and b"valid-resourcetype" in refused.data
    plain = dav("MKCOL", f"/dav/calendars/{user.id}/plain/")
    assert plain.status_code == 403


def test_an_object_with_a_file_has_a_new_etag_when_its_link_is_signed_anew(
    monkeypatch, dav, client, headers, user, calendar
):
    """An uploaded file is an ATTACH link signed until a day boundary: the
    bytes change when the link is signed anew, and so does the ETag (the
    same bytes, the same ETag, within the day)."""
    from calapp.dav import calendars as dav_calendars
    from calapp.ics import export

    event = rest_event(client, headers, calendar, "With a file")
    upload_file(client, headers, event["id"], 10)
    path = cal_path(user, calendar) + event["ical_uid"] + ".ics"
    first, again = dav("GET", path), dav("GET", path)
    assert b"ATTACH;" in first.data
    assert (again.headers["ETag"], again.data) == (first.headers["ETag"], first.data)
    later = datetime.now(UTC) + timedelta(days=3)
    monkeypatch.setattr(dav_calendars, "utcnow", lambda: later)
    monkeypatch.setattr(export, "utcnow", lambda: later)
    moved = dav("GET", path)
    assert moved.data != first.data
    assert moved.headers["ETag"] != first.headers["ETag"]
