from flask.views import MethodView

from calapp.api import Blueprint, current_principal, page_of
from calapp.extensions import db
from calapp.notifications import service
from calapp.notifications.schemas import (
    NotificationQueryArgsSchema,
    NotificationSchema,
    ReadAllResultSchema,
)
from calapp.users.service import now

blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/notifications",
    description="Your in-app notifications: due reminders, and emails that could "
    "not be delivered (kind delivery_failed). Newest first.",
)


@blp.route("")
class NotificationsView(MethodView):
    @blp.doc(operationId="listNotifications")
    @blp.auth_required("events:read")
    @blp.arguments(NotificationQueryArgsSchema, location="query")
    @blp.response(200, page_of(NotificationSchema))
    def get(self, args):
        """List your notifications, newest first

        Due reminders and undeliverable emails, newest first; filter by kind or unread.
        """
        items, cursor = service.list_page(
            current_principal(),
            limit=args["limit"],
            cursor=args["cursor"],
            kind=args.get("kind"),
            unread=args.get("unread"),
        )
        return {"items": items, "next_cursor": cursor}


@blp.route("/<uuid:notification_id>/read")
class NotificationReadView(MethodView):
    @blp.doc(operationId="markNotificationRead")
    @blp.auth_required("events:read")
    @blp.response(200, NotificationSchema)
    @blp.errors(400, 404)
    def post(self, notification_id):
        """Mark a notification read

        Marks one notification as read; marking it again changes nothing.
        """
        notification = service.mark_read(current_principal(), notification_id, now())
        db.session.commit()
        return notification


@blp.route("/read-all")
class ReadAllView(MethodView):
    @blp.doc(operationId="markAllNotificationsRead")
    @blp.auth_required("events:read")
    @blp.response(200, ReadAllResultSchema)
    def post(self):
        """Mark all your notifications read

        Marks every unread notification as read and says how many changed.
        """
        updated = service.mark_all_read(current_principal(), now())
        db.session.commit()
        return {"updated": updated}
