"""Finding the spans that overlap a range without scanning them all.

Stages look up, per sentence or per candidate, the entities or dates that overlap it; a scan
over the document's list each time is quadratic in the document's length.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Non-overlapping items in document order, each with ``(start, end)`` bounds.

    >>> index = SpanIndex([(0, 2), (5, 9), (12, 13)], lambda s: s)
    >>> index.overlapping(1, 6)
    [(0, 2), (5, 9)]
    >>> index.overlapping(9, 12)
    []
    """

    def __init__(self, items: Sequence[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self.items = list(items)
        self.bounds = [bounds(item) for item in self.items]
        self.ends = [end for _, end in self.bounds]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items whose range meets ``[start, end)``, in order."""
        found = []
        i = bisect.bisect_right(self.ends, start)
        while i < len(self.items) and self.bounds[i][0] < end:
            found.append(self.items[i])
            i += 1
        return found

    def any_overlapping(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)
        return i < len(self.items) and self.bounds[i][0] < end
