"""Auth fixtures: email on (``tests.auth.outbox``), and a real SMTP server and
consumer for the end-to-end test (``tests.reminders.harness``)."""

from tests.auth.outbox import bound_queue, mail_on  # noqa: F401 - fixtures
from tests.reminders.harness import clock, inbox, worker  # noqa: F401 - fixtures
