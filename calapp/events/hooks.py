"""What an event's writer tells, in its own transaction, the packages above it.

``calapp.reminders.service`` registers for all of them: reminders rescheduled,
stale deliveries revoked, invitations sent. They are calls in the writer's
transaction, not change-log consumers: a reminder must not fire at an event's old
time in the seconds a consumer would take, and invitations need what the log does
not keep (which attendees were added or removed, which fields changed).
"""

from calapp.hooks import Hook

# (event, now)
event_created = Hook("event_created")
# (event, before: the fields as they were, now)
event_updated = Hook("event_updated")
# (event, now)
event_deleted = Hook("event_deleted")
# (event, attendee, now)
attendee_added = Hook("attendee_added")
attendee_removed = Hook("attendee_removed")
