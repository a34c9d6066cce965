"""``/mcp``: MCP's streamable HTTP transport, in the API's own workers.

Stateless and JSON-only: each ``POST /mcp`` carries one JSON-RPC message and its
response is one JSON body, so no connection outlives its request and a sync
gunicorn worker serves it like any API call. The SDK's own streamable HTTP
transport (``StreamableHTTPSessionManager`` in stateless JSON-response mode)
handles the message, run to completion inside the Flask request: the
credentials, the database session, the permission checks and Idempotency-Key
are the app's.
``GET /mcp`` (a server-to-client SSE stream) is 405, as the specification allows
a server that offers none.

Before the message is read, errors are the API's (``{"error", "code"}``): 401
without credentials, 403 for an Origin that is not this site's (the
specification's guard against DNS rebinding), 405, 406, 413, 415. A message
that is not valid JSON-RPC gets a JSON-RPC error object (400), as MCP clients
expect; a tool that fails answers 200 with ``isError`` and the API's error body.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from urllib.parse import urlsplit

import anyio
from flask import Blueprint, Flask, Response, current_app, g, request
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

from calapp.credentials import authenticate
from calapp.errors import (
    AppError,
    Forbidden,
    Unauthorized,
    UnsupportedMediaType,
    error_body,
)
from calapp.idempotency.guard import idempotent
from calapp.mcp import server as mcp_server

blp = Blueprint("mcp", __name__)

EXTENSION = "calapp.mcp"
WWW_AUTHENTICATE = 'Bearer realm="calapp", error="invalid_token"'


class MethodNotAllowed(AppError):
    status, code = 405, "method_not_allowed"


class NotAcceptable(AppError):
    status, code = 406, "not_acceptable"


def init_app(app: Flask) -> None:
    from calapp.mcp.stdio import mcp_cli

    app.extensions[EXTENSION] = mcp_server.build()
    app.register_blueprint(blp)
    app.cli.add_command(mcp_cli)


@blp.route("/mcp", methods=["GET", "DELETE"])
def no_stream():
    """No SSE stream and no sessions to end: this server is stateless."""
    raise MethodNotAllowed(
        "This MCP server is stateless: POST JSON-RPC messages to /mcp "
        "(no SSE stream, no sessions)",
        headers={"Allow": "POST"},
    )


@blp.route("/mcp", methods=["POST"])
@idempotent
def post():
    """One JSON-RPC message in, its JSON response out. With an Idempotency-Key
    (as on every REST write), a retried message gets the first answer again."""
    _check_origin()
    try:
        principal = authenticate()
    except Unauthorized as error:
        error.headers.setdefault("WWW-Authenticate", WWW_AUTHENTICATE)
        raise
    g.principal = principal
    _check_media_types()
    body = request.get_data(cache=False)
    status, headers, content = _serve(_asgi_scope(), body, lambda work: work(principal))
    kind = dict((name.lower(), value) for name, value in headers).get("content-type")
    if status >= 400 and not (kind or "").startswith("application/json"):
        # A transport refusal in plain text: the API's error format instead.
        text = content.decode("utf-8", "replace").strip()
        return error_body(status, text or None), status
    response = Response(content, status=status)
    for name, value in headers:
        if name.lower() not in ("content-length", "date", "server"):
            response.headers[name] = value
    return response


def _check_media_types() -> None:
    if request.mimetype != "application/json":
        raise UnsupportedMediaType(
            "Send one JSON-RPC message as application/json",
            details={"content_type": request.mimetype or None},
        )
    accept = request.headers.get("Accept")
    if accept and not request.accept_mimetypes.accept_json:
        raise NotAcceptable(
            "This MCP server answers in application/json: accept it",
            details={"accept": accept},
        )


def _check_origin() -> None:
    """A browser page of another site may not drive the server (DNS rebinding)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return
    allowed = current_app.config.get("CORS_ORIGINS") or []
    if isinstance(allowed, str):
        allowed = [allowed]
    own = f"{request.scheme}://{request.host}"
    parts = urlsplit(origin)
    if origin == own or origin in allowed or f"{parts.scheme}://{parts.netloc}" == own:
        return
    raise Forbidden(
        f"Origin {origin} may not use this MCP server", details={"origin": origin}
    )


def _asgi_scope() -> dict:
    host, _, port = request.host.partition(":")
    headers = [
        (name.lower().encode("latin-1"), value.encode("latin-1", "replace"))
        for name, value in request.headers.items()
        if name.lower() != "accept"
    ]
    # JSON responses only; a client that sent no Accept (or */*) takes JSON.
    headers.append((b"accept", b"application/json, text/event-stream"))
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": request.scheme,
        "path": request.path,
        "raw_path": request.path.encode("latin-1", "replace"),
        "query_string": request.query_string,
        "root_path": "",
        "headers": headers,
        "client": (request.remote_addr or "", 0),
        "server": (host, int(port) if port.isdigit() else 80),
    }


class _Loop:
    """An event loop of one thread's, kept between its requests (a new loop per
    request costs ~0.5 ms) and closed when the thread ends (a thread per request
    under the development server, a greenlet under gevent)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def run(self, work, context: contextvars.Context):
        return self.loop.run_until_complete(
            self.loop.create_task(work, context=context)
        )

    def __del__(self) -> None:
        self.loop.close()


_threads = threading.local()


def _serve(scope: dict, body: bytes, caller) -> tuple[int, list, bytes]:
    """Run the SDK's stateless JSON-response transport for one request, in a
    copy of the current context: the handlers see this request's Flask context
    and ``caller``."""
    loop = getattr(_threads, "loop", None)
    if loop is None:
        loop = _threads.loop = _Loop()
    token = mcp_server.caller.set(caller)
    try:
        work = _serve_async(current_app.extensions[EXTENSION], scope, body)
        return loop.run(work, contextvars.copy_context())
    finally:
        mcp_server.caller.reset(token)


async def _serve_async(sdk_server, scope: dict, body: bytes):
    manager = StreamableHTTPSessionManager(
        app=sdk_server, json_response=True, stateless=True
    )
    started: dict = {}
    chunks: list[bytes] = []
    delivered = False

    async def receive():
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        # The client stays connected until the response is complete.
        await anyio.sleep_forever()

    async def send(message):
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    async with manager.run():
        await manager.handle_request(scope, receive, send)
    headers = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, value in started.get("headers", [])
    ]
    return started.get("status", 500), headers, b"".join(chunks)
