"""An outlet's template paragraph (a newsletter sign-up box) links no two articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsweave.corpus.api import cluster_articles
from newsweave.corpus.copies import boilerplate_key
from newsweave.corpus.params import CopyParams
from newsweave.model import Article
from tests.corpus.collection import collection

SIGN_UP = (
    "Get the Morning Ledger newsletter. Sign up to receive our daily briefing on the stories "
    "that matter, delivered to your inbox before breakfast. You can unsubscribe at any time, "
    "and we will never share your address with third parties or advertisers of any kind."
)


def with_template(article: Article, outlet: str, day: int) -> Article:
    return dataclasses.replace(
        article,
        id=f"{article.id}-{outlet.split()[0].lower()}",
        outlet=outlet,
        published=dt.date(2026, 3, day),
        text=f"{SIGN_UP}\n\n{article.text}",  # a box above the story: passages of its own
    )


def test_a_template_shared_by_three_articles_of_one_outlet_links_nothing() -> None:
    by_id = {a.id: a for a in collection()}
    own = [
        with_template(by_id[i], "Morning Ledger", 3 + n)
        for n, i in enumerate(("flood-a", "launch", "summit1-a"))
    ]
    # Another outlet's unrelated report carries the same box (a scraper kept it, say).
    other = with_template(by_id["strike-own"], "Harbor Gazette", 9)
    run = cluster_articles([*own, other])
    assert [c for s in run.stories for c in s.copies] == []


def test_the_rule_counts_articles_per_outlet() -> None:
    params = CopyParams()
    assert boilerplate_key(["A", "A", "A", "B"], params)
    assert not boilerplate_key(["A", "B", "C", "D", None, None], params)
    assert boilerplate_key(["A", "B"] * 40, params)  # shared too widely whatever the outlets
