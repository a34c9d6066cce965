"""Real job consumers and an SMTP server (aiosmtpd) that refuses the mailboxes a
test names, permanently (550), like a server that does not know them."""

import pytest

from tests.reminders.harness import (  # noqa: F401 - fixtures
    Inbox,
    bound_queue,
    clock,
    free_port,
    worker,
    world,
)


class RefusingInbox(Inbox):
    def __init__(self) -> None:
        super().__init__()
        self.unknown: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.unknown:
            return "550 5.1.1 User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def inbox(app, monkeypatch):
    from aiosmtpd.controller import Controller

    handler = RefusingInbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setitem(app.config, "SMTP_FROM", "calapp <calapp@example.com>")
    yield handler
    controller.stop()
