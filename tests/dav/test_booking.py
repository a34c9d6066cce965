"""One store: an event a CalDAV client PUTs is busy time for booking links."""

from tests.booking.helpers import MONDAY, Booker, Clock, at


def test_an_event_put_over_caldav_makes_its_slot_busy_for_a_booking_link(
    client, auth, make_user, dav_as, monkeypatch
):
    from calapp.users import service

    monkeypatch.setattr(service, "now", Clock(MONDAY))
    owner = make_user()
    booker = Booker(client, auth.jwt(owner))
    calendar = booker.calendar()
    link = booker.link(calendar["id"])
    window = (at(MONDAY, "09:00"), at(MONDAY, "11:00"))
    before = booker.starts(link["token"], *window)
    assert "2027-03-01T10:00:00Z" in before

    body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\n"
        "BEGIN:VEVENT\r\nUID:dentist@phone\r\nDTSTAMP:20270201T000000Z\r\n"
        "DTSTART:20270301T100000Z\r\nDTEND:20270301T103000Z\r\n"
        "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    r = dav_as(owner)(
        "PUT",
        f"/dav/calendars/{owner.id}/{calendar['id']}/dentist.ics",
        body,
        If_None_Match="*",
        Content_Type="text/calendar",
    )
    assert r.status_code == 201

    after = booker.starts(link["token"], *window)
    assert after == [s for s in before if s != "2027-03-01T10:00:00Z"]
