from flask.views import MethodView

from calapp.api import (
    Blueprint,
    check_if_match,
    current_principal,
    page_of,
    with_etag,
)
from calapp.events import attendees, instances, reads, reminders, service
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
    InstancesQueryArgsSchema,
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


def _event_response(event_id, status: int = 200, dropped=None):
    """The event as stored after the commit, with its children and ETag."""
    event = service.get(current_principal(), event_id)
    if dropped:  # present only when a change deleted exceptions
        event.dropped_exceptions = dropped
    return with_etag(event, service.etag(event), status)


@blp.route("")
class EventsView(MethodView):
    @blp.doc(operationId="listEvents")
    @blp.auth_required("events:read")
    @blp.arguments(EventQueryArgsSchema, location="query")
    @blp.response(200, page_of(EventSchema, DeletedEventSchema))
    @blp.errors(404, 410)
    def get(self, args):
        """List readable events by start time, or those changed since sync_token

        The main read of a calendar. With start and end, events overlapping the window
        with recurring events expanded into occurrences (series_id and
        original_start_time set); filter by calendar_id, search or tag. With sync_token,
        what changed since a previous listing.
        """
        return reads.json_response(events_sync.listing(current_principal(), args))

    @blp.doc(operationId="createEvent")
    @blp.auth_required("events:write")
    @blp.arguments(EventCreateSchema)
    @blp.response(201, EventSchema)
    @blp.errors(404, 409)
    def post(self, data):
        """Create an event on a calendar you can edit

        A single event, an all-day event (dates) or a recurring series (an RFC 5545
        recurrence_rule), with reminders and attendees in the same call. Needs editor or
        owner rights on the calendar.
        """
        event = service.create(current_principal(), data, now())
        db.session.commit()
        return _event_response(event.id, 201)


@blp.route("/<uuid:event_id>")
class EventByIdView(MethodView):
    @blp.doc(operationId="getEvent")
    @blp.auth_required("events:read")
    @blp.response(200, EventSchema)
    @blp.etag_get()
    @blp.errors(400, 404)
    def get(self, event_id):
        """Get an event

        One event (for a recurring event: the series itself, with its rule) with its
        reminders, attendees and ETag.
        """
        event = service.get(current_principal(), event_id)
        return with_etag(event, service.etag(event))

    @blp.doc(operationId="updateEvent")
    @blp.auth_required("events:write")
    @blp.arguments(EventUpdateSchema)
    @blp.response(200, EventUpdateResultSchema)
    @blp.errors(404, 409, 412)
    def put(self, changes, event_id):
        """Update an event; on a recurring event this changes every occurrence

        Change the fields sent and keep the others. To change a single occurrence of a
        series use PUT /events/{event_id}/instances/{original_start_time} instead.
        """
        event = service.update(
            current_principal(), event_id, changes, now(), if_match=check_if_match
        )
        dropped = getattr(event, "dropped_exceptions", None)
        db.session.commit()
        return _event_response(event_id, dropped=dropped)

    @blp.doc(operationId="deleteEvent")
    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404, 412)
    def delete(self, event_id):
        """Delete an event

        Deletes the event, or a whole recurring series with every occurrence. To cancel
        one occurrence use the instances endpoint.
        """
        service.delete(current_principal(), event_id, now(), if_match=check_if_match)
        db.session.commit()


@blp.route("/<uuid:event_id>/reminders")
class RemindersView(MethodView):
    @blp.doc(operationId="addEventReminders")
    @blp.auth_required("events:write")
    @blp.arguments(ReminderCreateSchema)
    @blp.response(201, ReminderListSchema)
    @blp.errors(404)
    def post(self, data, event_id):
        """Add reminders to an event (at most 10; repeating one is harmless)

        Reminders fire the given minutes before each start (every occurrence of a
        series): in-app, by email and to webhooks, for the owner and optionally the
        attendees.
        """
        items = reminders.add(
            current_principal(),
            event_id,
            data["minutes_before"],
            now(),
            notify_attendees=data.get("notify_attendees"),
        )
        db.session.commit()
        return {"items": items}


@blp.route("/<uuid:event_id>/reminders/<uuid:reminder_id>")
class ReminderByIdView(MethodView):
    @blp.doc(operationId="deleteEventReminder")
    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, event_id, reminder_id):
        """Remove a reminder from an event

        The reminder stops firing for every future occurrence; the others on the event
        stay.
        """
        reminders.remove(current_principal(), event_id, reminder_id, now())
        db.session.commit()


@blp.route("/<uuid:event_id>/attendees")
class AttendeesView(MethodView):
    @blp.doc(operationId="addEventAttendee")
    @blp.auth_required("events:write")
    @blp.arguments(AttendeeCreateSchema)
    @blp.response(201, AttendeeSchema)
    @blp.errors(404, 409)
    def post(self, data, event_id):
        """Invite an attendee to an event

        Invite someone by email; a registered address is linked to its account, which
        can then answer. The attendee starts as needs_action.
        """
        attendee = attendees.add(
            current_principal(), event_id, data["email"], data.get("name"), now()
        )
        db.session.commit()
        return attendee


@blp.route("/<uuid:event_id>/attendees/<uuid:attendee_id>")
class AttendeeByIdView(MethodView):
    @blp.doc(operationId="updateEventAttendee")
    @blp.auth_required("events:write")
    @blp.arguments(AttendeeUpdateSchema)
    @blp.response(200, AttendeeSchema)
    @blp.errors(404)
    def put(self, changes, event_id, attendee_id):
        """Answer an invitation (status) or rename an attendee (editors)

        The attendee answers (accepted, declined, tentative); editors of the calendar
        may also rename an attendee. A declined invitation does not count as busy.
        """
        attendee = attendees.update(
            current_principal(), event_id, attendee_id, changes, now()
        )
        db.session.commit()
        return attendee

    @blp.doc(operationId="removeEventAttendee")
    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, event_id, attendee_id):
        """Remove an attendee from an event

        Takes an attendee off the event; editors and owners of the calendar only.
        """
        attendees.remove(current_principal(), event_id, attendee_id, now())
        db.session.commit()


# --- occurrences of a recurring event ------------------------------------------------


@blp.route("/<uuid:event_id>/instances")
class InstancesView(MethodView):
    @blp.doc(operationId="listEventInstances")
    @blp.auth_required("events:read")
    @blp.arguments(InstancesQueryArgsSchema, location="query")
    @blp.response(200, page_of(EventSchema))
    @blp.errors(404)
    def get(self, args, event_id):
        """List a recurring event's occurrences in a window (at most 366 days)

        The occurrences of one recurring series in [start, end), with changed and
        cancelled ones applied, each with original_start_time to address it.
        """
        items, cursor = instances.instances_page(
            current_principal(),
            event_id,
            args["start"],
            args["end"],
            args["limit"],
            args["cursor"],
        )
        return reads.json_response({"items": items, "next_cursor": cursor})


@blp.route("/<uuid:event_id>/instances/<string:original_start_time>")
class InstanceView(MethodView):
    @blp.doc(operationId="getEventInstance")
    @blp.auth_required("events:read")
    @blp.response(200, EventSchema)
    @blp.errors(400, 404)
    def get(self, event_id, original_start_time):
        """Get one occurrence by its original start

        One occurrence of a series, addressed by its original start (RFC 3339, as listed
        in original_start_time), with any change made to it applied.
        """
        return instances.get_instance(
            current_principal(), event_id, instances.parse_slot(original_start_time)
        )

    @blp.doc(operationId="updateEventInstance")
    @blp.auth_required("events:write")
    @blp.arguments(InstanceArgsSchema, location="query")
    @blp.arguments(EventUpdateSchema)
    @blp.response(200, EventUpdateResultSchema)
    @blp.errors(404, 409)
    def put(self, args, changes, event_id, original_start_time):
        """Change one occurrence (scope=this) or it and all later ones (following)

        Move or edit a single occurrence (scope=this), or split the series and change
        this and every later occurrence (scope=following).
        """
        shown_id, dropped = instances.update_instance(
            current_principal(),
            event_id,
            instances.parse_slot(original_start_time),
            changes,
            now(),
            args["scope"],
        )
        db.session.commit()
        return _event_response(shown_id, dropped=dropped)

    @blp.doc(operationId="cancelEventInstance")
    @blp.auth_required("events:write")
    @blp.arguments(InstanceArgsSchema, location="query")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, args, event_id, original_start_time):
        """Cancel one occurrence (scope=this) or it and all later ones (following)

        Removes one occurrence from a series (scope=this), or ends the series before it
        (scope=following); the other occurrences stay.
        """
        instances.cancel_instance(
            current_principal(),
            event_id,
            instances.parse_slot(original_start_time),
            now(),
            args["scope"],
        )
        db.session.commit()
