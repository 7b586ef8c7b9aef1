"""Rendered pages and serialised briefs kept for a while: a story's page is drawn from its
brief once, then served from memory until its summary changes, an indexing run of this app
ends, or ``ttl_s`` passes."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sized
from typing import Generic, TypeVar

V = TypeVar("V")
# Entries kept, and their total size: a capped story page is up to ~1 MB, a brief's JSON up to
# 25 MB (162 articles, the largest story of bench_serve's 10,000); 256 MB holds the pages and
# briefs of the hundreds of stories being read at a time on a laptop without crowding it.
CACHE_ENTRIES = 1024
CACHE_BYTES = 256 * 1024 * 1024
# Seconds an entry is trusted without an indexing run of this app having ended. Entries are
# keyed by the story's summary as read on each request (articles, facts, disagreements), so a
# story that another process changed is drawn again at once; this bounds only changes that
# leave every count as it was. Drawing the largest page of bench_serve's store takes ~1 s.
CACHE_TTL_S = 300.0


class TtlCache(Generic[V]):
    """A least-recently-used map whose values also expire; safe across threads. It holds at
    most ``entries`` values, weighing at most ``max_bytes`` in all (``weigh``: a value's
    length, pages and JSON bytes being what it holds).

    >>> cache: TtlCache[str] = TtlCache(entries=2)
    >>> cache.get_or_make("a", lambda: "one"), cache.get_or_make("a", lambda: "two")
    ('one', 'one')
    """

    def __init__(
        self,
        entries: int = CACHE_ENTRIES,
        ttl_s: float = CACHE_TTL_S,
        max_bytes: int = CACHE_BYTES,
        weigh: Callable[[V], int] = lambda value: size_of(value),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.entries = entries
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes
        self.weigh = weigh
        self.clock = clock
        self.size = 0
        self.items: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self.making: dict[Hashable, threading.Event] = {}  # keys being made, and their signal
        self.lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for ``key``, made (outside the lock) when missing or expired.

        One caller makes a value at a time per key: while it does, the others get the
        expired value if there is one, or wait for the new one (under load, an expired story
        list is not drawn by every request that finds it expired).
        """
        now = self.clock()
        with self.lock:
            found = self.items.get(key)
            if found is not None and (now - found[0] < self.ttl_s or key in self.making):
                self.items.move_to_end(key)
                return found[1]
            making = self.making.get(key)
            if making is None:
                self.making[key] = threading.Event()
        if making is not None:
            making.wait()
            with self.lock:
                found = self.items.get(key)
            return found[1] if found is not None else make()  # its maker failed
        try:
            value = make()
            with self.lock:
                self._put(key, self.clock(), value)
        finally:
            with self.lock:
                self.making.pop(key).set()
        return value

    def _put(self, key: Hashable, now: float, value: V) -> None:
        old = self.items.pop(key, None)
        self.size -= self.weigh(old[1]) if old is not None else 0
        if self.weigh(value) > self.max_bytes:
            return
        self.items[key] = (now, value)
        self.size += self.weigh(value)
        while len(self.items) > self.entries or self.size > self.max_bytes:
            _, (_, evicted) = self.items.popitem(last=False)
            self.size -= self.weigh(evicted)


def size_of(value: object) -> int:
    """A cached value's weight: its length when it has one (bytes, text), else 1."""
    return len(value) if isinstance(value, Sized) else 1
