"""How ``newsweave serve`` runs: one frozen options object, checked when built.

>>> ServeOptions(host="0.0.0.0")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
newsweave.errors.OptionsError: binding 0.0.0.0 (not loopback) needs a token: pass --token ...
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from newsweave.errors import OptionsError
from newsweave.ingest import MAX_INPUT_BYTES

TOKEN_ENV = "NEWSWEAVE_TOKEN"
LOOPBACK_NAMES = ("localhost",)
# A request body past this is refused (413) before it is read to the end: one upload may hold
# a few input files of up to the ingest limit (20 MB each would be too much for one request).
MAX_REQUEST_BYTES = MAX_INPUT_BYTES + 1024 * 1024  # one largest input plus form overhead
# Tokens shorter than this are guessable by anyone who can reach a non-loopback address.
TOKEN_MIN_CHARS = 16
PORT_MAX = 65535


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost).

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What the app serves and how it guards itself.

    ``token``: required by every write (adding articles) when set, and required to bind any
    address other than loopback. ``fetch``: the add page and API accept http(s) URLs.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    fetch: bool = False
    max_request_bytes: int = MAX_REQUEST_BYTES

    def __post_init__(self) -> None:
        if not self.host:
            raise OptionsError("host must be an address such as 127.0.0.1")
        if not 0 <= self.port <= PORT_MAX:
            raise OptionsError(f"port must be from 0 to {PORT_MAX}, got {self.port}")
        if self.token is not None and len(self.token) < TOKEN_MIN_CHARS:
            raise OptionsError(f"the token must have at least {TOKEN_MIN_CHARS} characters")
        if self.token is None and not is_loopback(self.host):
            raise OptionsError(
                f"binding {self.host} (not loopback) needs a token: pass --token or set {TOKEN_ENV}"
            )
        if self.max_request_bytes < 1:
            raise OptionsError(f"max_request_bytes must be positive, got {self.max_request_bytes}")

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """Host headers answered: loopback names for a loopback bind (a page on another site
        cannot reach the app through DNS rebinding), any for another address."""
        if is_loopback(self.host):
            return ("127.0.0.1", "localhost", "::1", self.host)
        return ("*",)
