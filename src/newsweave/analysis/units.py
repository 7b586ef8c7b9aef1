"""Unit, currency, qualifier and number-word tables for figure extraction.

A small explicit table instead of pint: ``pint.UnitRegistry()`` costs ~0.8 s here (0.5 s import
plus 0.3 s registry build, measured on the 2-core project machine), a quarter of the 3 s budget
of a whole ``newsweave brief`` run, for about thirty units that news text uses.

Base units: length metre ``m``, duration minute ``min``, area square metre ``m2``, money the
ISO 4217 code (no FX conversion), percentage ``percent``.

>>> to_base(1.6, "kilometres")
(<FigureKind.LENGTH: 'length'>, 1600.0, 'm')
>>> round(from_base(1609.344, "miles"), 6)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.model import FigureKind, Qualifier

METRES_PER_KILOMETRE = 1000.0
METRES_PER_MILE = 1609.344  # international mile (exact by definition)
METRES_PER_NAUTICAL_MILE = 1852.0
METRES_PER_FOOT = 0.3048
METRES_PER_YARD = 0.9144
METRES_PER_INCH = 0.0254
SECONDS_PER_MINUTE = 60.0
MINUTES_PER_HOUR = 60.0
MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR
DAYS_PER_YEAR = 365.25  # Julian year: the average a reporter's "four years" covers
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

LENGTH_BASE = "m"
DURATION_BASE = "min"
AREA_BASE = "m2"
PERCENT_BASE = "percent"
PERCENTAGE_POINT_BASE = "percentage-point"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit word: its kind, base unit, and how many base units one of it is."""

    kind: FigureKind
    base: str
    factor: float


def words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words: keeps long vocabulary tables readable."""
    return tuple(text.split())


def _units(kind: FigureKind, base: str, factor: float, names: str) -> dict[str, Unit]:
    return dict.fromkeys(words(names), Unit(kind, base, factor))


_LENGTH, _DURATION = FigureKind.LENGTH, FigureKind.DURATION
UNITS: dict[str, Unit] = {
    **_units(
        _LENGTH,
        LENGTH_BASE,
        METRES_PER_KILOMETRE,
        "km kms kilometre kilometres kilometer kilometers",
    ),
    **_units(_LENGTH, LENGTH_BASE, METRES_PER_MILE, "mile miles mi"),
    **_units(_LENGTH, LENGTH_BASE, METRES_PER_NAUTICAL_MILE, "nm"),
    **_units(_LENGTH, LENGTH_BASE, 1.0, "m metre metres meter meters"),
    **_units(_LENGTH, LENGTH_BASE, 0.01, "cm centimetre centimetres centimeter centimeters"),
    **_units(_LENGTH, LENGTH_BASE, 0.001, "mm millimetre millimetres millimeter millimeters"),
    **_units(_LENGTH, LENGTH_BASE, METRES_PER_FOOT, "ft foot feet"),
    **_units(_LENGTH, LENGTH_BASE, METRES_PER_YARD, "yd yard yards"),
    **_units(_LENGTH, LENGTH_BASE, METRES_PER_INCH, "inch inches"),
    **_units(_DURATION, DURATION_BASE, 1 / SECONDS_PER_MINUTE, "second seconds sec secs"),
    **_units(_DURATION, DURATION_BASE, 1.0, "minute minutes min mins"),
    **_units(_DURATION, DURATION_BASE, MINUTES_PER_HOUR, "hour hours hr hrs"),
    **_units(_DURATION, DURATION_BASE, MINUTES_PER_DAY, "day days"),
    **_units(_DURATION, DURATION_BASE, 7 * MINUTES_PER_DAY, "week weeks"),
    **_units(_DURATION, DURATION_BASE, DAYS_PER_MONTH * MINUTES_PER_DAY, "month months"),
    **_units(_DURATION, DURATION_BASE, DAYS_PER_YEAR * MINUTES_PER_DAY, "year years yr yrs"),
    **_units(_DURATION, DURATION_BASE, 10 * DAYS_PER_YEAR * MINUTES_PER_DAY, "decade decades"),
    **_units(_DURATION, DURATION_BASE, 100 * DAYS_PER_YEAR * MINUTES_PER_DAY, "century centuries"),
}
# "square kilometres": area is kept (kind OTHER) so it is not misread as a length or a count.
AREA_PREFIXES = frozenset({"square", "sq"})
NAUTICAL = "nautical"  # "nautical miles"
PERCENT_WORDS = frozenset({"%", "percent", "pct"})
PER_CENT = ("per", "cent")
PERCENTAGE_POINT = ("percentage", "point")

# Currencies: symbols before the number, ISO codes before or after, words after.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "C$": "CAD", "A$": "AUD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₽": "RUB", "₴": "UAH", "₹": "INR",
}  # fmt: skip
CURRENCY_CODES = frozenset(
    words("USD EUR GBP RUB UAH CNY JPY CHF INR CAD AUD PLN HUF TRY SEK NOK DKK CZK")
)
CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(["dollar", "dollars"], "USD"),
    **dict.fromkeys(["euro", "euros"], "EUR"),
    **dict.fromkeys(["pound", "pounds", "sterling"], "GBP"),
    **dict.fromkeys(["ruble", "rubles", "rouble", "roubles"], "RUB"),
    **dict.fromkeys(["hryvnia", "hryvnias", "hryvnya", "hryvnyas", "hryvnas"], "UAH"),
    **dict.fromkeys(["yuan", "renminbi"], "CNY"),
    **dict.fromkeys(["yen"], "JPY"),
    **dict.fromkeys(["forint", "forints"], "HUF"),
    **dict.fromkeys(["zloty", "zlotys"], "PLN"),
    **dict.fromkeys(["rupee", "rupees"], "INR"),
}
US_MARKERS = frozenset({"us", "u.s.", "american"})  # "US dollars" stays USD

# Number words. Scales multiply what precedes them; "dozen" counts as a scale of 12.
ONES: dict[str, int] = {
    w: i
    for i, w in enumerate(
        words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
TENS: dict[str, int] = {
    w: 10 * i
    for i, w in enumerate(words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
HUNDRED = "hundred"
SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
DOZEN = 12.0
FRACTIONS: dict[str, float] = {"half": 0.5, "quarter": 0.25}
VULGAR_FRACTIONS: dict[str, float] = {"½": 0.5, "¼": 0.25, "¾": 0.75}
SLASH_FRACTIONS: dict[str, float] = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75}
# Abbreviated multipliers glued to digits or after them ("$40bn", "£3m"). "m"/"b" mean million
# and billion only beside a currency; elsewhere "3m" is three metres.
ABBREVIATED_SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "mn": 1e6, "mln": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
    "tn": 1e12, "trn": 1e12, "trillion": 1e12,
}  # fmt: skip
CURRENCY_ONLY_SCALES: dict[str, float] = {"m": 1e6, "b": 1e9}

# Vague plural quantities: the interval each admits, [2 x unit, 10 x unit) ("hundreds" is at least
# two hundred and fewer than a thousand). "dozens" stops at a gross, where writers switch to
# "hundreds"/"more than a hundred".
VAGUE_QUANTITIES: dict[tuple[str, ...], tuple[float, float]] = {
    ("dozens",): (24.0, 144.0),
    ("hundreds",): (200.0, 1e3),
    ("thousands",): (2e3, 1e4),
    ("tens", "of", "thousands"): (2e4, 1e5),
    ("hundreds", "of", "thousands"): (2e5, 1e6),
    ("millions",): (2e6, 1e7),
    ("tens", "of", "millions"): (2e7, 1e8),
    ("hundreds", "of", "millions"): (2e8, 1e9),
    ("billions",): (2e9, 1e10),
}

# Qualifier phrases, longest first when matched. Each maps to the model's Qualifier.
QUALIFIER_PHRASES: dict[tuple[str, ...], Qualifier] = {
    **{tuple(p.split()): Qualifier.ABOUT for p in (
        "about", "approximately", "approx", "around", "roughly", "some", "an estimated",
        "estimated", "circa", "~",
    )},
    **{tuple(p.split()): Qualifier.NEARLY for p in (
        "nearly", "almost", "close to", "just under", "just shy of", "not quite", "just short of",
    )},
    **{tuple(p.split()): Qualifier.MORE_THAN for p in (
        "more than", "over", "exceeding", "above", "upwards of", "in excess of", "well over",
        "just over", "well above",
    )},
    **{tuple(p.split()): Qualifier.AT_LEAST for p in (
        "at least", "no fewer than", "no less than", "a minimum of", "not less than",
    )},
    **{tuple(p.split()): Qualifier.LESS_THAN for p in (
        "less than", "fewer than", "under", "below", "well under", "well below",
    )},
    **{tuple(p.split()): Qualifier.UP_TO for p in (
        "up to", "as many as", "as much as", "at most", "no more than", "a maximum of",
        "within", "not more than",
    )},
}  # fmt: skip
QUALIFIER_MAX_WORDS = max(len(p) for p in QUALIFIER_PHRASES)

MONTHS = frozenset(
    words(
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)
# Words before a number that make it a name, not a quantity ("page 12", "Article 5").
NAME_LABELS = frozenset(
    words(
        "page pages p pp no number section article chapter flight route resolution room line gate "
        "highway bill item paragraph vol volume issue episode season grade level stage phase class "
        "category round game unit brigade division battalion regiment model version act"
    )
)
# A number right after these refers back to things already counted ("the two leaders").
DEFINITE_WORDS = frozenset(
    words("the these those both all its their his her our my your whose this")
)
# Nouns a number can modify without counting them ("three times", "one way").
NOT_COUNTED = frozenset(words("time times way ways one ones other others thing things"))

# Irregular plurals of nouns that news text counts.
IRREGULAR_SINGULARS: dict[str, str] = {
    "people": "person", "persons": "person", "children": "child", "men": "man",
    "women": "woman", "police": "police", "staff": "staff", "personnel": "personnel",
    "lives": "life", "wives": "wife", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "aircraft": "aircraft", "sheep": "sheep", "cattle": "cattle",
    "crises": "crisis", "analyses": "analysis", "series": "series", "species": "species",
    "news": "news", "thieves": "thief", "leaves": "leaf", "halves": "half",
}  # fmt: skip
_KEEP_FINAL_S = ("ss", "us", "is", "os")


def singular(noun: str) -> str:
    """The singular lemma of an English noun, lower-cased (the model's lemmatizer is disabled).

    >>> [singular(w) for w in ("People", "casualties", "missiles", "buses", "Tomahawks")]
    ['person', 'casualty', 'missile', 'bus', 'tomahawk']
    """
    word = noun.lower()
    if word in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "uses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_FINAL_S):
        return word[:-1]
    return word


def unit_for(word: str) -> Unit | None:
    """The unit a word names ("kilometres", "hrs"), or None."""
    return UNITS.get(word.lower()) if word != "M" else None


def to_base(value: float, unit_word: str) -> tuple[FigureKind, float, str]:
    """Convert ``value`` in ``unit_word`` to its kind's base unit; KeyError for unknown units."""
    unit = UNITS[unit_word.lower()]
    return unit.kind, value * unit.factor, unit.base


def from_base(base_value: float, unit_word: str) -> float:
    """Convert a value in base units back to ``unit_word``."""
    return base_value / UNITS[unit_word.lower()].factor


def word_category(word: str) -> str | None:
    """The grammar category of a number word: ones, tens, hundred, scale (or None)."""
    if word in ONES:
        return "ones"
    if word in TENS:
        return "tens"
    if word == HUNDRED:
        return "hundred"
    if word in SCALES or word == "dozen":
        return "scale"
    return None


_MAY_FOLLOW = {
    "start": {"ones", "tens"},
    "ones": {"hundred", "scale"},
    "tens": {"ones", "scale"},
    "hundred": {"ones", "tens", "scale"},
    "scale": {"ones", "tens"},
}


def may_follow(previous: str, category: str) -> bool:
    """Whether a number word of ``category`` may follow one of ``previous`` ("twenty five",
    "two hundred", "five million"; not "five six" or "twenty thirty")."""
    return category in _MAY_FOLLOW[previous]


def digit_rounding(text: str) -> float:
    """Half the last written significant digit.

    >>> [digit_rounding(t) for t in ("57", "1,600", "2.5")]
    [0.5, 50.0, 0.05]
    """
    digits = text.replace(",", "")
    if "." in digits:
        return 0.5 * 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 0.5 * 10.0 ** (len(digits) - len(stripped)) if stripped else 0.5


def value_rounding(value: float) -> float:
    """``digit_rounding`` of a number written as words (2.5 for "two and a half")."""
    if value == int(value):
        return digit_rounding(str(int(value)))
    return digit_rounding(repr(value))
