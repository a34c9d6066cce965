"""The job consumer's entry point, one command:

    huey_consumer calapp.worker.huey -w 2 -k thread -f

It imports every tasks module, so the consumer knows every task (and runs the
periodic reminder sweep every minute). ``-f`` clears task locks left by a consumer
that was killed mid-sweep. Each consumer process builds the app once, on its first
task, and each task runs in an app context of its own (``calapp.queue``).
"""

import calapp.notifications.tasks  # noqa: F401
import calapp.webhooks.tasks  # noqa: F401
from calapp.queue import huey

__all__ = ["huey"]
