"""Contains all the data models used in inputs/outputs"""

from .api_key import ApiKey
from .api_key_create import ApiKeyCreate
from .api_key_create_scopes_type_0_item import ApiKeyCreateScopesType0Item
from .api_key_create_scopes_type_1 import ApiKeyCreateScopesType1
from .api_key_create_scopes_type_1_additional_property_item import ApiKeyCreateScopesType1AdditionalPropertyItem
from .api_key_created import ApiKeyCreated
from .api_key_page import ApiKeyPage
from .attachment import Attachment
from .attachment_upload import AttachmentUpload
from .attachment_upload_body import AttachmentUploadBody
from .attachment_upload_create import AttachmentUploadCreate
from .attachment_upload_method import AttachmentUploadMethod
from .attempt import Attempt
from .attempt_outcome import AttemptOutcome
from .attendee import Attendee
from .attendee_create import AttendeeCreate
from .attendee_status import AttendeeStatus
from .attendee_update import AttendeeUpdate
from .attendee_update_status import AttendeeUpdateStatus
from .availability import Availability
from .booked_link import BookedLink
from .booking import Booking
from .booking_change import BookingChange
from .booking_data import BookingData
from .booking_decision import BookingDecision
from .booking_link import BookingLink
from .booking_link_create import BookingLinkCreate
from .booking_link_page import BookingLinkPage
from .booking_link_settings import BookingLinkSettings
from .booking_link_settings_working_hours import BookingLinkSettingsWorkingHours
from .booking_link_update import BookingLinkUpdate
from .booking_status import BookingStatus
from .bounce import Bounce
from .bounce_recorded import BounceRecorded
from .busy_block import BusyBlock
from .calendar import Calendar
from .calendar_busy import CalendarBusy
from .calendar_choice import CalendarChoice
from .calendar_create import CalendarCreate
from .calendar_role import CalendarRole
from .calendar_source_type_1 import CalendarSourceType1
from .calendar_source_type_2_type_1 import CalendarSourceType2Type1
from .calendar_source_type_3_type_1 import CalendarSourceType3Type1
from .calendar_sync_page import CalendarSyncPage
from .calendar_update import CalendarUpdate
from .cancel_event_instance_scope import CancelEventInstanceScope
from .change_message import ChangeMessage
from .change_message_op import ChangeMessageOp
from .change_message_type import ChangeMessageType
from .connection import Connection
from .connection_create import ConnectionCreate
from .connection_create_kind import ConnectionCreateKind
from .connection_data import ConnectionData
from .connection_kind import ConnectionKind
from .connection_page import ConnectionPage
from .connection_state import ConnectionState
from .connection_update import ConnectionUpdate
from .contact import Contact
from .contact_create import ContactCreate
from .contact_sync_page import ContactSyncPage
from .contact_update import ContactUpdate
from .date_override import DateOverride
from .deleted_calendar import DeletedCalendar
from .deleted_calendar_status import DeletedCalendarStatus
from .deleted_contact import DeletedContact
from .deleted_contact_status import DeletedContactStatus
from .deleted_event import DeletedEvent
from .deleted_event_status import DeletedEventStatus
from .error import Error
from .error_code import ErrorCode
from .event import Event
from .event_attachment import EventAttachment
from .event_create import EventCreate
from .event_create_status import EventCreateStatus
from .event_create_transparency import EventCreateTransparency
from .event_data import EventData
from .event_page import EventPage
from .event_source_type_1 import EventSourceType1
from .event_source_type_2_type_1 import EventSourceType2Type1
from .event_source_type_3_type_1 import EventSourceType3Type1
from .event_status import EventStatus
from .event_sync_page import EventSyncPage
from .event_transparency import EventTransparency
from .event_type import EventType
from .event_type_list import EventTypeList
from .event_type_schema import EventTypeSchema
from .event_type_type import EventTypeType
from .event_update import EventUpdate
from .event_update_result import EventUpdateResult
from .event_update_result_source_type_1 import EventUpdateResultSourceType1
from .event_update_result_source_type_2_type_1 import EventUpdateResultSourceType2Type1
from .event_update_result_source_type_3_type_1 import EventUpdateResultSourceType3Type1
from .event_update_result_status import EventUpdateResultStatus
from .event_update_result_transparency import EventUpdateResultTransparency
from .event_update_status import EventUpdateStatus
from .event_update_transparency import EventUpdateTransparency
from .exchange import Exchange
from .explain import Explain
from .explain_working_hours_type_0 import ExplainWorkingHoursType0
from .explained_event import ExplainedEvent
from .file_attachment import FileAttachment
from .file_attachment_page import FileAttachmentPage
from .find_slots import FindSlots
from .find_slots_working_hours_type_0 import FindSlotsWorkingHoursType0
from .found_slot import FoundSlot
from .found_slots import FoundSlots
from .health import Health
from .hold import Hold
from .hold_create import HoldCreate
from .holiday import Holiday
from .holiday_list import HolidayList
from .identity import Identity
from .identity_page import IdentityPage
from .import_calendar_files_body import ImportCalendarFilesBody
from .import_calendar_mode import ImportCalendarMode
from .import_contacts_files_body import ImportContactsFilesBody
from .import_error import ImportError_
from .import_result import ImportResult
from .import_result_mode import ImportResultMode
from .import_result_skipped_components import ImportResultSkippedComponents
from .invitation import Invitation
from .invitation_attempt import InvitationAttempt
from .invitation_attempt_outcome import InvitationAttemptOutcome
from .invitation_method_type_1 import InvitationMethodType1
from .invitation_method_type_2_type_1 import InvitationMethodType2Type1
from .invitation_method_type_3_type_1 import InvitationMethodType3Type1
from .invitation_page import InvitationPage
from .invitation_resend import InvitationResend
from .invitation_resend_result import InvitationResendResult
from .invitation_state import InvitationState
from .link import Link
from .link_started import LinkStarted
from .list_bookings_status import ListBookingsStatus
from .list_notifications_kind import ListNotificationsKind
from .list_webhook_deliveries_status import ListWebhookDeliveriesStatus
from .login import Login
from .logout import Logout
from .manage import Manage
from .member import Member
from .member_page import MemberPage
from .member_role import MemberRole
from .month import Month
from .month_day import MonthDay
from .month_day_status import MonthDayStatus
from .named_reason import NamedReason
from .named_reason_code import NamedReasonCode
from .notification import Notification
from .notification_data import NotificationData
from .notification_kind import NotificationKind
from .notification_page import NotificationPage
from .owner_booking import OwnerBooking
from .owner_booking_page import OwnerBookingPage
from .owner_booking_status import OwnerBookingStatus
from .pagination_metadata import PaginationMetadata
from .participant_busy import ParticipantBusy
from .pending_attachment import PendingAttachment
from .provider import Provider
from .provider_page import ProviderPage
from .public_availability import PublicAvailability
from .public_feed import PublicFeed
from .public_link import PublicLink
from .public_month import PublicMonth
from .public_slot_explanation import PublicSlotExplanation
from .read_all_result import ReadAllResult
from .ready import Ready
from .ready_checks import ReadyChecks
from .reason import Reason
from .reason_code import ReasonCode
from .refresh import Refresh
from .register import Register
from .reminder import Reminder
from .reminder_create import ReminderCreate
from .reminder_due_data import ReminderDueData
from .reminder_list import ReminderList
from .remote_calendar import RemoteCalendar
from .repair import Repair
from .reschedule import Reschedule
from .reservation import Reservation
from .reservation_status import ReservationStatus
from .reserve import Reserve
from .schedule import Schedule
from .schedule_create import ScheduleCreate
from .schedule_page import SchedulePage
from .schedule_update import ScheduleUpdate
from .schedule_weekly import ScheduleWeekly
from .share import Share
from .share_role import ShareRole
from .sign_out import SignOut
from .signed_out import SignedOut
from .slot_explanation import SlotExplanation
from .stream_changes_types_item import StreamChangesTypesItem
from .stream_changes_web_socket_types_item import StreamChangesWebSocketTypesItem
from .ticket import Ticket
from .time_off import TimeOff
from .time_off_create import TimeOffCreate
from .time_off_page import TimeOffPage
from .time_off_update import TimeOffUpdate
from .time_slot import TimeSlot
from .token import Token
from .update_event_instance_scope import UpdateEventInstanceScope
from .user import User
from .user_update import UserUpdate
from .v_card_import_result import VCardImportResult
from .verification_sent import VerificationSent
from .verify_email import VerifyEmail
from .webhook import Webhook
from .webhook_booking import WebhookBooking
from .webhook_booking_approved import WebhookBookingApproved
from .webhook_booking_approved_type import WebhookBookingApprovedType
from .webhook_booking_cancelled import WebhookBookingCancelled
from .webhook_booking_cancelled_type import WebhookBookingCancelledType
from .webhook_booking_created import WebhookBookingCreated
from .webhook_booking_created_type import WebhookBookingCreatedType
from .webhook_booking_declined import WebhookBookingDeclined
from .webhook_booking_declined_type import WebhookBookingDeclinedType
from .webhook_booking_requested import WebhookBookingRequested
from .webhook_booking_requested_type import WebhookBookingRequestedType
from .webhook_connection import WebhookConnection
from .webhook_connection_failing import WebhookConnectionFailing
from .webhook_connection_failing_type import WebhookConnectionFailingType
from .webhook_create import WebhookCreate
from .webhook_create_events_item import WebhookCreateEventsItem
from .webhook_created import WebhookCreated
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_delivery_payload import WebhookDeliveryPayload
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_event import WebhookEvent
from .webhook_event_created import WebhookEventCreated
from .webhook_event_created_type import WebhookEventCreatedType
from .webhook_event_deleted import WebhookEventDeleted
from .webhook_event_deleted_type import WebhookEventDeletedType
from .webhook_event_updated import WebhookEventUpdated
from .webhook_event_updated_type import WebhookEventUpdatedType
from .webhook_occurrence import WebhookOccurrence
from .webhook_page import WebhookPage
from .webhook_reminder import WebhookReminder
from .webhook_reminder_due import WebhookReminderDue
from .webhook_reminder_due_type import WebhookReminderDueType
from .weekly import Weekly
from .window import Window
from .working_hour_slot import WorkingHourSlot
from .working_hours import WorkingHours

__all__ = (
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyCreateScopesType0Item",
    "ApiKeyCreateScopesType1",
    "ApiKeyCreateScopesType1AdditionalPropertyItem",
    "ApiKeyPage",
    "Attachment",
    "AttachmentUpload",
    "AttachmentUploadBody",
    "AttachmentUploadCreate",
    "AttachmentUploadMethod",
    "Attempt",
    "AttemptOutcome",
    "Attendee",
    "AttendeeCreate",
    "AttendeeStatus",
    "AttendeeUpdate",
    "AttendeeUpdateStatus",
    "Availability",
    "BookedLink",
    "Booking",
    "BookingChange",
    "BookingData",
    "BookingDecision",
    "BookingLink",
    "BookingLinkCreate",
    "BookingLinkPage",
    "BookingLinkSettings",
    "BookingLinkSettingsWorkingHours",
    "BookingLinkUpdate",
    "BookingStatus",
    "Bounce",
    "BounceRecorded",
    "BusyBlock",
    "Calendar",
    "CalendarBusy",
    "CalendarChoice",
    "CalendarCreate",
    "CalendarRole",
    "CalendarSourceType1",
    "CalendarSourceType2Type1",
    "CalendarSourceType3Type1",
    "CalendarSyncPage",
    "CalendarUpdate",
    "CancelEventInstanceScope",
    "ChangeMessage",
    "ChangeMessageOp",
    "ChangeMessageType",
    "Connection",
    "ConnectionCreate",
    "ConnectionCreateKind",
    "ConnectionData",
    "ConnectionKind",
    "ConnectionPage",
    "ConnectionState",
    "ConnectionUpdate",
    "Contact",
    "ContactCreate",
    "ContactSyncPage",
    "ContactUpdate",
    "DateOverride",
    "DeletedCalendar",
    "DeletedCalendarStatus",
    "DeletedContact",
    "DeletedContactStatus",
    "DeletedEvent",
    "DeletedEventStatus",
    "Error",
    "ErrorCode",
    "Event",
    "EventAttachment",
    "EventCreate",
    "EventCreateStatus",
    "EventCreateTransparency",
    "EventData",
    "EventPage",
    "EventSourceType1",
    "EventSourceType2Type1",
    "EventSourceType3Type1",
    "EventStatus",
    "EventSyncPage",
    "EventTransparency",
    "EventType",
    "EventTypeList",
    "EventTypeSchema",
    "EventTypeType",
    "EventUpdate",
    "EventUpdateResult",
    "EventUpdateResultSourceType1",
    "EventUpdateResultSourceType2Type1",
    "EventUpdateResultSourceType3Type1",
    "EventUpdateResultStatus",
    "EventUpdateResultTransparency",
    "EventUpdateStatus",
    "EventUpdateTransparency",
    "Exchange",
    "Explain",
    "ExplainedEvent",
    "ExplainWorkingHoursType0",
    "FileAttachment",
    "FileAttachmentPage",
    "FindSlots",
    "FindSlotsWorkingHoursType0",
    "FoundSlot",
    "FoundSlots",
    "Health",
    "Hold",
    "HoldCreate",
    "Holiday",
    "HolidayList",
    "Identity",
    "IdentityPage",
    "ImportCalendarFilesBody",
    "ImportCalendarMode",
    "ImportContactsFilesBody",
    "ImportError_",
    "ImportResult",
    "ImportResultMode",
    "ImportResultSkippedComponents",
    "Invitation",
    "InvitationAttempt",
    "InvitationAttemptOutcome",
    "InvitationMethodType1",
    "InvitationMethodType2Type1",
    "InvitationMethodType3Type1",
    "InvitationPage",
    "InvitationResend",
    "InvitationResendResult",
    "InvitationState",
    "Link",
    "LinkStarted",
    "ListBookingsStatus",
    "ListNotificationsKind",
    "ListWebhookDeliveriesStatus",
    "Login",
    "Logout",
    "Manage",
    "Member",
    "MemberPage",
    "MemberRole",
    "Month",
    "MonthDay",
    "MonthDayStatus",
    "NamedReason",
    "NamedReasonCode",
    "Notification",
    "NotificationData",
    "NotificationKind",
    "NotificationPage",
    "OwnerBooking",
    "OwnerBookingPage",
    "OwnerBookingStatus",
    "PaginationMetadata",
    "ParticipantBusy",
    "PendingAttachment",
    "Provider",
    "ProviderPage",
    "PublicAvailability",
    "PublicFeed",
    "PublicLink",
    "PublicMonth",
    "PublicSlotExplanation",
    "ReadAllResult",
    "Ready",
    "ReadyChecks",
    "Reason",
    "ReasonCode",
    "Refresh",
    "Register",
    "Reminder",
    "ReminderCreate",
    "ReminderDueData",
    "ReminderList",
    "RemoteCalendar",
    "Repair",
    "Reschedule",
    "Reservation",
    "ReservationStatus",
    "Reserve",
    "Schedule",
    "ScheduleCreate",
    "SchedulePage",
    "ScheduleUpdate",
    "ScheduleWeekly",
    "Share",
    "ShareRole",
    "SignedOut",
    "SignOut",
    "SlotExplanation",
    "StreamChangesTypesItem",
    "StreamChangesWebSocketTypesItem",
    "Ticket",
    "TimeOff",
    "TimeOffCreate",
    "TimeOffPage",
    "TimeOffUpdate",
    "TimeSlot",
    "Token",
    "UpdateEventInstanceScope",
    "User",
    "UserUpdate",
    "VCardImportResult",
    "VerificationSent",
    "VerifyEmail",
    "Webhook",
    "WebhookBooking",
    "WebhookBookingApproved",
    "WebhookBookingApprovedType",
    "WebhookBookingCancelled",
    "WebhookBookingCancelledType",
    "WebhookBookingCreated",
    "WebhookBookingCreatedType",
    "WebhookBookingDeclined",
    "WebhookBookingDeclinedType",
    "WebhookBookingRequested",
    "WebhookBookingRequestedType",
    "WebhookConnection",
    "WebhookConnectionFailing",
    "WebhookConnectionFailingType",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookCreateEventsItem",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryPayload",
    "WebhookDeliveryStatus",
    "WebhookEvent",
    "WebhookEventCreated",
    "WebhookEventCreatedType",
    "WebhookEventDeleted",
    "WebhookEventDeletedType",
    "WebhookEventUpdated",
    "WebhookEventUpdatedType",
    "WebhookOccurrence",
    "WebhookPage",
    "WebhookReminder",
    "WebhookReminderDue",
    "WebhookReminderDueType",
    "Weekly",
    "Window",
    "WorkingHours",
    "WorkingHourSlot",
)
