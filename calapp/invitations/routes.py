import hmac

from flask import current_app, request
from flask.views import MethodView

from calapp.api import Blueprint, current_principal, page_of
from calapp.errors import Unauthorized
from calapp.extensions import db
from calapp.invitations import service
from calapp.invitations.schemas import (
    BounceRecordedSchema,
    BounceSchema,
    InvitationListArgsSchema,
    InvitationResendResultSchema,
    InvitationResendSchema,
    InvitationSchema,
)
from calapp.users.service import now

blp = Blueprint(
    "invitations",
    __name__,
    description="Whether each attendee's invitation email went out (queued, sent, "
    "failed with the SMTP error, bounced), resending those that did not, and the "
    "mail provider's bounce webhook",
)

SECRET_HEADER = "X-Mail-Webhook-Secret"  # noqa: S105 - a header name


@blp.route("/events/<uuid:event_id>/invitations")
class InvitationsView(MethodView):
    @blp.doc(operationId="listEventInvitations")
    @blp.auth_required("events:read")
    @blp.arguments(InvitationListArgsSchema, location="query")
    @blp.response(200, page_of(InvitationSchema))
    @blp.errors(404)
    def get(self, args, event_id):
        """List each attendee's invitation state and attempts (editors and owners)

        Per attendee, by email: the latest invitation email (REQUEST or CANCEL), its
        state (queued, sent, failed with the SMTP error, bounced, revoked or none)
        and every SMTP attempt. Viewers of the calendar get 403.
        """
        items, cursor = service.invitations_page(
            current_principal(), event_id, args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}


@blp.route("/events/<uuid:event_id>/invitations/resend")
class InvitationsResendView(MethodView):
    @blp.doc(operationId="resendEventInvitations")
    @blp.auth_required("events:write")
    @blp.arguments(InvitationResendSchema, required=False)
    @blp.response(200, InvitationResendResultSchema)
    @blp.errors(400, 404, 409)
    def post(self, data, event_id):
        """Send the invitation again to those whose last one failed or bounced

        Without a body: every attendee whose latest invitation failed or bounced.
        With emails: those attendees (a 400 names any who is not one), unless
        their invitation is still queued. 409 when email is off on the server.
        """
        emails = (data or {}).get("emails")
        resent, items = service.resend(current_principal(), event_id, emails, now())
        db.session.commit()
        return {"resent": resent, "items": items}


def _check_secret() -> None:
    """:raises Unauthorized: no MAIL_WEBHOOK_SECRET configured, or another one sent
    (compared in constant time)."""
    expected = current_app.config.get("MAIL_WEBHOOK_SECRET")
    given = request.headers.get(SECRET_HEADER, "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized(f"A valid {SECRET_HEADER} header is required")


@blp.route("/mail/bounces")
class BouncesView(MethodView):
    @blp.doc(operationId="recordMailBounce")
    @blp.doc(
        security=[],
        parameters=[
            {
                "name": SECRET_HEADER,
                "in": "header",
                "required": True,
                "schema": {"type": "string"},
                "description": "The server's MAIL_WEBHOOK_SECRET",
            }
        ],
    )
    @blp.arguments(BounceSchema)
    @blp.response(200, BounceRecordedSchema)
    @blp.errors(401, 404)
    def post(self, data):
        """Record a bounce reported by the mail provider's webhook

        For the mail provider, not for users: authenticated by the
        X-Mail-Webhook-Secret header (the MAIL_WEBHOOK_SECRET setting; unset, every
        call is a 401). The email is found by its Message-ID; its invitation then
        shows as bounced and the calendar's owner is notified in-app.
        """
        _check_secret()
        delivery = service.record_bounce(data, now())
        db.session.commit()
        return delivery
