"""The MCP tools: each is a REST operation's arguments, scopes, service call and
response schema, under a name an agent can pick.

A tool's arguments are the operation's path parameters, query and body schemas
side by side (``schemas.combined``); its result is dumped with the operation's
response schema. The JSON Schemas an agent sees come from those same classes
(``calapp.mcp.schemas``), and ``run`` calls the service functions the REST view
calls, so permissions (``calapp.policy``) are checked by the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import marshmallow as ma
from flask import current_app, has_request_context, request

from calapp.api import page_of
from calapp.availability import service as availability
from calapp.availability.schemas import (
    AvailabilityArgsSchema,
    AvailabilitySchema,
    FindSlotsSchema,
    FoundSlotsSchema,
)
from calapp.booking import holds, links, reservations
from calapp.booking import service as booking
from calapp.booking.schemas import AvailabilityArgsSchema as SlotsArgsSchema
from calapp.booking.schemas import (
    BookingLinkCreateSchema,
    BookingLinkListArgsSchema,
    BookingLinkSchema,
    HoldCreateSchema,
    HoldSchema,
    PublicAvailabilitySchema,
    PublicLinkSchema,
    ReservationSchema,
    ReserveSchema,
)
from calapp.calendars import service as calendars
from calapp.calendars.schemas import (
    CalendarListArgsSchema,
    CalendarSchema,
    DeletedCalendarSchema,
)
from calapp.contacts import service as contacts
from calapp.contacts.schemas import (
    ContactCreateSchema,
    ContactListArgsSchema,
    ContactSchema,
    DeletedContactSchema,
)
from calapp.events import attendees, instances, reminders
from calapp.events import service as events
from calapp.events import sync as events_sync
from calapp.events.schemas import (
    AttendeeCreateSchema,
    AttendeeSchema,
    AttendeeUpdateSchema,
    DeletedEventSchema,
    EventCreateSchema,
    EventQueryArgsSchema,
    EventSchema,
    EventUpdateResultSchema,
    EventUpdateSchema,
    InstanceArgsSchema,
    ReminderCreateSchema,
    ReminderListSchema,
)
from calapp.extensions import db
from calapp.ics import export
from calapp.ics import service as ics
from calapp.mcp.schemas import combined
from calapp.security import Principal
from calapp.users import service as users


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    scopes: tuple[str, ...]
    arguments: type[ma.Schema]
    run: Callable[[Principal, dict], Any]
    # None: the result is text (``run`` returns a str), not structured content.
    output: type[ma.Schema] | None
    writes: bool = False
    # The result is already in ``output``'s shape (the events read path).
    shaped: bool = False

    def allowed(self, principal: Principal) -> bool:
        return all(principal.has_scope(scope) for scope in self.scopes)


def _uuid(description: str) -> ma.fields.UUID:
    return ma.fields.UUID(required=True, metadata={"description": description})


EVENT_ID = {"event_id": _uuid("The event's id")}
CALENDAR_ID = {"calendar_id": _uuid("The calendar's id")}
TOKEN = {
    "token": ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "The booking link's token (from its public URL)"},
    )
}
OCCURRENCE = {
    **EVENT_ID,
    "original_start_time": ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=64),
        metadata={
            "description": "The occurrence's original_start_time (RFC 3339), as "
            "list_events returns it"
        },
    ),
}


def _event(principal: Principal, event_id, dropped=None):
    """The event as stored after the commit, with its children."""
    event = events.get(principal, event_id)
    if dropped:
        event.dropped_exceptions = dropped
    return event


def _base_url() -> str:
    config = current_app.config
    if config.get("PUBLIC_BASE_URL"):
        return config["PUBLIC_BASE_URL"]
    if has_request_context():
        return request.host_url
    return f"http://127.0.0.1:{config.get('PORT', 3019)}/"


def _client(principal: Principal) -> str:
    """Whose holds count together: over HTTP the client's network, as on the
    public route; over stdio the key's owner."""
    secret = current_app.config["SECRET_KEY"]
    if has_request_context():
        return holds.client_key(request.remote_addr, secret)
    return holds.client_key(None, f"{secret}:{principal.user_id}")


# --- the runs: the REST views' bodies ----------------------------------------------


def list_calendars(principal, args):
    return calendars.listing(principal, args)


def list_events(principal, args):
    return events_sync.listing(principal, args)


def get_event(principal, args):
    return events.get(principal, args["event_id"])


def create_event(principal, args):
    event = events.create(principal, args, users.now())
    db.session.commit()
    return _event(principal, event.id)


def update_event(principal, args):
    event_id = args.pop("event_id")
    event = events.update(principal, event_id, args, users.now())
    dropped = getattr(event, "dropped_exceptions", None)
    db.session.commit()
    return _event(principal, event_id, dropped)


def delete_event(principal, args):
    events.delete(principal, args["event_id"], users.now())
    db.session.commit()
    return f"Deleted event {args['event_id']}"


def update_occurrence(principal, args):
    event_id, slot, scope = (
        args.pop("event_id"),
        instances.parse_slot(args.pop("original_start_time")),
        args.pop("scope"),
    )
    shown_id, dropped = instances.update_instance(
        principal, event_id, slot, args, users.now(), scope
    )
    db.session.commit()
    return _event(principal, shown_id, dropped)


def delete_occurrence(principal, args):
    slot = instances.parse_slot(args["original_start_time"])
    instances.cancel_instance(
        principal, args["event_id"], slot, users.now(), args["scope"]
    )
    db.session.commit()
    return f"Cancelled the occurrence of {args['original_start_time']}" + (
        " and every later one" if args["scope"] == "following" else ""
    )


def rsvp(principal, args):
    event_id, attendee_id = args.pop("event_id"), args.pop("attendee_id")
    attendee = attendees.update(principal, event_id, attendee_id, args, users.now())
    db.session.commit()
    return attendee


def add_attendee(principal, args):
    attendee = attendees.add(
        principal, args["event_id"], args["email"], args.get("name"), users.now()
    )
    db.session.commit()
    return attendee


def add_reminders(principal, args):
    items = reminders.add(
        principal,
        args["event_id"],
        args["minutes_before"],
        users.now(),
        notify_attendees=args.get("notify_attendees"),
    )
    db.session.commit()
    return {"items": items}


def get_free_busy(principal, args):
    return availability.free_busy(
        principal, args["calendar_id"], args["start"], args["end"]
    )


def find_free_slots(principal, args):
    return availability.find_common_slots(principal, args)


def list_booking_links(principal, args):
    items, cursor = links.links_page(
        principal, args["calendar_id"], args["limit"], args["cursor"]
    )
    base = _base_url()
    return {"items": [links.shown(link, base) for link in items], "next_cursor": cursor}


def create_booking_link(principal, args):
    link = links.create_link(principal, args.pop("calendar_id"), args, users.now())
    db.session.commit()
    return links.shown(link, _base_url())


def get_booking_link(principal, args):
    return booking.public_link(args["token"])


def get_booking_availability(principal, args):
    return booking.availability(args["token"], args["start"], args["end"], users.now())


def hold_booking_slot(principal, args):
    policy = holds.policy_from(current_app.config)
    token = args.pop("token")
    hold = holds.hold(
        token, args, users.now(), client=_client(principal), policy=policy
    )
    db.session.commit()
    return {"hold_id": hold.id, "expires_at": hold.expires_at}


def reserve_booking_slot(principal, args):
    token = args.pop("token")
    made, secret = reservations.reserve(token, args, users.now())
    db.session.commit()
    event = reservations.visitor_event(made, args)
    return {
        "ok": True,
        "status": reservations.reservation_status(made),
        "event": event,
        "booking": reservations.booking_view(made, secret),
    }


def search_contacts(principal, args):
    return contacts.listing(principal, args)


def create_contact(principal, args):
    contact = contacts.create(principal, args, users.now())
    db.session.commit()
    return contact


def export_calendar_ics(principal, args):
    calendar = ics.readable_calendar(principal, args["calendar_id"])
    return b"".join(export.stream(calendar)).decode("utf-8")


# --- the catalogue ---------------------------------------------------------------


def _tool(run, description, scopes, arguments, output, writes=False, **kw):
    """A tool named as the function that runs it."""
    return Tool(
        name=run.__name__,
        description=description,
        scopes=tuple(scopes),
        arguments=arguments,
        run=run,
        output=output,
        writes=writes,
        **kw,
    )


def _args(name: str, *parts, **fields):
    return combined(name.title().replace("_", "") + "Arguments", *parts, **fields)


TOOLS: tuple[Tool, ...] = (
    _tool(
        list_calendars,
        "List the calendars you can read, with your role (owner, editor, viewer).",
        ["calendars:read"],
        _args("list_calendars", CalendarListArgsSchema),
        page_of(CalendarSchema, DeletedCalendarSchema),
    ),
    _tool(
        list_events,
        "List or search events by start time. With start and end, recurring events "
        "are expanded into their occurrences in [start, end) (each with series_id "
        "and original_start_time); search matches title, description and location.",
        ["events:read"],
        _args("list_events", EventQueryArgsSchema),
        page_of(EventSchema, DeletedEventSchema),
        shaped=True,
    ),
    _tool(
        get_event,
        "Get an event with its attendees and reminders.",
        ["events:read"],
        _args("get_event", **EVENT_ID),
        EventSchema,
    ),
    _tool(
        create_event,
        "Create an event on a calendar you can edit (recurrence_rule: an RFC 5545 "
        "RRULE). Times are RFC 3339 with Z or an offset.",
        ["events:write"],
        _args("create_event", EventCreateSchema),
        EventSchema,
        writes=True,
    ),
    _tool(
        update_event,
        "Change an event (only the fields given); on a recurring event this changes "
        "every occurrence (use update_occurrence for one).",
        ["events:write"],
        _args("update_event", EventUpdateSchema, **EVENT_ID),
        EventUpdateResultSchema,
        writes=True,
    ),
    _tool(
        delete_event,
        "Delete an event (a recurring one with all its occurrences).",
        ["events:write"],
        _args("delete_event", **EVENT_ID),
        None,
        writes=True,
    ),
    _tool(
        update_occurrence,
        "Change one occurrence of a recurring event (scope=this) or it and every "
        "later one (scope=following, which splits the series).",
        ["events:write"],
        _args("update_occurrence", InstanceArgsSchema, EventUpdateSchema, **OCCURRENCE),
        EventUpdateResultSchema,
        writes=True,
    ),
    _tool(
        delete_occurrence,
        "Cancel one occurrence of a recurring event (scope=this) or it and every "
        "later one (scope=following).",
        ["events:write"],
        _args("delete_occurrence", InstanceArgsSchema, **OCCURRENCE),
        None,
        writes=True,
    ),
    _tool(
        rsvp,
        "Answer an invitation: set an attendee's status (accepted, declined, "
        "tentative, needs_action); by the attendee, or an editor of the calendar.",
        ["events:write"],
        _args(
            "rsvp",
            AttendeeUpdateSchema,
            **EVENT_ID,
            attendee_id=_uuid("The attendee's id (in the event's attendees)"),
        ),
        AttendeeSchema,
        writes=True,
    ),
    _tool(
        add_attendee,
        "Invite someone to an event by email.",
        ["events:write"],
        _args("add_attendee", AttendeeCreateSchema, **EVENT_ID),
        AttendeeSchema,
        writes=True,
    ),
    _tool(
        add_reminders,
        "Add reminders to an event, minutes before its start (one or a list).",
        ["events:write"],
        _args("add_reminders", ReminderCreateSchema, **EVENT_ID),
        ReminderListSchema,
        writes=True,
    ),
    _tool(
        get_free_busy,
        "Get the busy blocks of calendars you can read in a window (recurring "
        "events expanded; cancelled events and declined invitations are free).",
        ["availability:read"],
        _args("get_free_busy", AvailabilityArgsSchema),
        AvailabilitySchema,
    ),
    _tool(
        find_free_slots,
        "Find slots of a given length free in every listed calendar, within "
        "working hours.",
        ["availability:read"],
        _args("find_free_slots", FindSlotsSchema),
        FoundSlotsSchema,
    ),
    _tool(
        list_booking_links,
        "List a calendar's booking links, active or not (owner only).",
        ["booking:read"],
        _args("list_booking_links", BookingLinkListArgsSchema, **CALENDAR_ID),
        page_of(BookingLinkSchema),
    ),
    _tool(
        create_booking_link,
        "Create a public booking link for a calendar you own; its public_url is "
        "what you share.",
        ["booking:write"],
        _args("create_booking_link", BookingLinkCreateSchema, **CALENDAR_ID),
        BookingLinkSchema,
        writes=True,
    ),
    _tool(
        get_booking_link,
        "Get a public booking link's settings by its token (anyone's link).",
        [],
        _args("get_booking_link", **TOKEN),
        PublicLinkSchema,
    ),
    _tool(
        get_booking_availability,
        "Get the free slots a booking link offers in a range (at most 62 days).",
        [],
        _args("get_booking_availability", SlotsArgsSchema, **TOKEN),
        PublicAvailabilitySchema,
    ),
    _tool(
        hold_booking_slot,
        "Hold an offered slot of a booking link for a few minutes, then reserve it "
        "with the hold_id.",
        ["booking:write"],
        _args("hold_booking_slot", HoldCreateSchema, **TOKEN),
        HoldSchema,
        writes=True,
    ),
    _tool(
        reserve_booking_slot,
        "Book an offered slot of a booking link (slot_unavailable when taken); "
        "keep the booking's manage_token to cancel or reschedule.",
        ["booking:write"],
        _args("reserve_booking_slot", ReserveSchema, **TOKEN),
        ReservationSchema,
        writes=True,
    ),
    _tool(
        search_contacts,
        "List your contacts; search matches names, email, phone and company.",
        ["contacts:read"],
        _args("search_contacts", ContactListArgsSchema),
        page_of(ContactSchema, DeletedContactSchema),
    ),
    _tool(
        create_contact,
        "Add a contact to your address book.",
        ["contacts:write"],
        _args("create_contact", ContactCreateSchema),
        ContactSchema,
        writes=True,
    ),
    _tool(
        export_calendar_ics,
        "Export a calendar you can read as iCalendar (RFC 5545) text.",
        ["calendars:read", "events:read"],
        _args("export_calendar_ics", **CALENDAR_ID),
        None,
    ),
)

BY_NAME = {tool.name: tool for tool in TOOLS}
