from flask.views import MethodView

from calapp.api import (
    Blueprint,
    check_if_match,
    current_principal,
    page_of,
    with_etag,
)
from calapp.events import attendees, reminders, service
from calapp.events.schemas import (
    AttendeeCreateSchema,
    AttendeeSchema,
    AttendeeUpdateSchema,
    EventCreateSchema,
    EventQueryArgsSchema,
    EventSchema,
    EventUpdateSchema,
    ReminderCreateSchema,
    ReminderListSchema,
)
from calapp.extensions import db
from calapp.users.service import now

blp = Blueprint(
    "events",
    __name__,
    url_prefix="/events",
    description="Events, their reminders and attendees",
)


def _event_response(event_id, status: int = 200):
    """The event as stored after the commit, with its children and ETag."""
    event = service.get(current_principal(), event_id)
    return with_etag(event, service.etag(event), status)


@blp.route("")
class EventsView(MethodView):
    @blp.auth_required("events:read")
    @blp.arguments(EventQueryArgsSchema, location="query")
    @blp.response(200, page_of(EventSchema))
    @blp.errors(404)
    def get(self, args):
        """List the events you can read, by start time"""
        items, cursor = service.list_page(
            current_principal(),
            limit=args["limit"],
            cursor=args["cursor"],
            start=args.get("start"),
            end=args.get("end"),
            calendar_ids=args.get("calendar_id"),
            search=args.get("search"),
            tags=args.get("tag"),
        )
        return {"items": items, "next_cursor": cursor}

    @blp.auth_required("events:write")
    @blp.arguments(EventCreateSchema)
    @blp.response(201, EventSchema)
    @blp.errors(404, 409)
    def post(self, data):
        """Create an event on a calendar you can edit"""
        event = service.create(current_principal(), data, now())
        db.session.commit()
        return _event_response(event.id, 201)


@blp.route("/<uuid:event_id>")
class EventByIdView(MethodView):
    @blp.auth_required("events:read")
    @blp.response(200, EventSchema)
    @blp.etag_get()
    @blp.errors(400, 404)
    def get(self, event_id):
        """Get an event"""
        event = service.get(current_principal(), event_id)
        return with_etag(event, service.etag(event))

    @blp.auth_required("events:write")
    @blp.arguments(EventUpdateSchema)
    @blp.response(200, EventSchema)
    @blp.errors(404, 409, 412)
    def put(self, changes, event_id):
        """Update an event (partial bodies allowed)"""
        service.update(
            current_principal(), event_id, changes, now(), if_match=check_if_match
        )
        db.session.commit()
        return _event_response(event_id)

    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404, 412)
    def delete(self, event_id):
        """Delete an event"""
        service.delete(current_principal(), event_id, now(), if_match=check_if_match)
        db.session.commit()


@blp.route("/<uuid:event_id>/reminders")
class RemindersView(MethodView):
    @blp.auth_required("events:write")
    @blp.arguments(ReminderCreateSchema)
    @blp.response(201, ReminderListSchema)
    @blp.errors(404)
    def post(self, data, event_id):
        """Add reminders to an event (at most 10; repeating one is harmless)"""
        items = reminders.add(
            current_principal(), event_id, data["minutes_before"], now()
        )
        db.session.commit()
        return {"items": items}


@blp.route("/<uuid:event_id>/reminders/<uuid:reminder_id>")
class ReminderByIdView(MethodView):
    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, event_id, reminder_id):
        """Remove a reminder from an event"""
        reminders.remove(current_principal(), event_id, reminder_id, now())
        db.session.commit()


@blp.route("/<uuid:event_id>/attendees")
class AttendeesView(MethodView):
    @blp.auth_required("events:write")
    @blp.arguments(AttendeeCreateSchema)
    @blp.response(201, AttendeeSchema)
    @blp.errors(404, 409)
    def post(self, data, event_id):
        """Invite an attendee to an event"""
        attendee = attendees.add(
            current_principal(), event_id, data["email"], data.get("name"), now()
        )
        db.session.commit()
        return attendee


@blp.route("/<uuid:event_id>/attendees/<uuid:attendee_id>")
class AttendeeByIdView(MethodView):
    @blp.auth_required("events:write")
    @blp.arguments(AttendeeUpdateSchema)
    @blp.response(200, AttendeeSchema)
    @blp.errors(404)
    def put(self, changes, event_id, attendee_id):
        """Answer an invitation (status) or rename an attendee (editors)"""
        attendee = attendees.update(
            current_principal(), event_id, attendee_id, changes, now()
        )
        db.session.commit()
        return attendee

    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, event_id, attendee_id):
        """Remove an attendee from an event"""
        attendees.remove(current_principal(), event_id, attendee_id, now())
        db.session.commit()
