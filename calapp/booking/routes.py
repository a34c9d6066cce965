from pathlib import Path

from flask import Response, current_app, request
from flask.views import MethodView

from calapp.api import Blueprint, ErrorSchema, current_principal, page_of
from calapp.availability.schemas import MonthArgsSchema
from calapp.booking import (
    approvals,
    explain,
    holds,
    links,
    month,
    reservations,
    service,
)
from calapp.booking.schemas import (
    AvailabilityArgsSchema,
    BookingChangeSchema,
    BookingDecisionSchema,
    BookingLinkCreateSchema,
    BookingLinkListArgsSchema,
    BookingLinkSchema,
    BookingLinkUpdateSchema,
    BookingListArgsSchema,
    ExplainArgsSchema,
    HoldCreateSchema,
    HoldSchema,
    ManageHeaderSchema,
    ManageSchema,
    OwnerBookingSchema,
    PublicAvailabilitySchema,
    PublicLinkSchema,
    PublicMonthSchema,
    PublicSlotExplanationSchema,
    RescheduleSchema,
    ReservationSchema,
    ReserveSchema,
)
from calapp.errors import NotFound
from calapp.extensions import db, limiter
from calapp.idempotency.guard import scoped
from calapp.ratelimit import client_ip_key
from calapp.users import service as users_service

links_blp = Blueprint(
    "booking_links",
    __name__,
    description="Public booking links of your calendars (owner only)",
)


def _visitor_scope() -> str:
    """Whose Idempotency-Keys a public write's key is among: the link's visitors
    from one network (the client identity that holds count by)."""
    client = holds.client_key(request.remote_addr, current_app.config["SECRET_KEY"])
    return scoped("link", str(request.view_args.get("token")), "client", client)


bookings_blp = Blueprint(
    "bookings",
    __name__,
    url_prefix="/bookings",
    description="The bookings made through your links: list them, and approve or "
    "decline those that wait for your confirmation (links with "
    "requires_confirmation)",
)

blp = Blueprint(
    "booking",
    __name__,
    url_prefix="/booking",
    description="Public booking pages: free slots, holds, reservations (no sign-in)",
    idempotency_scope=_visitor_scope,
)
page_blp = Blueprint(
    "booking_page",
    __name__,
    description="The booking page for browsers (HTML; its script calls /booking)",
)
# The secret manage_token travels in these responses: never cache them.
NO_STORE = {"Cache-Control": "no-store"}
# The page is static (calapp/static/booking/): its script reads the token from
# the URL and calls the JSON endpoints below, so no template and no inline script.
PAGE_FILE = "index.html"
HTML_200 = {
    "responses": {
        200: {
            "content": {
                "text/html": {
                    "schema": {"type": "string"},
                    "example": "<!doctype html>...",
                }
            }
        }
    }
}


def _public_limit():
    # Per client IP: these routes act for nobody, so credentials buy no budget.
    return current_app.config["RATELIMIT_PUBLIC"]


def _now():
    # Through the module, so tests can move the service clock.
    return users_service.now()


def _shown(link) -> dict:
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return links.shown(link, base)


def _booking(booking, secret=None) -> dict:
    return reservations.booking_view(booking, secret)


@links_blp.route("/calendars/<uuid:calendar_id>/booking-link")
class BookingLinkCreateView(MethodView):
    @links_blp.doc(operationId="createBookingLink")
    @links_blp.auth_required("booking:write")
    @links_blp.arguments(BookingLinkCreateSchema)
    @links_blp.response(200, BookingLinkSchema)
    @links_blp.errors(404)
    def post(self, data, calendar_id):
        """Create a public booking link for a calendar (owner only)

        A public link where anyone can book a slot of your calendar without an account:
        duration, working hours (inline, or one of your schedules by schedule_id),
        buffers, notice and daily limits. Share its public_url.
        """
        link = links.create_link(current_principal(), calendar_id, data, _now())
        db.session.commit()
        return _shown(link)


@links_blp.route("/calendars/<uuid:calendar_id>/booking-links")
class BookingLinksView(MethodView):
    @links_blp.doc(operationId="listBookingLinks")
    @links_blp.auth_required("booking:read")
    @links_blp.arguments(BookingLinkListArgsSchema, location="query")
    @links_blp.response(200, page_of(BookingLinkSchema))
    @links_blp.errors(404)
    def get(self, args, calendar_id):
        """List a calendar's booking links, active or not (owner only)

        Every booking link of a calendar with its settings and public URL, active or
        deactivated.
        """
        items, cursor = links.links_page(
            current_principal(), calendar_id, args["limit"], args["cursor"]
        )
        return {"items": [_shown(link) for link in items], "next_cursor": cursor}


@links_blp.route("/booking-links/<string:token>")
class BookingLinkView(MethodView):
    @links_blp.doc(operationId="updateBookingLink")
    @links_blp.auth_required("booking:write")
    @links_blp.arguments(BookingLinkUpdateSchema)
    @links_blp.response(200, BookingLinkSchema)
    @links_blp.errors(404)
    def put(self, changes, token):
        """Update a booking link's settings (owner only; partial bodies allowed)

        Change a link's duration, hours, buffers or limits, or (re)activate it; existing
        bookings stay as they are.
        """
        link = links.update_link(current_principal(), token, changes, _now())
        db.session.commit()
        return _shown(link)

    @links_blp.doc(operationId="deactivateBookingLink")
    @links_blp.auth_required("booking:write")
    @links_blp.response(204)
    @links_blp.errors(404)
    def delete(self, token):
        """Deactivate a booking link: its public pages answer 404 (owner only)

        The link stops offering slots and its public pages answer 404; bookings already
        made stay in the calendar.
        """
        links.deactivate_link(current_principal(), token, _now())
        db.session.commit()


# --- public ---------------------------------------------------------------------------


def _wants_html() -> bool:
    """A browser navigating here (``text/html`` preferred over JSON)."""
    best = request.accept_mimetypes.best_match(("application/json", "text/html"))
    return best == "text/html"


def _page(token: str) -> Response:
    """The booking page; for an unknown or inactive token the same page with a 404
    (its script then says the link is not found)."""
    try:
        service.public_link(token)
        status = 200
    except NotFound:
        status = 404
    html = Path(current_app.static_folder, "booking", PAGE_FILE).read_bytes()
    return Response(
        html, status, mimetype="text/html", headers={"Cache-Control": "no-cache"}
    )


def _json_or_page(token: str):
    """Non-browsers get the JSON 404 of an unknown link, browsers the page."""
    if not _wants_html():
        service.public_link(token)
    return _page(token)


@blp.route("/<string:token>")
class PublicLinkView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="getPublicBookingLink")
    @blp.doc(security=[], **HTML_200)
    @blp.response(
        200,
        PublicLinkSchema,
        description="JSON: the link's public settings. With `Accept: text/html` "
        "(browsers): the booking page",
        headers={
            "Vary": {
                "schema": {"type": "string"},
                "description": "Accept: the body depends on it",
            }
        },
    )
    @blp.errors(404, 429)
    def get(self, token):
        """Get a booking link's public settings, or its booking page for browsers

        No sign-in. What a visitor needs before booking: the title, description,
        duration and time zone of the link. Browsers asking for HTML get the booking
        page instead.
        """
        if _wants_html():
            response = _page(token)
            response.vary.add("Accept")
            return response
        return service.public_link(token), 200, {"Vary": "Accept"}


@page_blp.route("/book/<string:token>")
class BookingPageView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @page_blp.doc(operationId="openBookingPage")
    @page_blp.doc(security=[], **HTML_200)
    @page_blp.response(200, description="The booking page (HTML), whatever Accept")
    @page_blp.errors(404, 429)
    def get(self, token):
        """Open the booking page of a link (404 JSON unless Accept is text/html)

        No sign-in. The HTML page a person books on; programs use the JSON endpoints
        under /booking/{token} instead.
        """
        return _json_or_page(token)


@blp.route("/<string:token>/availability")
class AvailabilityView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="getBookingAvailability")
    @blp.doc(security=[])
    @blp.arguments(AvailabilityArgsSchema, location="query")
    @blp.response(200, PublicAvailabilitySchema)
    @blp.errors(404, 429)
    def get(self, args, token):
        """Get the free slots of a booking link in a range (at most 62 days)

        No sign-in. The slots a visitor may book now, after working hours, buffers,
        notice, horizon, daily limits and holds are applied. Pick one and reserve it.
        """
        return service.availability(token, args["start"], args["end"], _now())


@blp.route("/<string:token>/month")
class MonthView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="getBookingMonth")
    @blp.doc(security=[])
    @blp.arguments(MonthArgsSchema, location="query")
    @blp.response(200, PublicMonthSchema)
    @blp.errors(404, 429)
    def get(self, args, token):
        """Get a booking link's month: each day's status and number of free slots

        No sign-in. One entry per local day of the month in `timezone` (default:
        the link's): available, partial, full, off, holiday or time_off, the
        holiday's name, and how many slots the availability listing offers that
        day. Use it to grey out days with nothing to book.
        """
        return month.month(
            token, args["year"], args["month"], args.get("timezone"), _now()
        )


@blp.route("/<string:token>/explain")
class ExplainView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(security=[], operationId="explainBookingSlot")
    @blp.arguments(ExplainArgsSchema, location="query")
    @blp.response(200, PublicSlotExplanationSchema)
    @blp.errors(404, 429)
    def get(self, args, token):
        """Explain whether a booking link offers a slot, and why not

        Answers whether the slot starting at `start` (lasting the link's
        duration) is in the link's availability now; if not, every reason as a
        code with detail: outside_working_hours, not_on_interval, min_notice,
        beyond_horizon, daily_limit, busy, buffer, held, time_off, holiday or
        link_inactive. Use it to pick another time. It never says what a busy
        time is, only when (and a holiday's name).
        """
        return explain.explain(token, args["start"], _now())


@blp.route("/<string:token>/reserve")
class ReserveView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="reserveBookingSlot")
    @blp.doc(security=[])
    @blp.arguments(ReserveSchema)
    @blp.response(200, ReservationSchema)
    @blp.errors(404, 409, 429)
    def post(self, data, token):
        """Reserve an offered slot: creates the event (409 slot_unavailable if taken)

        No sign-in. Books one of the offered slots for a visitor: the event is created
        in the owner's calendar and the answer carries the manage_token to cancel or
        reschedule. Send an Idempotency-Key so a retry cannot book twice. On a link
        that requires confirmation the answer's status is pending: the event is
        tentative and holds the slot until the owner approves or declines.
        """
        booking, secret = reservations.reserve(token, data, _now())
        db.session.commit()
        # What this request sent, never the owner's event: a retry is anyone's.
        event = reservations.visitor_event(booking, data)
        body = {
            "ok": True,
            "status": reservations.reservation_status(booking),
            "event": event,
            "booking": _booking(booking, secret),
        }
        return body, 200, NO_STORE


@blp.route("/<string:token>/holds")
class HoldsView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="holdBookingSlot")
    @blp.doc(security=[])
    @blp.arguments(HoldCreateSchema)
    @blp.response(201, HoldSchema)
    @blp.errors(404, 409)
    @blp.alt_response(
        429,
        schema=ErrorSchema,
        description="Too many holds: this client's holds on the link "
        "(`details.limit` `holds_per_client`, BOOKING_MAX_HOLDS_PER_CLIENT), or "
        "the share of the day's slots the link lets be held at once "
        "(`holds_per_link_day`, BOOKING_HOLD_SHARE_PERCENT), or the request "
        "rate (RATELIMIT_PUBLIC). The slot can still be reserved without a hold",
        headers={
            "Retry-After": {
                "schema": {"type": "integer"},
                "description": "Seconds until the oldest hold in the way expires",
            }
        },
    )
    def post(self, data, token):
        """Hold an offered slot for a few minutes, then reserve it with hold_id

        One hold per email and link (holding another slot releases the previous
        one), a few per client, and a share of each day's slots per link.
        """
        config = current_app.config
        policy = holds.policy_from(config)
        client = holds.client_key(request.remote_addr, config["SECRET_KEY"])
        booking = holds.hold(token, data, _now(), client=client, policy=policy)
        db.session.commit()
        return {"hold_id": booking.id, "expires_at": booking.expires_at}


@blp.route("/<string:token>/bookings/<uuid:booking_id>")
class VisitorBookingView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="getVisitorBooking")
    @blp.doc(security=[])
    @blp.arguments(ManageHeaderSchema, location="headers")
    @blp.response(200, BookingChangeSchema)
    @blp.errors(404, 429)
    def get(self, headers, token, booking_id):
        """Get a booking as its visitor, with the manage secret in a header

        No sign-in. What the manage link of the booking page shows: the booking's
        status and slot, and the visitor's own receipt of its event. A wrong secret
        or an unknown booking is a 404; a deactivated link still answers, so the
        visitor can cancel.
        """
        booking = reservations.managed(token, booking_id, headers["manage_token"])
        event = reservations.visitor_event(booking)
        return {"ok": True, "event": event, "booking": _booking(booking)}, 200, NO_STORE


@blp.route("/<string:token>/bookings/<uuid:booking_id>/cancel")
class CancelView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="cancelBooking")
    @blp.doc(security=[])
    @blp.arguments(ManageSchema)
    @blp.response(200, BookingChangeSchema)
    @blp.errors(404, 429)
    def post(self, data, token, booking_id):
        """Cancel a booking with its manage_token (frees the slot)

        No sign-in. The visitor cancels with the manage_token from the reservation; the
        event is cancelled and the slot is offered again.
        """
        booking = reservations.cancel(token, booking_id, data["manage_token"], _now())
        db.session.commit()
        event = reservations.visitor_event(booking)
        return {"ok": True, "event": event, "booking": _booking(booking)}


@blp.route("/<string:token>/bookings/<uuid:booking_id>/reschedule")
class RescheduleView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="rescheduleBooking")
    @blp.doc(security=[])
    @blp.arguments(RescheduleSchema)
    @blp.response(200, BookingChangeSchema)
    @blp.errors(404, 409, 429)
    def post(self, data, token, booking_id):
        """Move a booking to another offered slot with its manage_token

        No sign-in. The visitor moves the booking to another offered slot with the
        manage_token; the old slot is offered again.
        """
        booking = reservations.reschedule(token, booking_id, data, _now())
        db.session.commit()
        event = reservations.visitor_event(booking)
        return {"ok": True, "event": event, "booking": _booking(booking)}


# --- the owner's bookings -------------------------------------------------------------


@bookings_blp.route("")
class BookingsView(MethodView):
    @bookings_blp.doc(operationId="listBookings")
    @bookings_blp.auth_required("booking:read")
    @bookings_blp.arguments(BookingListArgsSchema, location="query")
    @bookings_blp.response(200, page_of(OwnerBookingSchema))
    def get(self, args):
        """List the bookings of your links (pending, confirmed, declined, cancelled)

        Every booking made through the links of the calendars you own, by slot
        start; filter by status (pending: waiting for your answer), link token and
        a time window. Holds are not bookings and are not listed.
        """
        rows, cursor = approvals.bookings_page(current_principal(), args)
        items = [approvals.as_item(*row) for row in rows]
        return {"items": items, "next_cursor": cursor}


@bookings_blp.route("/<uuid:booking_id>/approve")
class BookingApproveView(MethodView):
    @bookings_blp.doc(operationId="approveBooking")
    @bookings_blp.auth_required("booking:write")
    @bookings_blp.arguments(BookingDecisionSchema, required=False)
    @bookings_blp.response(200, OwnerBookingSchema)
    @bookings_blp.errors(404, 409)
    def post(self, data, booking_id):
        """Approve a pending booking: its event is confirmed (link owner only)

        The booking becomes confirmed and its tentative event confirmed; the visitor
        is told by email and your webhooks receive booking.approved. Approving again
        changes nothing; a declined, cancelled or timed-out booking is a 409.
        """
        reason = (data or {}).get("reason")
        booking = approvals.approve(current_principal(), booking_id, reason, _now())
        db.session.commit()
        return approvals.shown(booking)


@bookings_blp.route("/<uuid:booking_id>/decline")
class BookingDeclineView(MethodView):
    @bookings_blp.doc(operationId="declineBooking")
    @bookings_blp.auth_required("booking:write")
    @bookings_blp.arguments(BookingDecisionSchema, required=False)
    @bookings_blp.response(200, OwnerBookingSchema)
    @bookings_blp.errors(404, 409)
    def post(self, data, booking_id):
        """Decline a pending booking: its event is cancelled (link owner only)

        The booking becomes declined, its event cancelled and the slot offered again;
        the visitor is told by email with your optional reason, and your webhooks
        receive booking.declined. A confirmed or cancelled booking is a 409.
        """
        reason = (data or {}).get("reason")
        booking = approvals.decline(current_principal(), booking_id, reason, _now())
        db.session.commit()
        return approvals.shown(booking)
