"""Real clients for the stream tests: SSE over a plain HTTP connection and
WebSocket through websocket-client, each read by a thread into a queue."""

from __future__ import annotations

import http.client
import json
import queue
import socket
import threading
from urllib.parse import urlsplit

import websocket

WAIT = 10  # seconds: generous, a bound on a hang, never a speed assertion


class SSEClient:
    """``GET /stream``; ``next()`` returns ``(event, id, data)`` of each event."""

    def __init__(self, base: str, path: str = "/stream", headers=None) -> None:
        parts = urlsplit(base)
        self._comment_seen = threading.Event()
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.conn.request("GET", path, headers=headers or {})
        self.response = self.conn.getresponse()
        self.status = self.response.status
        self.events: queue.Queue = queue.Queue()
        self.comments: list[str] = []
        if self.status == 200:
            self._thread = threading.Thread(target=self._read, daemon=True)
            self._thread.start()
            assert self._comment_seen.wait(WAIT), "no ': connected' line"
        else:
            self.body = json.loads(self.response.read() or b"null")
            self.conn.close()

    def _read(self) -> None:
        event, ident, data = "message", None, []
        try:
            while True:
                line = self.response.readline()  # chunked decoding: b"" at the end
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line.startswith(":"):
                    self.comments.append(line)
                    self._comment_seen.set()
                elif line == "":
                    if data:
                        self.events.put((event, ident, json.loads("\n".join(data))))
                    event, ident, data = "message", None, []
                else:
                    name, _, value = line.partition(":")
                    value = value.removeprefix(" ")
                    if name == "event":
                        event = value
                    elif name == "id":
                        ident = value
                    elif name == "data":
                        data.append(value)
        except (OSError, ValueError):  # closed by the test
            pass
        self.events.put(None)  # the stream ended

    def next(self, timeout: float = WAIT):
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s") from None

    def quiet_for(self, seconds: float) -> list:
        """Everything that arrives within ``seconds`` (expected: nothing)."""
        got = []
        try:
            while True:
                got.append(self.events.get(timeout=seconds))
        except queue.Empty:
            return got

    def close(self) -> None:
        """Hang up (shutdown wakes the reader thread, then the socket closes)."""
        if self.conn.sock is not None:
            try:
                self.conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._thread.join(WAIT)
        self.response.close()
        self.conn.close()


class WSClient:
    """``GET /ws``; ``next()`` returns each JSON message (None once closed)."""

    def __init__(self, base: str, path: str = "/ws", headers=None, first=None):
        url = "ws" + base.removeprefix("http") + path
        self.ws = websocket.create_connection(
            url, timeout=60, header=[f"{k}: {v}" for k, v in (headers or {}).items()]
        )
        self.ws.send(json.dumps(first if first is not None else {}))
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                raw = self.ws.recv()
                if not raw:
                    break
                self.messages.put(json.loads(raw))
        except (websocket.WebSocketException, OSError):
            pass
        self.messages.put(None)

    def next(self, timeout: float = WAIT):
        try:
            return self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no message within {timeout} s") from None

    def quiet_for(self, seconds: float) -> list:
        got = []
        try:
            while True:
                got.append(self.messages.get(timeout=seconds))
        except queue.Empty:
            return got

    def send(self, payload: dict) -> None:
        self.ws.send(json.dumps(payload))

    def close(self) -> None:
        try:
            self.ws.close(timeout=1)
        except (websocket.WebSocketException, OSError):
            pass
        self.ws.shutdown()  # the socket too, when the server closed first


def ws_handshake_error(base: str, path: str, headers=None) -> tuple[int, dict]:
    """The status and error body of a refused WebSocket handshake."""
    try:
        WSClient(base, path, headers)
    except websocket.WebSocketBadStatusException as exc:
        return exc.status_code, json.loads(exc.resp_body or b"null")
    raise AssertionError("the handshake succeeded")
