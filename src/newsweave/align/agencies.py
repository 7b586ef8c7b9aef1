"""News agencies and credit lines: whose copy an article is, and who copied whom.

An article is an agency's copy when its byline or a credit line says so ("HALVIK, Dec 31
(Reuters) -", "WASHINGTON (AP) —", "By The Associated Press", "Reuters staff", "via AP"), or when
it is on the agency's own site: its claims then count for the agency, whichever site carries
it, together with every other copy of the same agency. A credit for part of the text ("The
Associated Press contributed to this report", "AP Photo/Jane Doe") does not make the article
the agency's.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from functools import lru_cache

from newsweave.align.relay import outlet_key
from newsweave.model import Article

# The news agencies known by name, each with the pattern of its names: full names in any case,
# abbreviations only in capitals ("AP", not the "ap" of a URL or a person).
AGENCIES: tuple[tuple[str, str], ...] = (
    ("Associated Press", r"(?i:associated\s+press)|AP"),
    ("Reuters", r"(?i:(?:thomson\s+)?reuters)"),
    ("AFP", r"(?i:agence\s+france[\s-]+presse)|AFP"),
    ("dpa", r"(?i:deutsche\s+presse[\s-]+agentur)|dpa|DPA"),
    ("UPI", r"(?i:united\s+press\s+international)|UPI"),
    ("Xinhua", r"(?i:xinhua)"),
    ("TASS", r"TASS|Tass"),
    ("Kyodo", r"(?i:kyodo)"),
    ("Yonhap", r"(?i:yonhap)"),
    ("ANSA", r"ANSA"),
    ("EFE", r"EFE"),
)
_AGENCY_PATTERNS = tuple((name, re.compile(f"(?:{pattern})")) for name, pattern in AGENCIES)
# The agencies' own sites (registered domains).
AGENCY_DOMAINS = {
    "apnews.com": "Associated Press",
    "ap.org": "Associated Press",
    "reuters.com": "Reuters",
    "afp.com": "AFP",
    "dpa.com": "dpa",
    "dpa-international.com": "dpa",
    "upi.com": "UPI",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "tass.com": "TASS",
    "kyodonews.net": "Kyodo",
    "yna.co.kr": "Yonhap",
    "ansa.it": "ANSA",
    "efe.com": "EFE",
}
# Words around an agency's name in a byline or credit line that do not change whose copy it is
# ("By The Associated Press", "Reuters staff", "AP News", "via AP", "AFP news agency").
CREDIT_FILLER = frozenset(
    ("by", "the", "via", "from", "staff", "news", "wire", "service", "services", "agency",
     "reporters", "writers", "correspondents", "international", "source", "copyright", "and")
)  # fmt: skip
# Words of an outlet's name that make it a news agency, whose copy others reprint.
AGENCY_WORDS = frozenset(("agency", "wire", "press", "reuters", "ap", "afp", "dpa", "tass"))
# Words that make a credit line credit part of the text or a picture, not the article.
PARTIAL_CREDIT_WORDS = frozenset(
    ("contributed", "contributing", "contribution", "additional", "photo", "photos", "image",
     "images", "video", "file", "graphic", "graphics", "illustration", "pool", "handout")
)  # fmt: skip
# Characters at the head and at the foot of an article searched for a credit line: a dateline
# credit comes in the first sentence, a byline before it, a closing credit in the last lines.
CREDIT_CHARS = 300
# Words of a line, at most, for it to be a byline or a credit line ("By Jane Doe, The
# Associated Press" is 7); a longer line is prose that may mention an agency.
CREDIT_LINE_WORDS = 8
# Words of a line, at most, for it to be a headline or byline above the text; a longer one
# (without a photo credit) is a paragraph of prose, and a dateline after it opens a passage
# taken from an agency, not the article.
HEAD_LINE_WORDS = 20
# A credit in parentheses, as a dateline has it: "HALVIK (Reuters) -", "(AP) —".
PAREN_CREDIT = re.compile(r"\(\s*([^()\n]{2,60}?)\s*\)(\s*[-–—:])?")
# A dateline: a place in capitals, maybe a date ("SAN JOSE, Dec 31", "BRENNFORD, Ore.").
DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*)*(?:,\s*[A-Z][a-z]{1,8}\.?(?:\s+\d{1,2})?)*)?\s*"
)
# Separators of a byline's parts ("Jane Doe, Associated Press", "Jane Doe | Reuters"); not "/",
# which joins a photographer to an agency in a picture credit ("Carlo Allegri/Reuters").
_PART_SPLIT = re.compile(r"\s*[,|;•·]\s*|\s+[-–—]\s+")
_TOKEN = re.compile(r"[^\s,.;:|()\[\]\"“”'’—–]+(?:[-.][^\s,.;:|()\[\]\"“”'’—–]+)*")


# Distinct names (outlets, bylines, domains) whose agency is kept: asked for every claim's
# support, while a story has a few hundred outlets and bylines.
AGENCY_NAME_CACHE_SIZE = 16_384


@functools.lru_cache(maxsize=AGENCY_NAME_CACHE_SIZE)
def agency_name(name: str) -> str | None:
    """The agency ``name`` (a name, a byline or a domain) stands for, under its usual name.

    >>> agency_name("The Associated Press"), agency_name("Reuters staff"), agency_name("AP News")
    ('Associated Press', 'Reuters', 'Associated Press')
    >>> agency_name("apnews.com"), agency_name("Agence France-Presse"), agency_name("Japan")
    ('Associated Press', 'AFP', None)
    """
    key = name.strip().lower()
    if key in AGENCY_DOMAINS:
        return AGENCY_DOMAINS[key]
    words = [w for w in _TOKEN.findall(name) if w.lower() not in CREDIT_FILLER]
    core = " ".join(words)
    if not core:
        return None
    for agency, pattern in _AGENCY_PATTERNS:
        if pattern.fullmatch(core):
            return agency
    return None


def is_agency_outlet(outlet: str) -> bool:
    """Whether the outlet named is a news agency (a known one, or named like one)."""
    return agency_name(outlet) is not None or any(
        word in AGENCY_WORDS for word in outlet_key(outlet).split()
    )


@lru_cache(maxsize=4096)
def credited_agency(article: Article) -> str | None:
    """The agency whose copy ``article`` is, or None: its own site's agency, else the agency
    its byline or a credit line at its head or foot names."""
    from newsweave.outlets import article_domain, outlet_name

    own = agency_name(outlet_name(article)) or agency_name(article_domain(article) or "")
    if own:
        return own
    if article.author and (found := _credit_in_line(article.author)):
        return found
    head, foot = article.text[:CREDIT_CHARS], article.text[-CREDIT_CHARS:]
    for match in PAREN_CREDIT.finditer(head):
        if not (match.group(2) or _dateline_before(head, match.start())):
            continue  # "Watch more! (Reuters)" credits a video, not the text
        if not _opens_text(head, match.start()):
            continue  # a dateline further down: a passage of the agency's, not the article
        found = agency_name(match.group(1))
        if found is None and match.group(2) and _named_like_agency(match.group(1)):
            found = " ".join(match.group(1).split())
        if found:
            return found
    for part in (head, foot):
        for line in part.splitlines():
            if found := _credit_in_line(line):
                return found
    return None


def _opens_text(text: str, at: int) -> bool:
    """Whether the line holding ``at`` opens the article's text: only headlines, bylines and
    photo captions come before it."""
    for line in text[: text.rfind("\n", 0, at) + 1].splitlines():
        words = line.split()
        lowered = {w.strip(".:,()").lower() for w in words}
        if len(words) > HEAD_LINE_WORDS and not lowered & PARTIAL_CREDIT_WORDS:
            return False
    return True


def _dateline_before(text: str, at: int) -> bool:
    """Whether the text of the line before ``at`` is empty or a dateline ("HALVIK",
    "SAN JOSE, Dec 31"), as before a credit in parentheses."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return DATELINE.fullmatch(line) is not None


def _credit_in_line(line: str) -> str | None:
    """The agency a byline or short credit line names ("By Jane Doe, Associated Press")."""
    words = _TOKEN.findall(line)
    if not words or len(words) > CREDIT_LINE_WORDS:
        return None
    if any(w.lower() in PARTIAL_CREDIT_WORDS for w in words):
        return None
    for part in _PART_SPLIT.split(line.strip(" \t-–—")):
        if found := agency_name(part):
            return found
    whole = " ".join(words)
    if len(words) <= CREDIT_LINE_WORDS // 2 and _named_like_agency(whole):
        return " ".join(w for w in words if w.lower() not in ("by", "via"))
    return None


def _named_like_agency(name: str) -> bool:
    """A name of capitalised words with an agency word: "Continental Press Agency"."""
    words = name.split()
    return (
        bool(words)
        and all(w[:1].isupper() or w.lower() in ("of", "the", "and") for w in words)
        and any(w.lower() in ("agency", "wire") for w in words)
    )


def copies_from(doc: Article, other: Article, outlets: dict[str, str]) -> bool:
    """Whether ``doc`` copied ``other`` (rather than the reverse), by the best evidence at hand.

    The later article copies the earlier. On the same day: an article that credits the other's
    outlet (byline "Continental Press Agency", "HALVIK (Reuters) -") copies it; else an article
    of a news agency is the origin; else input order decides.
    """
    day, other_day = doc.published or dt.date.max, other.published or dt.date.max
    if day != other_day:
        return day > other_day
    credits, credited = _credits(doc, outlets[other.id]), _credits(other, outlets[doc.id])
    if credits != credited:
        return credits
    agency, other_agency = is_agency_outlet(outlets[doc.id]), is_agency_outlet(outlets[other.id])
    if agency != other_agency:
        return other_agency
    return False  # the caller keeps input order: the later input copies the earlier


# Articles whose credit checks are remembered: verifying n copies of one wire story asks each
# article about the others' outlets ~n times; this keeps that linear.
CREDITS_CACHE_SIZE = 65_536


@functools.lru_cache(maxsize=CREDITS_CACHE_SIZE)
def _credits(article: Article, outlet: str) -> bool:
    """Whether ``article``'s byline, head or foot credits ``outlet``: its name as whole words
    ("AP" is not in "Japan", "Post" not in "postponed"), or the agency it is a copy of."""
    key = outlet_key(outlet)
    if not key:
        return False
    agency = agency_name(outlet)
    if agency is not None and credited_agency(article) == agency:
        return True
    return (
        key == outlet_key(article.author or "")
        or f" {key} " in f" {outlet_key(article.text[:CREDIT_CHARS])} "
        or f" {key} " in f" {outlet_key(article.text[-CREDIT_CHARS:])} "
    )
