"""The job consumers' entry point, two commands:

    huey_consumer calapp.worker.huey -w 2 -k thread -f
    huey_consumer calapp.worker.webhook_huey -w 4 -k thread

The first runs the reminder sweep, in-app and email deliveries, the webhook
outbox (webhooks made from committed change-log entries), the decline of
booking requests nobody answered in time, the sync of calendar connections
(``calapp.connections``), the change log's pruning and the hourly purges
(attachments, idempotency keys, expired OpenID sign-in states and one-time
codes); the second only sends webhook requests, so that receivers that are slow
or never answer cannot hold up a reminder. This module imports every tasks
module (through ``create_app``, the factory of the tasks' app), so each consumer
knows every task, and each consumer waits for the migrations before its first
task. ``-f`` clears task locks left by a consumer that was killed mid-sweep.
Each consumer process builds the app once, on its first task, and each task
runs in an app context of its own (``calapp.queue``).
"""

from calapp import create_app, queue, register_tasks
from calapp.queue import huey, task_app, webhook_huey
from calapp.startup import wait_for_schema

register_tasks()
queue.set_app_factory(create_app)


@webhook_huey.on_startup()
@huey.on_startup()
def wait_for_migrations() -> None:
    """Run no task before the schema exists: on a first ``make run`` the consumer
    starts beside the API, whose master runs the migrations."""
    with task_app().app_context():
        wait_for_schema(timeout=600)


__all__ = ["huey", "webhook_huey"]
