"""Cross-document speaker resolution: which entity a speaker phrase names."""

from __future__ import annotations

import pytest

from newsweave.model import Entity, EntityType
from newsweave.resolve import names_the_speaker

LIND = Entity("person:mara-lind", "Mara Lind", EntityType.PERSON, ("Lind",))
MINISTRY = Entity("organization:ministry", "Interior Ministry", EntityType.ORGANIZATION, ())


@pytest.mark.parametrize(
    ("entity", "phrase", "names"),
    [
        (LIND, "Mara Lind", True),
        (LIND, "Lind", True),
        (LIND, "Mara Lind's statement", True),  # a possessor speaks through what it issues
        (LIND, "Lind’s office", True),
        (LIND, "Mara Lind's sister", False),  # look-alike: a relative is someone else
        (LIND, "Lind's lawyer", False),
        (LIND, "a Lind aide", False),
        (MINISTRY, "the Interior Ministry's spokesman", False),
        (MINISTRY, "the Interior Ministry's statement", True),
    ],
)
def test_names_the_speaker(entity: Entity, phrase: str, names: bool) -> None:
    assert names_the_speaker(entity, phrase) is names
