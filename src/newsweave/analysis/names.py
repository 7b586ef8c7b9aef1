"""Name normalisation: folding, keys, transliteration variants and name similarity.

Pure string functions used to canonicalise entity names across articles. Nothing here knows
about spaCy. A *key* is the comparable form of a name: diacritics folded, lower case, dots and
apostrophes dropped, hyphens split, a leading "the" removed, and well-known acronyms mapped to
one spelling.

>>> name_key("the U.S.")
'united states'
>>> name_key("Viktor Orbán")
'viktor orban'
>>> tokens_match("zelenskyy", "zelenskiy")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_EXTRA_FOLDS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)
_APOSTROPHES = "'\u2019\u2018`\u00b4"

# Display names for well-known acronyms and short forms that news copy uses interchangeably. Kept
# small on purpose: only forms that refer to one entity in any news story; keys are name_key forms
# before aliasing. Nothing here can be learnt from spelling alone ("US" vs "United States").
ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "eu": "European Union",
    "european union": "European Union",
    "un": "United Nations",
    "united nations": "United Nations",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
}

# Generational suffixes: part of the name, so "Donald Trump Jr." never merges with "Donald Trump".
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Romanisation variants of Slavic names ("Zelenskyy/Zelenskiy/Zelensky", "Sergei/Sergey",
# "Alexei/Aleksey", "Dmitry/Dmitriy", "Volodymyr/Volodimir"); applied in order to a folded
# lower-case token. y/i are interchangeable in these systems, so every "y" becomes "i".
_TRANSLITERATION_RULES: tuple[tuple[str, str], ...] = (
    (r"x", "ks"),
    (r"(?:iy|yy|ii|yi|ij|y)$", "i"),
    (r"ey$", "ei"),
    (r"y", "i"),
    (r"ii+", "i"),
)

# Two tokens that differ by spelling (not by a transliteration rule) are the same name when their
# Levenshtein similarity is at least this: one edit in 5-9 letters ("Volodymyr"/"Volodimir" 0.89).
TOKEN_SIMILARITY_MIN = 0.8
# Shorter tokens must match exactly (after folding and transliteration): one edit in a short name
# is usually another name ("Maria"/"Marie", "Jon"/"Jan").
FUZZY_MIN_LENGTH = 6


def fold(text: str) -> str:
    """Remove diacritics, keeping the base letters.

    >>> fold("Orbán Łukasz Søren")
    'Orban Lukasz Soren'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Distinct names whose tokens are kept: a story names a few thousand; a name is tokenised for
# every mention, key and alias lookup.
NAME_TOKENS_CACHE_SIZE = 65_536


@functools.lru_cache(maxsize=NAME_TOKENS_CACHE_SIZE)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded lower-case tokens of a name; dots and apostrophes dropped, hyphens split.

    >>> name_tokens("Donald J. Trump Jr.")
    ('donald', 'j', 'trump', 'jr')
    >>> name_tokens("the U.S.-Russia talks")
    ('us', 'russia', 'talks')
    """
    text = fold(name).lower()
    text = re.sub(f"[.{_APOSTROPHES}]", "", text)
    tokens = [t for t in re.split(r"[\s\-\u2010-\u2015/,]+", text) if t]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return tuple(tokens)


def name_key(name: str) -> str:
    """The comparable form of a name; aliases in ``ALIASES`` map to their display name's key."""
    key = " ".join(name_tokens(name))
    alias = ALIASES.get(key)
    return " ".join(name_tokens(alias)) if alias else key


def alias_display_name(name: str) -> str | None:
    """The display name for a known acronym or short form ("US" -> "United States")."""
    return ALIASES.get(" ".join(name_tokens(name)))


def slugify(name: str) -> str:
    """A readable id fragment.

    >>> slugify("Viktor Orbán")
    'viktor-orban'
    >>> slugify("U.S.")
    'us'
    >>> slugify("Broader Context: Sanctions")
    'broader-context-sanctions'
    """
    return re.sub(r"[^a-z0-9]+", "-", " ".join(name_tokens(name))).strip("-") or "unnamed"


@functools.cache
def transliteration_key(token: str) -> str:
    """One spelling for common romanisation variants of a folded lower-case token.

    >>> [transliteration_key(t) for t in ("sergei", "sergey", "dmitriy", "dmitry", "alexei")]
    ['sergei', 'sergei', 'dmitri', 'dmitri', 'aleksei']
    """
    for pattern, replacement in _TRANSLITERATION_RULES:
        token = re.sub(pattern, replacement, token)
    return token


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions).

    >>> levenshtein("kitten", "sitting")
    3
    """
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether ``levenshtein(a, b) <= limit``, computing only the cells that can stay within
    ``limit`` (a band around the diagonal) and stopping once a whole row exceeds it.

    >>> within_edits("volodymyr", "volodimir", 2), within_edits("kitten", "sitting", 2)
    (True, False)
    """
    if abs(len(a) - len(b)) > limit:
        return False
    if len(a) < len(b):
        a, b = b, a
    over = limit + 1  # any value past the limit: cells outside the band
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        first, last = max(1, i - limit), min(len(b), i + limit)
        current = [over] * (len(b) + 1)
        if i <= limit:
            current[0] = i
        for j in range(first, last + 1):
            substitute = previous[j - 1] + (ca != b[j - 1])
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitute)
        if min(current[first - 1 : last + 1]) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@functools.cache
def tokens_match(a: str, b: str) -> bool:
    """Whether two name tokens (from ``name_tokens``) are spellings of the same name."""
    if a == b:
        return True
    ka, kb = transliteration_key(a), transliteration_key(b)
    if ka == kb:
        return True
    longest = max(len(ka), len(kb))
    if min(len(ka), len(kb)) < FUZZY_MIN_LENGTH:
        return False
    # The edit distance is at least the difference in length: skip hopeless pairs cheaply.
    if 1 - abs(len(ka) - len(kb)) / longest < TOKEN_SIMILARITY_MIN:
        return False
    return within_edits(ka, kb, _edits_allowed(longest))


@functools.cache
def _edits_allowed(longest: int) -> int:
    """The most edits with ``1 - edits / longest >= TOKEN_SIMILARITY_MIN``, by that very test."""
    edits = 0
    while edits < longest and 1 - (edits + 1) / longest >= TOKEN_SIMILARITY_MIN:
        edits += 1
    return edits


def comparable_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without middle initials ("donald j trump" -> "donald trump")."""
    if len(tokens) <= 2:
        return tokens
    middle = tuple(t for t in tokens[1:-1] if len(t) > 1)
    return (tokens[0], *middle, tokens[-1])


def person_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two multi-token person names are spellings of one name.

    Same number of tokens (middle initials aside) and each pair matching, so a generational
    suffix or an extra given name keeps two names apart.

    >>> person_names_match(name_tokens("Sergei Lavrov"), name_tokens("Sergey Lavrov"))
    True
    >>> person_names_match(name_tokens("Donald Trump"), name_tokens("Donald Trump Jr."))
    False
    """
    a, b = comparable_tokens(a), comparable_tokens(b)
    return len(a) == len(b) and all(tokens_match(x, y) for x, y in zip(a, b, strict=True))


def surname(tokens: tuple[str, ...]) -> str | None:
    """The family name of a multi-token person name (the last token before any suffix)."""
    core = tokens[:-1] if len(tokens) > 2 and tokens[-1] in SUFFIXES else tokens
    return core[-1] if len(core) >= 2 else None
