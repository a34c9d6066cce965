"""Reminders that fired, for channels the sweep does not fill itself.

The sweep (``calapp.notifications.sweep``) makes the in-app and email deliveries
of each fired reminder; ``calapp.webhooks`` registers here to queue
``reminder.due`` for the webhooks of each event's owner. Both sit above this
package and neither imports the other.
"""

from calapp.hooks import Hook

# (fires, events: {event id: row with owner_id}, now) -> Counter of new
# deliveries per channel
reminder_due = Hook("reminder_due")
