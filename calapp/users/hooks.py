"""What an account change means for the packages that keep rows per user.

``users`` sits below them (sessions in ``auth``, API keys in ``api_keys``,
memberships in ``calendars``, invitations in ``events``): they register here when
the app factory imports them, and the account operations call them in their own
transaction.
"""

from calapp.hooks import Hook

# (user_id, email, when): the account proved it owns ``email``.
email_verified = Hook("email_verified")
# (user_id, when, reason, keep=session id or None): end the user's sessions.
end_sessions = Hook("end_sessions")
# (user_id, when): revoke the user's API keys.
end_api_keys = Hook("end_api_keys")
# (user_id, when): the account was deleted.
account_deleted = Hook("account_deleted")
# (user, changes): apply the ``AVAILABILITY_SETTINGS`` among ``changes``.
availability_settings = Hook("availability_settings")
AVAILABILITY_SETTINGS = (
    "default_schedule_id",
    "holiday_country",
    "holiday_subdivision",
    "holidays_block",
)
