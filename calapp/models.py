"""Every model, imported once, so Alembic and the app see the whole schema."""

from calapp.api_keys.models import ApiKey
from calapp.attachments.models import Attachment
from calapp.auth.models import AuthSession, RefreshToken
from calapp.booking.models import Booking, BookingLink
from calapp.calendars.models import Calendar, CalendarMember
from calapp.changes.models import Change, ChangeLogState
from calapp.connections.models import Connection, RemoteCalendar
from calapp.contacts.models import Contact
from calapp.delivery.models import Delivery, DeliveryAttempt
from calapp.events.models import Event, EventAttendee, EventReminder
from calapp.idempotency.models import IdempotencyKey
from calapp.notifications.models import Notification, ReminderSweepState
from calapp.oidc.models import OidcExchangeCode, OidcLoginState, UserIdentity
from calapp.schedules.models import Schedule, TimeOff
from calapp.users.models import EmailVerification, User
from calapp.webhooks.models import Webhook

__all__ = [
    "ApiKey",
    "Attachment",
    "AuthSession",
    "Booking",
    "BookingLink",
    "Calendar",
    "CalendarMember",
    "Change",
    "ChangeLogState",
    "Connection",
    "Contact",
    "Delivery",
    "DeliveryAttempt",
    "EmailVerification",
    "Event",
    "EventAttendee",
    "EventReminder",
    "IdempotencyKey",
    "Notification",
    "OidcExchangeCode",
    "OidcLoginState",
    "RefreshToken",
    "RemoteCalendar",
    "ReminderSweepState",
    "Schedule",
    "TimeOff",
    "User",
    "UserIdentity",
    "Webhook",
]
