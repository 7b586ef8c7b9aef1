"""Invented wire stories for independence tests: an agency story dense with names and its
reprints, a Reuters story on a site that also carries AP, one outlet on two hosts, a paragraph
copied into an original article, and one long speech quoted by two outlets on their own.

Every outlet, person and place is made up; the sites use the reserved .example domain except
the agencies' own (apnews.com, reuters.com).
"""

from __future__ import annotations

import datetime as dt

from newsweave.model import Article

DAY = dt.date(2026, 4, 14)
NEXT_DAY = dt.date(2026, 4, 15)

# Name-dense agency copy: few plain words between the names and titles, so no 8-word window of
# most sentences holds four ordinary lower-case words.
AP_LEAD = (
    "Gov. Celia Marrowick, Senate President Tomas Ebbing, House Speaker Rhoda Vantreese and "
    "state Treasurer Idris Kolman signed the Sallis Basin Water Compact on Tuesday in "
    "Brennford, alongside Klamath Tribal Chairman Joseph Redhawk-Sims and Deputy Interior "
    "Secretary Anneliese Corvo."
)
AP_BODY = (
    "Marrowick, a Democrat, and Ebbing, a Republican from Medrow County, negotiated the "
    "compact for 14 months with Corvo's office, the Brennford Irrigation District and the "
    "Lower Sallis Water Board.\n\n"
    "Kolman said the state would issue $240 million in bonds this summer to rebuild the "
    "Sallis River headworks at Dunmore Gap, and Redhawk-Sims said the Klamath Tribes would "
    "hold senior rights to 40% of the basin's summer flow under the compact.\n\n"
    "Vantreese, Ebbing and Corvo are due to brief the Joint Committee on Ways and Means, "
    "chaired by Sen. Mireille Okonjo and Rep. Dax Thornbury, on Friday in Salem."
)
AP_DATELINE = "BRENNFORD, Ore. (AP) — "


def ap_story() -> Article:
    return Article(
        "ap-compact",
        "https://apnews.com/article/sallis-compact-0414",
        AP_DATELINE + AP_LEAD + "\n\n" + AP_BODY,
        outlet="AP News",
        published=DAY,
        url="https://apnews.com/article/sallis-compact-0414",
    )


def ap_reprints() -> list[Article]:
    """Three verbatim reprints: with the dateline and a site footer; stripped of the dateline
    and of any credit; trimmed to three paragraphs under a "By The Associated Press" line."""
    sentinel = Article(
        "sentinel-compact",
        "sentinel.html",
        AP_DATELINE + AP_LEAD + "\n\n" + AP_BODY + "\n\nSign up for the Sentinel's morning "
        "newsletter and never miss a story from the coast.",
        outlet="Coastline Sentinel",
        published=DAY,
        url="https://www.coastline-sentinel.example/news/water-compact",
    )
    register = Article(
        "register-compact",
        "register.html",
        AP_LEAD + "\n\n" + AP_BODY,
        outlet="Valley Register",
        published=DAY,
        url="https://valley-register.example/state/2026/04/14/water",
    )
    star = Article(
        "star-compact",
        "star.html",
        "By The Associated Press\n\n" + AP_LEAD + "\n\n" + AP_BODY.rsplit("\n\n", 1)[0],
        outlet="Pinecrest Daily Star",
        published=NEXT_DAY,
        url="https://pinecrest-star.example/a/8841",
    )
    return [sentinel, register, star]


# Reuters' own account of the same signing, in other words.
REUTERS_TEXT = (
    "BRENNFORD, Oregon, April 14 (Reuters) - Four state leaders and a federal deputy secretary put "
    "their names on Tuesday to a deal sharing the Sallis River among farms, towns and the "
    "Klamath Tribes, ending a dispute that had dragged through two droughts.\n\n"
    "The agreement commits the state to borrowing $240 million to rebuild the river's "
    "ageing diversion works, according to officials who spoke after the ceremony.\n\n"
    "Growers in the lower valley, who lost most of their water allocation two summers ago, "
    "said they would wait to see the first year's delivery schedule before celebrating."
)


def reuters_story() -> Article:
    return Article(
        "reuters-compact",
        "https://www.reuters.com/world/us/sallis-compact-2026-04-14/",
        REUTERS_TEXT,
        outlet="Reuters",
        published=DAY,
        url="https://www.reuters.com/world/us/sallis-compact-2026-04-14/",
    )


def ledger_articles() -> list[Article]:
    """The Lakeshore Ledger carries both agencies' copy on one site: the AP story (dateline
    kept) and the Reuters story (dateline kept), on the same registered domain."""
    ledger_ap = Article(
        "ledger-ap",
        "ledger-ap.html",
        AP_DATELINE + AP_LEAD + "\n\n" + AP_BODY,
        outlet="Lakeshore Ledger",
        published=DAY,
        url="https://www.lakeshore-ledger.example/wire/ap-water-compact",
    )
    ledger_reuters = Article(
        "ledger-reuters",
        "ledger-reuters.html",
        REUTERS_TEXT,
        outlet="Lakeshore Ledger",
        published=DAY,
        url="https://www.lakeshore-ledger.example/wire/reuters-sallis-deal",
    )
    return [ledger_ap, ledger_reuters]


def gazette_reuters() -> Article:
    """A Reuters reprint under a "Reuters staff" byline, its dateline dropped."""
    return Article(
        "gazette-reuters",
        "gazette.html",
        REUTERS_TEXT.split(" - ", 1)[1],
        outlet="Harbor Gazette",
        published=NEXT_DAY,
        url="https://harbor-gazette.example/2026/04/15/sallis",
        author="Reuters staff",
    )


def example_news_pair() -> list[Article]:
    """One outlet on two hosts of its registered domain, under two names, each with its own
    account of the signing."""
    return [
        Article(
            "exnews-us",
            "exnews-us.html",
            "The Sallis Basin compact was signed in Brennford on Tuesday after more than a "
            "year of talks between the governor's office and the water boards.",
            outlet="Example News",
            published=DAY,
            url="https://example-news.com/us/sallis-compact",
        ),
        Article(
            "exnews-intl",
            "exnews-intl.html",
            "State leaders in Brennford signed the Sallis Basin compact on Tuesday, closing "
            "a long fight over the river's water.",
            outlet="Example News International",
            published=DAY,
            url="https://edition.example-news.com/world/americas/sallis",
        ),
    ]


OWN_PARAGRAPHS = (
    "Farmers gathered at the Medrow County fairgrounds on Tuesday evening to watch a "
    "livestream of the signing, and many of them left before the speeches ended.\n\n"
    "Dale Ostrand, who grows hazelnuts on 300 acres near the river, said the deal came two "
    "years too late for neighbours who had already sold their land to developers.\n\n"
    "The county's farm bureau plans a meeting next week to explain how the new allocation "
    "rules will work for smaller growers who lease their water rights.\n\n"
)


def paragraph_copy() -> Article:
    """An original local story that takes one paragraph of the AP story word for word."""
    copied = AP_BODY.split("\n\n")[1]
    return Article(
        "courier-compact",
        "courier.html",
        OWN_PARAGRAPHS + copied + "\n\nThe bureau's meeting is open to the public.",
        outlet="Medrow Courier",
        published=NEXT_DAY,
        url="https://medrow-courier.example/local/compact-reaction",
    )


# A long speech, quoted at length by two outlets in the run-on style of news copy (a paragraph
# of the quotation left open, the next one opened again).
SPEECH = (
    "We did not come to Brennford to split the river into winners and losers, and we will "
    "not leave it that way either. Every farm, every town and every family on the Sallis "
    "has carried the weight of this drought, and every one of them will carry a share of the "
    "water we have saved",
    "The rules we signed today are not a gift to anyone. They are a promise that the next dry "
    "summer will be managed by agreement in this hall rather than by lawsuits in federal court",
)


def speech_reports() -> list[Article]:
    """Two outlets quoting the governor's speech, each with its own reporting around it."""
    first = Article(
        "tribune-speech",
        "tribune.html",
        "Marrowick spoke for 20 minutes from the steps of the county courthouse, at times "
        "raising her voice over a brass band that had not been told to stop playing.\n\n"
        f"“{SPEECH[0]}.\n\n“{SPEECH[1]},” she said.\n\n"
        "The crowd, mostly farmers in work clothes, applauded politely.",
        outlet="Sallis Valley Tribune",
        published=DAY,
        url="https://sallis-tribune.example/politics/governor-speech",
    )
    second = Article(
        "gazette-speech",
        "gazette-speech.html",
        "Speaking to reporters and a few hundred residents outside the Brennford courthouse, "
        "the governor framed the compact as a truce rather than a victory.\n\n"
        f"“{SPEECH[0]},” Marrowick said. “{SPEECH[1]}.”\n\n"
        "Opponents of the deal, who rallied across the street, were not invited to speak.",
        outlet="Harbor Gazette",
        published=DAY,
        url="https://harbor-gazette.example/2026/04/14/governor",
    )
    return [first, second]
