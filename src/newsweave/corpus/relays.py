"""Which candidate pairs a reprint need not verify: those its origin already answers for.

A wire story reprinted by twenty outlets would otherwise give 190 relations (every two
reprints) instead of twenty (each reprint to the origin), and a paragraph one origin shares
with another article would be verified again for every reprint of either: the work would grow
with the square of the reprints, and the extra relations say nothing the origin's do not
(independence counts copies and relays once). So a reprint is linked to its origin and to the
articles its origin is not linked with; the relation components, which independence counts,
are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from newsweave.model import CopyRelation


class StoredLinks(Protocol):
    def partners_of(self, article_id: str) -> set[str]: ...

    def origins_of(self, article_id: str) -> set[str]: ...


class NoStoredLinks:
    """No relations stored: a brief's articles, verified in memory."""

    def partners_of(self, article_id: str) -> set[str]:
        return set()

    def origins_of(self, article_id: str) -> set[str]:
        return set()


class Links:
    """Copy relations known so far (stored ones read on demand, new ones added)."""

    def __init__(self, stored: StoredLinks) -> None:
        self.stored = stored
        self.partners: dict[str, set[str]] = {}
        self.origins: dict[str, set[str]] = {}

    def partners_of(self, article_id: str) -> set[str]:
        if article_id not in self.partners:
            self.partners[article_id] = self.stored.partners_of(article_id)
        return self.partners[article_id]

    def origins_of(self, article_id: str) -> set[str]:
        if article_id not in self.origins:
            self.origins[article_id] = self.stored.origins_of(article_id)
        return self.origins[article_id]

    def add(self, relation: CopyRelation) -> None:
        self.partners_of(relation.source).add(relation.target)
        self.partners_of(relation.target).add(relation.source)
        if relation.near_duplicate:
            self.origins_of(relation.target).add(relation.source)

    def inherited(self, candidate: str, origins: Sequence[str], article_id: str = "") -> bool:
        """Whether the relation of ``candidate`` with an article reprinting ``origins`` is
        answered for by an origin: the candidate is linked with one, or reprints an article
        that is (or is one). Also when ``candidate`` reprints an article ``article_id`` is
        already linked with (a paragraph of a wire story is not verified again against each
        reprint of the story)."""
        if article_id and self.origins_of(candidate) & self.partners_of(article_id):
            return True
        for origin in origins:
            linked = self.partners_of(origin)
            if candidate in linked:
                return True
            if any(o == origin or o in linked for o in self.origins_of(candidate)):
                return True
        return False
