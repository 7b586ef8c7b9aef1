"""Rendered pages and serialised briefs kept for a while: a story's page is drawn from its
brief once, then served from memory until its summary changes, an indexing run of this app
ends, or ``ttl_s`` passes."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
# Entries kept: a story page of a large story is a few hundred KB; 256 of them stay well under
# 100 MB and cover the stories people are reading at a time.
CACHE_ENTRIES = 256
# Seconds an entry is trusted without an indexing run of this app having ended. Entries are
# keyed by the story's summary as read on each request (articles, facts, disagreements), so a
# story that another process changed is drawn again at once; this bounds only changes that
# leave every count as it was. Drawing the largest page of bench_serve's store takes ~1 s.
CACHE_TTL_S = 300.0


class TtlCache(Generic[V]):
    """A least-recently-used map whose entries also expire; safe across threads.

    >>> cache: TtlCache[int] = TtlCache(entries=2)
    >>> cache.get_or_make("a", lambda: 1), cache.get_or_make("a", lambda: 2)
    (1, 1)
    """

    def __init__(self, entries: int = CACHE_ENTRIES, ttl_s: float = CACHE_TTL_S) -> None:
        self.entries = entries
        self.ttl_s = ttl_s
        self.items: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self.lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for ``key``, made (outside the lock) when missing or expired."""
        now = time.monotonic()
        with self.lock:
            found = self.items.get(key)
            if found is not None and now - found[0] < self.ttl_s:
                self.items.move_to_end(key)
                return found[1]
        value = make()
        with self.lock:
            self.items[key] = (now, value)
            self.items.move_to_end(key)
            while len(self.items) > self.entries:
                self.items.popitem(last=False)
        return value
