"""The fan-out of one stream process: one LISTEN connection, one read of the log
per wake-up for every subscriber, dispatch in memory.

The log is the source of truth: a notification (payload: the highest position
committed) only wakes the reader, and a poll every ``STREAM_POLL_SECONDS`` reads
anyway, so a lost notification delays a change, never loses it. Positions are
handed out in commit order (``calapp.changes.log``), so reading ``(H, W]`` where
``W`` is the watermark read first never misses an entry that commits later.

Everything runs in greenlets of the gevent worker: the hub's state is touched
under one lock.
"""

from __future__ import annotations

import logging
import select
import threading
import uuid
from dataclasses import dataclass, field

import gevent
from gevent.queue import Empty, Queue

from calapp.changes import service as changes
from calapp.changes.wake import NOTIFY_CHANNEL, listen
from calapp.extensions import db
from calapp.security import Principal
from calapp.stream import service
from calapp.stream.service import Audience

log = logging.getLogger("calapp.stream")

PAGE = 1000


@dataclass(frozen=True)
class Closed:
    """The last item a subscriber receives: why its stream ends."""

    reason: str
    message: str


@dataclass(eq=False)
class Subscriber:
    principal: Principal
    audience: Audience
    position: int = 0
    queue: Queue = field(default_factory=Queue)
    closed: Closed | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    def push(self, payload: service.Message) -> None:
        self.queue.put(payload)

    def close(self, reason: str, message: str) -> None:
        if self.closed is None:
            self.closed = Closed(reason, message)
            self.queue.put(self.closed)

    def drain(self, limit: int) -> list:
        """What is queued now, up to ``limit`` items, without waiting."""
        items = []
        while len(items) < limit:
            try:
                items.append(self.queue.get_nowait())
            except Empty:
                break
        return items

    def get(self, timeout: float):
        """The next payload or ``Closed``; None after ``timeout`` seconds idle."""
        try:
            return self.queue.get(timeout=timeout)
        except Empty:
            return None


class Hub:
    def __init__(self, app) -> None:
        self.app = app
        self.lock = threading.RLock()
        self.subscribers: set[Subscriber] = set()
        self.position = 0
        self.started = False
        self.queue_limit = app.config["STREAM_QUEUE_LIMIT"]
        self._messages: dict[int, service.Message] = {}  # this batch's, built once

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        with self.lock:
            if self.started:
                return
            with self.app.app_context():
                self.position = changes.watermark()
                db.session.close()
            gevent.spawn(self._listen_forever)
            gevent.spawn(self._check_liveness_forever)
            self.started = True

    def _listen_forever(self) -> None:
        poll = self.app.config["STREAM_POLL_SECONDS"]
        while True:
            try:
                conn = listen(self.app.config["DATABASE_URL"], NOTIFY_CHANNEL)
            except Exception:
                log.exception("stream: LISTEN failed; polling meanwhile")
                conn = None
            try:
                while True:
                    if conn is not None:
                        readable, _, _ = select.select([conn], [], [], poll)
                        if readable:
                            conn.poll()
                            conn.notifies.clear()
                    else:
                        gevent.sleep(poll)
                    self.read()
                    if conn is None:
                        break  # try to LISTEN again
            except Exception:
                log.exception("stream: the change reader failed; restarting")
                gevent.sleep(1)
            finally:
                if conn is not None:
                    conn.close()

    def _check_liveness_forever(self) -> None:
        while True:
            gevent.sleep(self.app.config["STREAM_LIVENESS_SECONDS"])
            try:
                self.check_liveness()
            except Exception:
                log.exception("stream: liveness check failed")

    # --- subscribers -----------------------------------------------------------------

    def join(self, sub: Subscriber, resume_from: int | None) -> None:
        """Start ``sub`` after ``resume_from`` (None: from now), catching up what it
        missed, or with one ``resync`` when that position was pruned."""
        with self.lock:
            sub.queue = Queue()
            self.subscribers.discard(sub)
            if resume_from is None:
                sub.position = self.position
            elif changes.is_expired(resume_from):
                sub.position = max(changes.watermark(), self.position)
                sub.push(service.resync(sub.position))
            else:
                sub.position = resume_from
                self._catch_up(sub, self.position)
            self.subscribers.add(sub)
            db.session.close()

    def leave(self, sub: Subscriber) -> None:
        with self.lock:
            self.subscribers.discard(sub)

    def _catch_up(self, sub: Subscriber, up_to: int) -> None:
        """Deliver what ``sub``'s audience saw in ``(sub.position, up_to]``."""
        audience = sub.audience
        while sub.position < up_to:
            batch = service.changes_for(
                sub.position,
                up_to,
                calendar_ids=audience.calendars,
                user_ids=[audience.user_id],
                limit=PAGE,
            )
            for change in batch:
                if audience.sees(change):
                    sub.push(service.message(change))
            if len(batch) < PAGE:
                break
            sub.position = batch[-1].position
        sub.position = max(sub.position, up_to)

    # --- reading the log -------------------------------------------------------------

    def read(self) -> None:
        """Read every entry committed since the last read, for all subscribers."""
        with self.lock, self.app.app_context():
            try:
                self._read()
            finally:
                db.session.close()

    def _read(self) -> None:
        watermark = changes.watermark()
        if not self.subscribers:
            self.position = watermark
            return
        while self.position < watermark:
            calendars = set().union(*(s.audience.calendars for s in self.subscribers))
            users = {s.audience.user_id for s in self.subscribers}
            batch = service.changes_for(
                self.position,
                watermark,
                calendar_ids=calendars,
                user_ids=users,
                limit=PAGE,
            )
            up_to = watermark if len(batch) < PAGE else batch[-1].position
            self._dispatch(batch, up_to)
            self.position = up_to

    def _dispatch(self, batch, up_to: int) -> None:
        self._messages = {}
        by_calendar: dict = {}
        by_user: dict = {}
        for sub in self.subscribers:
            for calendar_id in sub.audience.calendars:
                by_calendar.setdefault(calendar_id, []).append(sub)
            by_user.setdefault(sub.audience.user_id, []).append(sub)
        for change in batch:
            targets = by_calendar.get(change.calendar_id, []) + by_user.get(
                change.user_id, []
            )
            for sub in dict.fromkeys(targets):
                self._deliver(sub, change, up_to)
        for sub in self.subscribers:
            sub.position = max(sub.position, up_to)

    def _deliver(self, sub: Subscriber, change, up_to: int) -> None:
        if sub.closed is not None or change.position <= sub.position:
            return
        if sub.audience.sees(change):
            message = self._messages.get(change.position)
            if message is None:
                message = self._messages[change.position] = service.message(change)
            sub.push(message)
        if sub.audience.concerns_access(change):
            # A share or unshare of this reader: what it sees changes at once.
            added = service.refresh(sub.principal, sub.audience)
            sub.position = change.position
            if added:
                self._catch_up(sub, up_to)
        if sub.queue.qsize() > self.queue_limit:
            sub.close("lagging", "Too many changes unread; reconnect to resume")

    # --- liveness --------------------------------------------------------------------

    def check_liveness(self) -> None:
        """Close the streams whose key was revoked or whose session ended."""
        with self.lock, self.app.app_context():
            try:
                subs = [s for s in self.subscribers if s.closed is None]
                alive = service.live_principals(s.principal for s in subs)
                for sub in subs:
                    if service.liveness_key(sub.principal) not in alive:
                        sub.close(
                            "revoked",
                            "The credentials of this stream were revoked or ended",
                        )
                        self.subscribers.discard(sub)
            finally:
                db.session.close()


_hubs: dict[int, Hub] = {}


def hub_for(app) -> Hub:
    hub = _hubs.get(id(app))
    if hub is None:
        hub = _hubs[id(app)] = Hub(app)
    hub.start()
    return hub
