"""Reminder fixtures: see ``tests.reminders.harness``."""

from tests.reminders.harness import (  # noqa: F401 - fixtures
    bound_queue,
    clock,
    inbox,
    receiver,
    worker,
    world,
)
