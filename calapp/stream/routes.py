"""``POST /stream/tickets`` (API), ``GET /stream`` and ``GET /ws`` (stream process).

Every process documents the three operations; only the stream process
(``wsgi_stream:app``, ``STREAM_PROCESS``) holds connections. The API's sync
workers answer ``/stream`` and ``/ws`` with 421 ``misdirected_request``, naming
where to connect: a long-lived connection must never hold an API worker.
"""

from __future__ import annotations

from flask import Response, current_app, request
from flask.views import MethodView
from simple_websocket import ConnectionClosed, Server

from calapp.api import Blueprint, current_principal
from calapp.credentials import authenticate
from calapp.errors import AppError, ValidationError
from calapp.extensions import db
from calapp.stream import service
from calapp.stream.hub import Closed, Subscriber, hub_for
from calapp.stream.schemas import ChangeMessageSchema, StreamArgsSchema, TicketSchema

blp = Blueprint(
    "stream",
    __name__,
    description="Live updates: each change you may read, within a second of its "
    "commit, as Server-Sent Events (/stream) or WebSocket messages (/ws)",
)

_SECURITY = [{"bearerAuth": []}, {"apiKeyAuth": []}, {}]
BATCH = 200  # messages per write at most
_EXTRA = {
    "x-required-scopes": [],
    "x-scope-note": "API keys receive the types they may read: calendars:read "
    "(calendar, membership), events:read (event), booking:read (booking), "
    "contacts:read (contact)",
}


class MisdirectedRequest(AppError):
    status, code = 421, "misdirected_request"


def _stream_process_only() -> None:
    if not current_app.config.get("STREAM_PROCESS"):
        raise MisdirectedRequest(
            f"Live updates are served by the stream process: connect to {request.path}"
            " through the same host behind the proxy (locally, port STREAM_PORT, "
            "3020)",
        )


def _principal(args):
    if args.get("ticket"):
        return service.redeem_ticket(args["ticket"])
    return authenticate()


def _subscriber(args) -> Subscriber:
    principal = _principal(args)
    kinds = service.allowed_kinds(principal, args.get("types") or ())
    audience = service.audience_for(principal, kinds, args.get("calendar_id"))
    db.session.close()  # no connection held for the life of the stream
    return Subscriber(principal=principal, audience=audience)


def _resume_position(args) -> int | None:
    header = request.headers.get("Last-Event-ID", "").strip()
    if header:
        if not header.isdigit() or len(header) > 19:
            raise ValidationError.field("Last-Event-ID", "must be a position")
        return int(header)
    return args.get("resume_from")


@blp.route("/stream/tickets")
class TicketsView(MethodView):
    @blp.doc(operationId="createStreamTicket")
    @blp.auth_required()
    @blp.response(201, TicketSchema)
    def post(self):
        """Get a single-use ticket to open /stream or /ws from a browser

        Browsers cannot set headers on EventSource or WebSocket: pass this short-lived
        ticket as ?ticket= instead of the access token.
        """
        ticket, expires_in = service.issue_ticket(current_principal())
        return {"ticket": ticket, "expires_in": expires_in}


@blp.route("/stream")
class StreamView(MethodView):
    @blp.doc(operationId="streamChanges")
    @blp.arguments(StreamArgsSchema, location="query")
    @blp.doc(
        security=_SECURITY,
        responses={
            "200": {
                "description": "An endless text/event-stream: per change "
                "`id: <position>` and `data: <ChangeMessage JSON>`; a comment "
                "line every STREAM_HEARTBEAT_SECONDS; `event: resync` when the "
                "position resumed from is older than the retention",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        },
        **_EXTRA,
    )
    @blp.errors(400, 401, 403, 404, 421)
    def get(self, args):
        """Receive the changes you may read as Server-Sent Events

        Live updates for UIs and agents that must not poll: every change to calendars,
        events, contacts and bookings you may read, resumable with Last-Event-ID. Served
        by the stream process.
        """
        _stream_process_only()
        sub = _subscriber(args)
        hub = hub_for(current_app._get_current_object())
        hub.join(sub, _resume_position(args))
        heartbeat = current_app.config["STREAM_HEARTBEAT_SECONDS"]
        response = Response(_events(hub, sub, heartbeat), mimetype="text/event-stream")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Accel-Buffering"] = "no"  # nginx: never buffer
        return response


def _closing(item: Closed) -> str:
    return service.dumps(
        {"type": "closed", "reason": item.reason, "error": item.message}
    )


def _events(hub, sub: Subscriber, heartbeat: float):
    try:
        yield ": connected\nretry: 2000\n\n"
        while True:
            first = sub.get(timeout=heartbeat)
            if first is None:
                yield ": heartbeat\n\n"
                continue
            # Whatever else is queued goes out in the same write.
            frames = []
            for item in [first, *sub.drain(BATCH)]:
                if isinstance(item, Closed):
                    frames.append(f"event: closed\ndata: {_closing(item)}\n\n")
                    yield "".join(frames)
                    return
                frames.append(item.sse)
            yield "".join(frames)
    finally:
        hub.leave(sub)


@blp.route("/ws", websocket=True)
class WebSocketView(MethodView):
    @blp.doc(operationId="streamChangesWebSocket")
    @blp.arguments(StreamArgsSchema, location="query")
    @blp.doc(
        security=_SECURITY,
        responses={
            "101": {
                "description": 'WebSocket: send `{"resume_from": N}` first to '
                "get every change after N (or `{}` to start now); then one JSON "
                'ChangeMessage per change, `{"type": "resync"}` when N is '
                "older than the retention, pings every STREAM_HEARTBEAT_SECONDS"
            }
        },
        **_EXTRA,
    )
    @blp.errors(400, 401, 403, 404, 421)
    def get(self, args):
        """Receive the changes you may read over a WebSocket

        The same live updates as GET /stream over a WebSocket, resumable with
        resume_from. Served by the stream process.
        """
        _stream_process_only()
        if request.headers.get("Upgrade", "").lower() != "websocket":
            raise ValidationError("This endpoint needs a WebSocket upgrade request")
        sub = _subscriber(args)
        hub = hub_for(current_app._get_current_object())
        config = current_app.config
        ws = Server.accept(
            request.environ, ping_interval=config["STREAM_HEARTBEAT_SECONDS"]
        )
        try:
            _serve_websocket(hub, sub, ws, args.get("resume_from"), config)
        except ConnectionClosed:
            pass
        finally:
            hub.leave(sub)
            db.session.close()
        return _WebSocketDone()


def _resume_message(raw) -> tuple[bool, int | None]:
    """``(understood, position)`` of a client message."""
    try:
        data = service.loads(raw)
        position = data.get("resume_from")
    except (ValueError, AttributeError):
        return False, None
    if position is None or (isinstance(position, int) and 0 <= position < 2**62):
        return True, position
    return False, None


def _serve_websocket(hub, sub: Subscriber, ws: Server, resume_from, config) -> None:
    if resume_from is None:
        resume_from = hub.position  # what commits while we wait is delivered
    first = ws.receive(timeout=config["STREAM_WS_RESUME_WAIT_SECONDS"])
    if first is not None:
        understood, position = _resume_message(first)
        if understood and position is not None:
            resume_from = position
    hub.join(sub, resume_from)
    db.session.close()
    while ws.connected:
        item = sub.get(timeout=0.5)
        if isinstance(item, Closed):
            ws.send(_closing(item))
            ws.close(reason=1008, message=item.reason)
            return
        if item is not None:
            ws.send(item.text)
        incoming = ws.receive(timeout=0)
        if incoming is not None:
            understood, position = _resume_message(incoming)
            if understood and position is not None:
                hub.join(sub, position)  # replay from there, as asked
                db.session.close()


class _WebSocketDone(Response):
    """The connection was answered by the WebSocket server: send nothing more."""

    def __call__(self, environ, start_response):
        if environ.get("gunicorn.socket") is not None:
            raise StopIteration()
        return super().__call__(environ, start_response)


def register_message_schema(spec) -> None:
    """``ChangeMessage``: no JSON operation returns it, the streams carry it."""
    spec.components.schema("ChangeMessage", schema=ChangeMessageSchema)
