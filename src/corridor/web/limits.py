"""Limits that protect the server: request body size, and sign-in attempts."""

from __future__ import annotations

import json
import threading
import time
from collections import deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORM_OVERHEAD = 1024 * 1024
"""Room for the form fields and multipart framing around an uploaded file."""


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``limit`` bytes, before
    anything parses it (a declared length is refused at once, a streamed body
    as soon as it passes the limit)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (
            not declared.isdigit() or int(declared) > self.limit
        ):
            await self._refuse(scope, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = f"the request is over the {self.limit:,} byte limit"
        status = 413
        if scope["path"].startswith("/api/"):
            body = json.dumps({"ok": False, "error": message, "status": status})
            kind = b"application/json"
        else:
            body = f"<!doctype html><title>413</title><h1>413</h1><p>{message}</p>"
            kind = b"text/html; charset=utf-8"
        data = body.encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", kind),
                    (b"content-length", str(len(data)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": data})


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the request is over the {limit:,} byte limit")


class SignInThrottle:
    """At most ``attempts`` failed sign-ins per name in ``window`` seconds."""

    def __init__(self, attempts: int = 5, window: float = 900.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, name: str, now: float) -> deque[float]:
        times = self._failures.setdefault(name.lower(), deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked(self, name: str) -> float:
        """Seconds until ``name`` may try again (0 when it may now)."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(name, now)
            if len(times) < self.attempts:
                return 0.0
            return max(0.0, self.window - (now - times[0]))

    def failed(self, name: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(name, now).append(now)
            if len(self._failures) > 10_000:  # never grow without bound
                self._failures.clear()

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name.lower(), None)
