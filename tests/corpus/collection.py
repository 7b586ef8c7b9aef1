"""A small invented news collection for corpus-mode tests: four events, one reprint.

All text is written for these tests. Events: a dock strike (three outlets and a wire reprint),
two summits of the same two leaders five weeks apart (two stories), a river flood, and a lone
product launch.
"""

from __future__ import annotations

import datetime as dt

from newsweave.model import Article

D = dt.date

STRIKE_WIRE = (
    "KESSIN, March 2 (Continental Press Agency) - Dock workers at the port of Kessin walked off "
    "the job on Monday, halting the loading of grain ships and leaving more than forty vessels "
    "waiting at anchor in the bay. The Kessin Dockers Union said its 3,200 members would stay "
    "out until the port authority restores the night-shift bonus it cut in January.\n\n"
    '"We have been patient for two months and we have been ignored," union leader Halla Brenn '
    "told reporters outside the main gate, where several hundred strikers gathered before dawn. "
    "The port authority said in a statement that the bonus had been suspended because of falling "
    "cargo volumes and that talks could resume once normal work restarted.\n\n"
    "Grain traders warned that a long stoppage would delay shipments promised to buyers across "
    "the region, and freight rates for the route rose sharply by the afternoon. Transport "
    "minister Oskar Lindqvist called on both sides to meet on Wednesday under a mediator.\n\n"
    "The last major walkout at Kessin, in 2019, lasted nine days and ended with a wage deal."
)

STRIKE_REPRINT = (
    "Port of Kessin shut as dockers strike over night bonus\n\n"
    "KESSIN, March 2 (Continental Press Agency) - Dock workers at the port of Kessin walked off "
    "the job on Monday, halting the loading of grain ships and leaving more than forty vessels "
    "waiting at anchor in the bay. The Kessin Dockers Union said its 3,200 members would stay "
    "out until the port authority restores the night-shift bonus it cut in January.\n\n"
    "“We have been patient for two months and we have been ignored,” union leader Halla Brenn "
    "told reporters outside the main gate, where several hundred strikers gathered before dawn. "
    "The port authority said in a statement that the bonus had been suspended because of falling "
    "cargo volumes and that talks could resume once normal work restarted.\n\n"
    "Grain traders warned that a long stoppage would delay shipments promised to buyers across "
    "the region, and freight rates for the route rose sharply by the afternoon.\n\n"
    "Copyright 2026 Eastgate Daily. All rights reserved."
)

STRIKE_OWN = (
    "Thousands of dockers in Kessin downed tools at dawn on Monday in a dispute over pay, and by "
    "midday the cranes along the grain terminal stood still. Union organisers put the number of "
    "strikers at about 3,000; the port authority did not give a figure.\n\n"
    "Halla Brenn, who leads the dockers' union, said the cut to the night-shift bonus had cost "
    "some families a fifth of their income. Port managers blamed a slump in cargo.\n\n"
    "Ship agents said dozens of bulk carriers were queuing offshore, and a farmers' group "
    "feared its harvest exports would miss their delivery dates. Minister Oskar Lindqvist "
    "offered a mediator for talks midweek."
)

STRIKE_DAY_TWO = (
    "The strike at the port of Kessin entered its second day on Tuesday with no talks "
    "scheduled, as the queue of grain ships in the bay grew to more than fifty. Dockers Union "
    "leader Halla Brenn said her members would accept mediation by transport minister Oskar "
    "Lindqvist but would not return to work before the night-shift bonus was restored. Exporters "
    "said cargo worth millions was stuck on the quays and rising freight costs were being "
    "passed on to buyers."
)

SUMMIT_ONE = (
    "Chancellor Marek Tolvan and Prime Minister Ines Arhus met for five hours in Brevik on "
    "Thursday and agreed to reopen the border crossing at Sandvik, closed since a dispute over "
    "fishing quotas last autumn. The two leaders also set up a joint commission on the quotas, "
    "which will report by the summer.\n\n"
    "Tolvan called the meeting frank and useful. Arhus said the crossing would reopen to trucks "
    "within two weeks and to private cars after that. Fishermen's groups on both sides, who had "
    "protested outside the conference hall, said they would judge the deal by the quotas."
)

SUMMIT_ONE_B = (
    "Ines Arhus and Marek Tolvan ended months of frosty relations at a summit in Brevik, "
    "agreeing that the Sandvik border crossing will reopen to freight in two weeks. The "
    "prime minister and the chancellor left the thornier question of fishing quotas to a new "
    "joint commission. Protesting fishermen lined the road to the venue, and both leaders "
    "stopped to speak with them before the talks began."
)

SUMMIT_TWO = (
    "Marek Tolvan and Ines Arhus met again on Friday, this time in Lund, five weeks after their "
    "Brevik summit, and signed a treaty on electricity trading that links the two national "
    "grids through a new undersea cable. The cable, to be built by 2030, will carry power in "
    "both directions. Arhus said the deal would lower winter prices; Tolvan said it showed the "
    "quarrel over fishing was behind them. Grid operators will draw up the tender this year."
)

SUMMIT_TWO_B = (
    "The electricity treaty signed in Lund on Friday by Chancellor Tolvan and Prime Minister "
    "Arhus commits both countries to an undersea power cable by 2030 and to a shared market for "
    "surplus wind power. Energy analysts said the link could cut winter price spikes, though "
    "the cost of the cable has not been published. The signing came five weeks after the two "
    "leaders patched up relations in Brevik."
)

FLOOD = (
    "The river Orsa burst its banks on Friday after three days of heavy rain, flooding low-lying "
    "streets in the towns of Melby and Tarn and forcing about 1,400 people from their homes. "
    "Emergency crews used boats to reach residents trapped on upper floors. Regional governor "
    "Anja Sorensen said the water had risen two metres in a day and that more rain was "
    "forecast for the weekend. Schools in the valley will stay closed on Monday."
)

FLOOD_B = (
    "Rescuers in boats pulled residents from flooded houses in Melby on Friday as the Orsa "
    "overflowed, and officials said around 1,400 people had been evacuated in Melby and Tarn. "
    "Governor Anja Sorensen warned that the river could rise further with more rain due over "
    "the weekend, and the valley's schools will be shut on Monday."
)

LAUNCH = (
    "Norrsken Devices unveiled a solar-powered e-reader on Tuesday that it says can run for a "
    "year without a charging cable. The device, with a colour screen and a stylus, will go on "
    "sale in May. Chief executive Lea Vinter said the company had spent four years on the "
    "battery design and would build the readers at its plant in Ostvik."
)


def collection() -> list[Article]:
    """The articles, in no particular order (as a crawl would give them)."""
    return [
        _a(
            "strike-wire",
            STRIKE_WIRE,
            "Dockers strike at Kessin port",
            "Continental Press Agency",
            D(2026, 3, 2),
        ),
        _a("flood-a", FLOOD, "Orsa floods force 1,400 from homes", "Valley Courier", D(2026, 3, 6)),
        _a(
            "strike-reprint",
            STRIKE_REPRINT,
            "Port of Kessin shut as dockers strike",
            "Eastgate Daily",
            D(2026, 3, 3),
        ),
        _a(
            "summit1-a",
            SUMMIT_ONE,
            "Tolvan and Arhus agree to reopen Sandvik crossing",
            "Harbor Gazette",
            D(2026, 3, 5),
        ),
        _a("launch", LAUNCH, "Norrsken unveils solar e-reader", "Tech Ledger", D(2026, 3, 3)),
        _a(
            "strike-own",
            STRIKE_OWN,
            "Kessin dockers down tools over pay",
            "Harbor Gazette",
            D(2026, 3, 2),
        ),
        _a(
            "summit2-a",
            SUMMIT_TWO,
            "Tolvan and Arhus sign power cable treaty in Lund",
            "Harbor Gazette",
            D(2026, 4, 10),
        ),
        _a(
            "summit1-b",
            SUMMIT_ONE_B,
            "Leaders patch up ties at Brevik summit",
            "Atlas Review",
            D(2026, 3, 5),
        ),
        _a(
            "strike-day2",
            STRIKE_DAY_TWO,
            "Kessin port strike enters second day",
            "Atlas Review",
            D(2026, 3, 3),
        ),
        _a(
            "flood-b",
            FLOOD_B,
            "Boats rescue residents as Orsa overflows",
            "Northern Post",
            D(2026, 3, 6),
        ),
        _a(
            "summit2-b",
            SUMMIT_TWO_B,
            "Lund treaty commits to undersea power link",
            "Atlas Review",
            D(2026, 4, 10),
        ),
    ]


GOLD = {
    "strike": {"strike-wire", "strike-reprint", "strike-own", "strike-day2"},
    "summit1": {"summit1-a", "summit1-b"},
    "summit2": {"summit2-a", "summit2-b"},
    "flood": {"flood-a", "flood-b"},
    "launch": {"launch"},
}


def _a(ident: str, text: str, title: str, outlet: str, day: dt.date) -> Article:
    return Article(
        id=ident, source=f"{ident}.txt", text=text, title=title, outlet=outlet, published=day
    )
