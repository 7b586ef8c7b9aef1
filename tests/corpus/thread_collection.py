"""A small invented collection for story threads: an event, its follow-up weeks later, and a
different event in the same town on the same day.

All text is written for these tests. The ferry "Marit Sol" capsizes off Oskarholm (two
reports on the day); the next day divers recover victims (one report); three weeks later the
accident board publishes its findings on the same ferry (two reports): one thread of three
events. On the day of the
capsizing a warehouse burns in Oskarholm's harbour (two reports): same town, same day,
another happening, so another event and another thread. A cycling race stands alone.
"""

from __future__ import annotations

import datetime as dt

from newsweave.model import Article

D = dt.date

FERRY_A = (
    "The passenger ferry Marit Sol capsized in heavy seas off Oskarholm on Tuesday evening, "
    "and rescuers pulled 61 of its 70 passengers and crew from the water. Nine people are "
    "missing. The ferry, operated by Nordvik Lines, was on its regular crossing to the island "
    "of Skerra when it listed sharply and turned over within minutes, survivors said. Coast "
    "guard captain Eirik Dahl said the search would continue through the night."
)
FERRY_B = (
    "Nine people were missing after the Nordvik Lines ferry Marit Sol overturned on its way "
    "from Oskarholm to Skerra on Tuesday. Fishing boats joined the coast guard in the rescue "
    "and brought 61 survivors ashore, several with hypothermia. Passengers described the "
    "ferry lurching to one side as cars on the deck shifted in the swell."
)
FERRY_C = (
    "Divers recovered the bodies of four passengers of the capsized ferry Marit Sol off "
    "Oskarholm on Wednesday, and the coast guard said five people were still missing. "
    "Nordvik Lines suspended its Skerra crossings while the wreck is examined. Captain Eirik "
    "Dahl said the chance of finding more survivors was now small."
)
REPORT_A = (
    "Cars that were not chained to the deck slid to one side and tipped the ferry Marit Sol "
    "over, the national accident investigation board found in its preliminary report on the "
    "capsizing off Oskarholm that killed nine people. Investigators said Nordvik Lines crews "
    "had skipped lashing vehicles on short crossings to Skerra for months. The board's head, "
    "Sanna Lind, called on the transport ministry to inspect every car ferry in the region."
)
REPORT_B = (
    "Nordvik Lines did not secure the vehicles on the Marit Sol's car deck, and their shift "
    "in the swell capsized the ferry on its Skerra crossing, accident investigators said on "
    "Wednesday. The report on the Oskarholm disaster, in which nine passengers died, says "
    "the practice was common on the company's short routes. Board head Sanna Lind urged "
    "inspections of all car ferries; Nordvik Lines said it had changed its rules."
)
FIRE_A = (
    "A fire destroyed a grain warehouse in Oskarholm's harbour on Tuesday, sending thick "
    "smoke over the old town. Firefighters from three stations fought the blaze for six "
    "hours; no one was hurt. The warehouse belonged to the cooperative Vestkorn, whose "
    "manager Tove Aas said the building held about 2,000 tonnes of barley."
)
FIRE_B = (
    "Thick smoke hung over Oskarholm on Tuesday as a blaze gutted a harbour warehouse owned "
    "by the farmers' cooperative Vestkorn. Fire chief Arne Holm said the fire began in a "
    "grain dryer. About 2,000 tonnes of barley were lost, and the quay was closed to traffic "
    "until the building can be made safe."
)
RACE = (
    "Lise Varg won the final stage of the Tour of Fjordland in a sprint at Hammervik on "
    "Sunday and took the overall title by eleven seconds, the first home winner in a decade."
)


def thread_collection() -> list[Article]:
    """The articles, in no particular order."""
    return [
        _a("fire-b", FIRE_B, "Harbour blaze destroys Vestkorn warehouse", "Valley Courier", 3),
        _a("ferry-a", FERRY_A, "Ferry Marit Sol capsizes off Oskarholm", "Harbor Gazette", 3),
        _a("report-b", REPORT_B, "Loose cars capsized Marit Sol, board says", "Atlas Review", 24),
        _a("ferry-c", FERRY_C, "Divers recover four Marit Sol victims", "Harbor Gazette", 4),
        _a("race", RACE, "Varg wins Tour of Fjordland", "Sports Wire", 8),
        _a("fire-a", FIRE_A, "Fire destroys grain warehouse in Oskarholm", "Harbor Gazette", 3),
        _a("ferry-b", FERRY_B, "Nine missing as Nordvik ferry overturns", "Atlas Review", 3),
        _a("report-a", REPORT_A, "Unchained cars tipped ferry Marit Sol", "Harbor Gazette", 24),
    ]


EVENTS = {
    "ferry": {"ferry-a", "ferry-b"},
    "divers": {"ferry-c"},
    "report": {"report-a", "report-b"},
    "fire": {"fire-a", "fire-b"},
    "race": {"race"},
}
THREADS = {
    "ferry": EVENTS["ferry"] | EVENTS["divers"] | EVENTS["report"],
    "fire": EVENTS["fire"],
    "race": EVENTS["race"],
}


def _a(ident: str, text: str, title: str, outlet: str, day: int) -> Article:
    return Article(
        id=ident,
        source=f"{ident}.txt",
        text=text,
        title=title,
        outlet=outlet,
        published=D(2026, 6, 1) + dt.timedelta(days=day),
    )
