"""What the app does to every request before and after its route: body size limits, the
token for writes, refusing cross-site form posts, and the security headers of every answer.

Article text is untrusted and shown on every page, so the Content-Security-Policy allows
scripts and styles from the app's own ``/static`` files only: no inline script or handler,
nothing from another origin, no frames, no plugins.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # links to original articles carry no referrer
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
WRITE_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))
TOKEN_FIELD = "token"  # the add form's field; the API takes ``Authorization: Bearer``


def is_authorised(token: str | None, header: str | None, field: str | None = None) -> bool:
    """Whether a write may go ahead: no token set, or the request carries it.

    >>> is_authorised(None, None), is_authorised("s3cret", "Bearer s3cret")
    (True, True)
    >>> is_authorised("s3cret", "Bearer nope"), is_authorised("s3cret", None, "s3cret")
    (False, True)
    """
    if token is None:
        return True
    given = header.removeprefix("Bearer ").strip() if header else (field or "")
    return hmac.compare_digest(given.encode(), token.encode())


def is_cross_site(headers: Headers) -> bool:
    """A write sent by a page of another site (a form on a web page that posts to 127.0.0.1).

    Browsers say so in ``Sec-Fetch-Site``; without it, an ``Origin`` other than this host
    (or the opaque ``null``) is cross-site. Requests with neither (curl, scripts) are not.

    >>> is_cross_site(Headers({"sec-fetch-site": "same-origin", "origin": "null"}))
    False
    >>> is_cross_site(Headers({"origin": "https://attacker.example", "host": "127.0.0.1:8000"}))
    True
    """
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False
    return origin.split("://", 1)[-1] != headers.get("host", "")


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port.

    >>> host_name("127.0.0.1:8000"), host_name("[::1]:8000"), host_name("localhost")
    ('127.0.0.1', '::1', 'localhost')
    """
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class Guard:
    """ASGI middleware: Host check, size limit, cross-site refusal, security headers."""

    def __init__(
        self, app: ASGIApp, max_request_bytes: int, allowed_hosts: tuple[str, ...]
    ) -> None:
        self.app = app
        self.max_request_bytes = max_request_bytes
        self.allowed_hosts = frozenset(host_name(h) for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = host_name(headers.get("host", ""))
        if "*" not in self.allowed_hosts and host not in self.allowed_hosts:
            await _error(send, 400, f"this server does not answer for the host {host[:100]!r}")
            return
        if scope["method"] in WRITE_METHODS and is_cross_site(headers):
            await _error(send, 403, "cross-site requests may not write")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_request_bytes:
            await _error(send, 413, self._too_large())
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, self._limited(receive), send_secured)

    def _too_large(self) -> str:
        return f"the request is larger than {self.max_request_bytes:,} bytes"

    def _limited(self, receive: Receive) -> Callable[[], Awaitable[Message]]:
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_request_bytes:  # a body longer than its Content-Length said
                raise HTTPException(413, self._too_large())
            return message

        return limited


async def _error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
