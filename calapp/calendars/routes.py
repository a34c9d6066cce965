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
    description="Calendars and sharing (owner, editor, viewer)",
)


@blp.route("")
class CalendarsView(MethodView):
    @blp.auth_required("calendars:read")
    @blp.arguments(CalendarListArgsSchema, location="query")
    @blp.response(200, page_of(CalendarSchema, DeletedCalendarSchema))
    @blp.errors(410)
    def get(self, args):
        """List your calendars with your role, or those changed since sync_token"""
        return service.listing(current_principal(), args)

    @blp.auth_required("calendars:write")
    @blp.arguments(CalendarCreateSchema)
    @blp.response(201, CalendarSchema)
    def post(self, data):
        """Create a calendar (you become its owner)"""
        calendar = service.create(current_principal(), data, now())
        db.session.commit()
        return with_etag(calendar, service.etag(calendar, "owner"), 201)


@blp.route("/<uuid:calendar_id>")
class CalendarByIdView(MethodView):
    @blp.auth_required("calendars:read")
    @blp.response(200, CalendarSchema)
    @blp.etag_get()
    @blp.errors(404)
    def get(self, calendar_id):
        """Get a calendar"""
        calendar = service.get(current_principal(), calendar_id)
        return with_etag(calendar, service.etag(calendar, calendar.role))

    @blp.auth_required("calendars:write")
    @blp.arguments(CalendarUpdateSchema)
    @blp.response(200, CalendarSchema)
    @blp.errors(404, 412)
    def put(self, changes, calendar_id):
        """Update a calendar (owner only; partial bodies allowed)"""
        calendar = service.update(
            current_principal(), calendar_id, changes, now(), if_match=check_if_match
        )
        db.session.commit()
        return with_etag(calendar, service.etag(calendar, calendar.role))

    @blp.auth_required("calendars:write")
    @blp.response(204)
    @blp.errors(404, 412)
    def delete(self, calendar_id):
        """Delete a calendar and hide its events (owner only)"""
        service.delete(current_principal(), calendar_id, now(), if_match=check_if_match)
        db.session.commit()


@blp.route("/<uuid:calendar_id>/share")
class ShareView(MethodView):
    @blp.auth_required("calendars:write")
    @blp.arguments(ShareSchema)
    @blp.response(201, MemberSchema)
    @blp.errors(404, 409)
    def post(self, data, calendar_id):
        """Share a calendar with a registered user as editor or viewer (owner only)"""
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
    @blp.auth_required("calendars:read")
    @blp.arguments(MemberListArgsSchema, location="query")
    @blp.response(200, page_of(MemberSchema))
    @blp.errors(404)
    def get(self, args, calendar_id):
        """List a calendar's members, owner included"""
        items, cursor = service.members_page(
            current_principal(), calendar_id, args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}


@blp.route("/<uuid:calendar_id>/members/<uuid:user_id>")
class MemberView(MethodView):
    @blp.auth_required("calendars:write")
    @blp.response(204)
    @blp.errors(404, 409)
    def delete(self, calendar_id, user_id):
        """Remove a member (owner), or leave a calendar (any member, yourself)"""
        service.remove_member(current_principal(), calendar_id, user_id)
        db.session.commit()
