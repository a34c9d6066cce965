"""What a schedule change means for the packages above (booking links use schedules)."""

from calapp.hooks import Hook

# (owner_id, schedule_id): the schedule is about to be deleted; a listener
# raises ``Conflict`` when something still uses it.
schedule_deleting = Hook("schedule_deleting")
