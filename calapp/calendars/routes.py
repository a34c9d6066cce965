from flask.views import MethodView

from calapp.api import (
    Blueprint,
    check_if_match,
    current_principal,
    page_of,
    with_etag,
)
from calapp.calendars import service
from calapp.calendars.schemas import (
    CalendarCreateSchema,
    CalendarListArgsSchema,
    CalendarSchema,
    CalendarUpdateSchema,
    DeletedCalendarSchema,
    MemberListArgsSchema,
    MemberSchema,
    ShareSchema,
)
from calapp.extensions import db
from calapp.users.service import now

blp = Blueprint(
    "calendars",
    __name__,
    url_prefix="/calendars",
    description="Calendars and sharing (owner, editor, viewer, freebusy)",
)


@blp.route("")
class CalendarsView(MethodView):
    @blp.doc(operationId="listCalendars")
    @blp.auth_required("calendars:read")
    @blp.arguments(CalendarListArgsSchema, location="query")
    @blp.response(200, page_of(CalendarSchema, DeletedCalendarSchema))
    @blp.errors(410)
    def get(self, args):
        """List your calendars with your role, or those changed since sync_token

        Every calendar you own or that is shared with you, with your role on each
        (owner, editor, viewer; a calendar shared at freebusy is not listed). With
        sync_token, only what changed since the last page
        of a previous listing.
        """
        return service.listing(current_principal(), args)

    @blp.doc(operationId="createCalendar")
    @blp.auth_required("calendars:write")
    @blp.arguments(CalendarCreateSchema)
    @blp.response(201, CalendarSchema)
    def post(self, data):
        """Create a calendar (you become its owner)

        A new calendar owned by the caller. Give it a time zone: all-day events and
        booking links default to it.
        """
        calendar = service.create(current_principal(), data, now())
        db.session.commit()
        return with_etag(calendar, service.etag(calendar, "owner"), 201)


@blp.route("/<uuid:calendar_id>")
class CalendarByIdView(MethodView):
    @blp.doc(operationId="getCalendar")
    @blp.auth_required("calendars:read")
    @blp.response(200, CalendarSchema)
    @blp.etag_get()
    @blp.errors(404)
    def get(self, calendar_id):
        """Get a calendar

        One calendar you can read, with your role and its ETag for a conditional update
        (If-Match) or read (If-None-Match).
        """
        calendar = service.get(current_principal(), calendar_id)
        return with_etag(calendar, service.etag(calendar, calendar.role))

    @blp.doc(operationId="updateCalendar")
    @blp.auth_required("calendars:write")
    @blp.arguments(CalendarUpdateSchema)
    @blp.response(200, CalendarSchema)
    @blp.errors(404, 412)
    def put(self, changes, calendar_id):
        """Update a calendar (owner only; partial bodies allowed)

        Rename a calendar or change its description, colour, time zone or public feed.
        Only the fields sent change; If-Match guards against lost updates.
        """
        calendar = service.update(
            current_principal(), calendar_id, changes, now(), if_match=check_if_match
        )
        db.session.commit()
        return with_etag(calendar, service.etag(calendar, calendar.role))

    @blp.doc(operationId="deleteCalendar")
    @blp.auth_required("calendars:write")
    @blp.response(204)
    @blp.errors(404, 412)
    def delete(self, calendar_id):
        """Delete a calendar and hide its events (owner only)

        Soft-deletes the calendar: it and its events disappear from every read, for
        every member. Only the owner may.
        """
        service.delete(current_principal(), calendar_id, now(), if_match=check_if_match)
        db.session.commit()


@blp.route("/<uuid:calendar_id>/share")
class ShareView(MethodView):
    @blp.doc(operationId="shareCalendar")
    @blp.auth_required("calendars:write")
    @blp.arguments(ShareSchema)
    @blp.response(201, MemberSchema)
    @blp.errors(404, 409)
    def post(self, data, calendar_id):
        """Share a calendar with a registered user as editor, viewer or freebusy

        Give another registered user access by email or user id (owner only): editors
        read and write events, viewers only read, freebusy holders only see when the
        calendar is busy (GET /availability, POST /availability/find, participants)
        and never its events or details. Sharing again changes the role.
        """
        member = service.share(
            current_principal(),
            calendar_id,
            data["role"],
            now(),
            email=data.get("email"),
            user_id=data.get("user_id"),
        )
        db.session.commit()
        return member


@blp.route("/<uuid:calendar_id>/members")
class MembersView(MethodView):
    @blp.doc(operationId="listCalendarMembers")
    @blp.auth_required("calendars:read")
    @blp.arguments(MemberListArgsSchema, location="query")
    @blp.response(200, page_of(MemberSchema))
    @blp.errors(404)
    def get(self, args, calendar_id):
        """List a calendar's members, owner included

        Who has access to a calendar and with which role, the owner first. Any member
        may list them.
        """
        items, cursor = service.members_page(
            current_principal(), calendar_id, args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}


@blp.route("/<uuid:calendar_id>/members/<uuid:user_id>")
class MemberView(MethodView):
    @blp.doc(operationId="removeCalendarMember")
    @blp.auth_required("calendars:write")
    @blp.response(204)
    @blp.errors(404, 409)
    def delete(self, calendar_id, user_id):
        """Remove a member (owner), or leave a calendar (any member, yourself)

        The owner removes anyone but themselves; any member (a freebusy holder too)
        may remove themselves to leave a shared calendar.
        """
        service.remove_member(current_principal(), calendar_id, user_id)
        db.session.commit()
