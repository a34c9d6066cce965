"""Real job consumers, an SMTP server and a webhook receiver for booking flows
(``tests.reminders.harness``); the API reads the tasks' clock too."""

import pytest

from tests.reminders.harness import (  # noqa: F401 - fixtures
    bound_queue,
    clock,
    inbox,
    receiver,
    worker,
    world,
)


@pytest.fixture(autouse=True)
def one_clock(clock, monkeypatch):  # noqa: F811 - the harness' clock
    """The API and the tasks read the same moving time."""
    from calapp.users import service

    monkeypatch.setattr(service, "now", clock)
