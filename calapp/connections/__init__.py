"""External calendars: CalDAV accounts and ICS subscriptions (``service``)."""
