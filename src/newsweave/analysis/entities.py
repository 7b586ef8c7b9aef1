"""Entities: people, organisations and places, with one canonical name across a run.

Two steps:

1. ``extract_entity_mentions`` reads spaCy's named entities in an article's claim sentences.
   Bylines, captions, datelines and boilerplate are skipped (their names are authors and
   photographers, not actors of the story), and so are headings: in title case spaCy calls
   most capitalised phrases an ORG ("Preparations Underway"), and every actor in a heading is
   named again in the body. Each mention is cleaned: a leading
   "the", a trailing possessive and honorifics ("Mr.") are left out of the span, and titles
   next to a person's name ("Kremlin aide Yuri Ushakov", "Yuri Ushakov, a top aide to Putin")
   become the mention's roles.
2. ``canonicalize`` groups the mentions of all articles into entities (see its docstring) and
   returns an ``EntityIndex`` that resolves spans and names to entities.

Label mapping: PERSON -> PERSON, ORG -> ORGANIZATION, GPE/LOC/FAC -> PLACE, and EVENT, PRODUCT,
WORK_OF_ART, LAW and noun NORPs ("Democrats") -> OTHER. Adjectival NORPs ("Ukrainian",
"Russian") and LANGUAGE are dropped: they modify other words rather than name an actor, and
would outnumber every real entity; so are spans of adjectives alone ("Ukrainian" as GPE).
Numeric labels (DATE, MONEY, ...) belong to other stages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span, Token

from newsweave.analysis.names import (
    alias_display_name,
    comparable_tokens,
    name_key,
    name_tokens,
    person_names_match,
    slugify,
    surname,
    tokens_match,
    transliteration_key,
)
from newsweave.analysis.parsed import ParsedArticle
from newsweave.analysis.span_index import SpanIndex
from newsweave.model import Entity, EntityMention, EntityType, Mention, SentenceKind

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.PLACE,
    "NORP": EntityType.OTHER,
    "EVENT": EntityType.OTHER,
    "PRODUCT": EntityType.OTHER,
    "WORK_OF_ART": EntityType.OTHER,
    "LAW": EntityType.OTHER,
}
ANALYSED_KINDS = frozenset({SentenceKind.CLAIM})

# Words that head a title or role. Lower-cased; multiword titles are sequences of these and of
# ROLE_MODIFIERS ("prime minister", "secretary of state", "white house press secretary").
# fmt: off
ROLE_HEADS = frozenset({
    "president", "minister", "chancellor", "secretary", "general", "spokesman", "spokeswoman",
    "spokesperson", "aide", "adviser", "advisor", "envoy", "ambassador", "senator", "sen.",
    "representative", "rep.", "governor", "gov.", "mayor", "king", "queen", "prince", "princess",
    "pope", "premier", "chief", "commander", "director", "head", "leader", "chairman",
    "chairwoman", "chair", "ceo", "lawmaker", "congressman", "congresswoman", "speaker", "judge",
    "justice", "attorney", "prosecutor", "negotiator", "official", "diplomat", "colonel", "col.",
    "lieutenant", "lt.", "sergeant", "sgt.", "captain", "capt.", "admiral", "marshal", "gen.",
    "emir", "sheikh", "ayatollah", "patriarch",
})
ROLE_MODIFIERS = frozenset({
    "prime", "vice", "deputy", "foreign", "defense", "defence", "first", "acting", "interim",
    "former", "ex", "then", "top", "senior", "special", "press", "national", "security", "state",
    "interior", "finance", "treasury", "justice", "commerce", "energy", "homeland", "health",
    "trade", "economy", "war", "policy", "assistant", "presidential", "military", "intelligence",
    "executive", "main", "lead", "chief", "majority", "minority", "house", "senate",
})
# fmt: on
# Words that may sit inside a title ("Secretary of the Treasury") but never start or end one.
ROLE_CONNECTORS = frozenset({"of", "the", "for"})
# Courtesy titles: removed from names, not kept as roles (they say nothing about the person).
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "mx"})
# Leading words of a PERSON span that cannot start a name: spaCy takes in a sentence-initial
# verb or auxiliary ("Hosting Trump", "Will Trump meet ...").
NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "PART"})
# Adjectives in appositive roles that describe standing, not the role ("a top aide" -> "aide").
ROLE_PUFFERY = frozenset({"top", "close", "longtime", "long-time", "trusted", "veteran", "key"})
# A capitalised title followed by capitalised words that NER missed ("Chancellor Merz") names a
# person; at most this many words are taken as the name.
TITLED_NAME_MAX_TOKENS = 3
_POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")


def extract_entity_mentions(parsed: ParsedArticle) -> tuple[EntityMention, ...]:
    """Named entity mentions of one article, cleaned, with roles, in text order."""
    doc, document = parsed.doc, parsed.article.id
    windows = SpanIndex(
        [(s.start, s.end) for s in parsed.sentences if s.kind in ANALYSED_KINDS], _same
    )
    role_tokens: set[int] = set()
    found: list[tuple[Span, EntityType, tuple[str, ...]]] = []
    for ent in doc.ents:
        entity_type = _entity_type(ent)
        if entity_type is None or not _inside(ent, windows):
            continue
        cleaned = clean_entity_span(ent)
        if cleaned is None:
            continue
        span, roles = cleaned
        if entity_type is EntityType.PERSON:
            roles = _with_context_roles(span, roles, role_tokens)
        found.append((span, entity_type, roles))
    found.extend(_titled_names(doc, windows, role_tokens))
    mentions = [
        _entity_mention(document, span, entity_type, roles)
        for span, entity_type, roles in found
        if not _is_title_fragment(span, role_tokens)
    ]
    return tuple(sorted(mentions, key=lambda m: (m.mention.start, m.mention.end)))


def clean_entity_span(ent: Span) -> tuple[Span, tuple[str, ...]] | None:
    """The span without "the", possessives and honorifics; for persons also leading titles.

    Returns the cleaned span and the titles removed from it (as roles), or ``None`` when nothing
    name-like is left. Also used by the CoNLL evaluation.
    """
    trimmed = trim_entity_span(ent)
    if trimmed is None or ent.label_ != "PERSON":
        return trimmed
    span = trimmed[0]
    start = span.start
    while start < span.end - 1 and (
        _is_title_word(span.doc[start]) or span.doc[start].pos_ in NOT_NAME_POS
    ):
        start += 1
    role = _role_text(span.doc[span.start : start])
    return span.doc[start : span.end], (role,) if role else ()


def _entity_type(ent: Span) -> EntityType | None:
    entity_type = LABEL_TYPES.get(ent.label_)
    if ent.label_ == "NORP" and ent.root.pos_ not in {"PROPN", "NOUN"}:
        return None
    if all(t.pos_ == "ADJ" for t in ent):
        return None
    return entity_type


def _same(bounds: tuple[int, int]) -> tuple[int, int]:
    return bounds


def _inside(span: Span, windows: SpanIndex[tuple[int, int]]) -> bool:
    found = windows.overlapping(span.start_char, span.end_char)
    return any(s <= span.start_char and span.end_char <= e for s, e in found)


def trim_entity_span(ent: Span) -> tuple[Span, tuple[str, ...]] | None:
    """Drop a leading "the" and honorific, and a trailing possessive or punctuation.

    Returns the span and no roles (the shape of ``clean_entity_span``), or ``None``.
    """
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].lower_ in HONORIFICS or ent.doc[start].lower_ == "the"):
        start += 1
    while end > start and (ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].is_punct):
        if ent.doc[end - 1].text.endswith("."):  # "Jr.", "U.S." keep their dots
            break
        end -= 1
    if start == end or not any(c.isalpha() for c in ent.doc[start:end].text):
        return None
    return ent.doc[start:end], ()


def _is_title_word(token: Token) -> bool:
    lower = token.lower_
    return lower in ROLE_HEADS or lower in ROLE_MODIFIERS or lower in HONORIFICS


def _role_text(tokens: Span) -> str:
    words = [t for t in tokens if t.lower_ not in HONORIFICS]
    while words and words[0].lower_ in ROLE_CONNECTORS:
        words.pop(0)
    if not any(t.lower_ in ROLE_HEADS for t in words):
        return ""
    return " ".join(t.text for t in words)


def _with_context_roles(span: Span, roles: tuple[str, ...], used: set[int]) -> tuple[str, ...]:
    """Add the title before the name and an appositive role after it."""
    left = _left_title(span)
    if left is not None:
        used.update(range(left.start, left.end))
        roles = (*roles, _role_text(left))
    appositive = _appositive_role(span)
    if appositive:
        roles = (*roles, appositive)
    return tuple(dict.fromkeys(r for r in roles if r))


def _left_title(span: Span) -> Span | None:
    """The title words right before a name: "Kremlin aide", "Secretary of State"."""
    doc, start = span.doc, span.start
    first = start
    # Stop at the sentence start token by token: ``span.sent`` walks the whole sentence.
    while first > 0 and not doc[first].is_sent_start and _may_be_in_title(doc[first - 1]):
        first -= 1
    while first < start and doc[first].lower_ in ROLE_CONNECTORS:
        first += 1
    title = doc[first:start]
    return title if _role_text(title) else None


def _may_be_in_title(token: Token) -> bool:
    if token.ent_type_ in {"PERSON", "NORP", "GPE", "LOC", "DATE", "CARDINAL"}:
        return False
    if token.ent_type_ == "ORG":
        return True
    return _is_title_word(token) or token.lower_ in ROLE_CONNECTORS


def _appositive_role(span: Span) -> str:
    """ "Yuri Ushakov, a top aide to Putin," -> "aide"; ", Russia's foreign minister," -> ..."""
    for child in span.root.rights:
        if child.dep_ != "appos" or child.pos_ != "NOUN" or child.lower_ not in ROLE_HEADS:
            continue
        if child.i <= span.end or span.doc[span.end].text != ",":
            continue
        words = [
            t
            for t in child.lefts
            if t.dep_ in {"compound", "amod"} and t.lower_ not in ROLE_PUFFERY
        ]
        return " ".join(t.text for t in (*words, child))
    return ""


def _titled_names(
    doc: Doc, windows: SpanIndex[tuple[int, int]], used: set[int]
) -> list[tuple[Span, EntityType, tuple[str, ...]]]:
    """Persons that NER missed right after a capitalised title ("Chancellor Merz")."""
    found = []
    for token in doc:
        if not (token.lower_ in ROLE_HEADS and token.is_title) or token.i + 1 >= len(doc):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= TITLED_NAME_MAX_TOKENS and _bare_name(doc[end]):
            end += 1
        name = doc[token.i + 1 : end]
        if len(name) and _inside(name, windows) and doc[end - 1].tag_ != "POS":
            roles = _with_context_roles(name, (), used)
            found.append((name, EntityType.PERSON, roles))
    return found


def _bare_name(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_type_
        and not _is_title_word(token)
    )


def _is_title_fragment(span: Span, role_tokens: set[int]) -> bool:
    """An ORG such as "State" in "Secretary of State Marco Rubio" is part of a title."""
    return all(t.i in role_tokens and _is_title_word(t) for t in span)


def _entity_mention(
    document: str, span: Span, entity_type: EntityType, roles: tuple[str, ...]
) -> EntityMention:
    mention = Mention(document, span.start_char, span.end_char, span.text)
    name = " ".join(span.text.split())
    return EntityMention(mention, entity_type, name, roles)


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """The entities of a run, with lookups by span and by name."""

    entities: tuple[Entity, ...]
    _by_document: dict[str, list[tuple[Mention, Entity]]] = field(
        init=False, repr=False, compare=False
    )

    _keys: dict[str, list[Entity]] = field(init=False, repr=False, compare=False)
    _alias_keys: dict[str, list[Entity]] = field(init=False, repr=False, compare=False)
    _surnames: SurnameIndex[Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_document: dict[str, list[tuple[Mention, Entity]]] = {}
        keys: dict[str, list[Entity]] = {}
        alias_keys: dict[str, list[Entity]] = {}
        for entity in self.entities:
            for mention in entity.mentions:
                by_document.setdefault(mention.document, []).append((mention, entity))
            keys.setdefault(name_key(entity.name), []).append(entity)
            for key in dict.fromkeys(name_key(a) for a in entity.aliases):
                alias_keys.setdefault(key, []).append(entity)
        object.__setattr__(self, "_by_document", by_document)
        object.__setattr__(self, "_keys", keys)
        object.__setattr__(self, "_alias_keys", alias_keys)
        people = (e for e in self.entities if e.type is EntityType.PERSON)
        object.__setattr__(
            self, "_surnames", SurnameIndex((e, _entity_surnames(e)) for e in people)
        )

    def resolve(self, mention: Mention) -> Entity | None:
        """The entity whose mention overlaps ``mention`` most (same document)."""
        best: tuple[int, Entity] | None = None
        for known, entity in self._by_document.get(mention.document, ()):
            overlap = min(known.end, mention.end) - max(known.start, mention.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity)
        return best[1] if best else None

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` (canonical name, then alias, then a person's surname).

        ``None`` when no entity or more than one fits at the first level that has a match.
        """
        key = name_key(" ".join(name.split()).removesuffix("'s").removesuffix("\u2019s"))
        for candidates in (self._keys.get(key, []), self._alias_keys.get(key, [])):
            if candidates:
                return candidates[0] if len(candidates) == 1 else None
        if " " in key:
            return None
        by_surname = self._surnames.holders(key)
        return by_surname[0] if len(by_surname) == 1 else None


def canonicalize(mentions: Sequence[EntityMention]) -> EntityIndex:
    """Group mentions from all articles of a run into entities.

    Rules, in order:

    * mentions with the same key (``names.name_key``: diacritics folded, case, dots, "the",
      ``names.ALIASES``) are one name, whatever spaCy labelled each;
    * multi-token person names whose tokens are spelling variants (``names.person_names_match``)
      are one entity ("Sergei Lavrov"/"Sergey Lavrov"); "Donald Trump Jr." stays apart;
    * a one-word person name ("Zelenskiy") joins the one full name with that surname; with
      several candidates, those named in the same article, and of them one named in full in
      ``SURNAME_DOMINANCE_MIN`` times as many articles as any other; otherwise it stays apart;
    * the type is the majority of the mentions' labels; the canonical name is the most complete
      spelling (most words, middle initials aside), then the most frequent, then one keeping
      its diacritics; the id is ``type:slug``.

    The result does not depend on the order of ``mentions``, and duplicates are ignored.
    """
    unique = sorted(set(mentions), key=_mention_order)
    entities = [_build_entity(cluster) for cluster in _cluster_mentions(unique)]
    return EntityIndex(_with_unique_ids(entities))


def _mention_order(m: EntityMention) -> tuple[str, int, int, str, str, tuple[str, ...]]:
    return (m.mention.document, m.mention.start, m.mention.end, m.name, m.type.value, m.roles)


def _build_entity(built: _Cluster) -> Entity:
    cluster, entity_type = built.mentions, built.type
    name = _canonical_name(cluster)
    aliases = sorted({m.name for m in cluster} - {name})
    role_counts = Counter(r for m in cluster for r in m.roles)
    roles = _merge_role_spellings(role_counts)
    mentions = tuple(sorted({m.mention for m in cluster}, key=_span_key))
    entity_id = f"{entity_type.value}:{slugify(name)}"
    return Entity(entity_id, name, entity_type, tuple(aliases), roles, mentions)


def _merge_role_spellings(counts: Counter[str]) -> tuple[str, ...]:
    """One spelling per role ignoring case (the most frequent), most frequent role first."""
    spellings: dict[str, Counter[str]] = {}
    for role, count in counts.items():
        spellings.setdefault(role.casefold(), Counter())[role] += count
    ranked = sorted(spellings.values(), key=lambda c: (-c.total(), min(c)))
    return tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for c in ranked)


def _with_unique_ids(entities: list[Entity]) -> tuple[Entity, ...]:
    """Order entities (most mentioned first) and suffix colliding ids ("-2")."""
    ordered = sorted(entities, key=lambda e: (-len(e.mentions), e.id, _span_keys(e.mentions)))
    seen: Counter[str] = Counter()
    result = []
    for entity in ordered:
        seen[entity.id] += 1
        unique_id = entity.id if seen[entity.id] == 1 else f"{entity.id}-{seen[entity.id]}"
        result.append(replace(entity, id=unique_id))
    return tuple(result)


def _span_key(mention: Mention) -> tuple[str, int, int]:
    return (mention.document, mention.start, mention.end)


def _span_keys(mentions: Iterable[Mention]) -> tuple[tuple[str, int, int], ...]:
    return tuple(_span_key(m) for m in mentions)


# Tie-break for the majority type: a name spaCy calls PERSON as often as ORG is a person.
# Share of PERSON/ORG labels above which a one-word name is taken as a possible surname: a half,
# so that the names spaCy splits between labels (seed articles: "Zelenskyy" 6 PLACE, 5 ORG,
# 3 PERSON) qualify while names it calls a place nearly always ("Washington") do not.
SURNAME_LABEL_SHARE_MIN = 0.5
# A surname shared by several people goes to one of them only when that one is named in full in
# at least this many times as many articles as each other (seed articles: "Donald Trump" in 5,
# "Melania Trump" in 1); between comparable bearers it stays unresolved.
SURNAME_DOMINANCE_MIN = 3
_TYPE_PRIORITY = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.OTHER)


def _majority_type(cluster: Iterable[EntityMention]) -> EntityType:
    counts = Counter(m.type for m in cluster)
    return max(_TYPE_PRIORITY, key=lambda t: (counts[t], -_TYPE_PRIORITY.index(t)))


def _canonical_name(cluster: Sequence[EntityMention]) -> str:
    """Most complete, then most frequent, then diacritics kept, then not all capitals."""
    for m in cluster:
        display = alias_display_name(m.name)
        if display:
            return display
    counts = Counter(m.name for m in cluster)

    def rank(name: str) -> tuple[int, int, bool, bool, str]:
        completeness = len(comparable_tokens(name_tokens(name)))
        return (-completeness, -counts[name], name.isascii(), name.isupper(), name)

    return min(counts, key=rank)


@dataclass(slots=True)
class _Cluster:
    """Mentions of one entity being built. Type, articles and surnames are fixed by the full
    names, before one-word names attach: "Trump" mislabelled ORG must not turn Donald Trump into
    an organisation, nor change which article names him."""

    mentions: list[EntityMention]
    type: EntityType = field(init=False)
    documents: frozenset[str] = field(init=False)
    surnames: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.type = _majority_type(self.mentions)
        self.documents = frozenset(m.mention.document for m in self.mentions)
        self.surnames = frozenset(_surnames(self.mentions))


def _cluster_mentions(mentions: Sequence[EntityMention]) -> list[_Cluster]:
    """Partition mentions into entities (see ``canonicalize``)."""
    by_key: dict[str, list[EntityMention]] = {}
    for m in mentions:
        by_key.setdefault(name_key(m.name), []).append(m)
    one_word = {k for k, group in by_key.items() if _is_surname_candidate(k, group)}
    groups = {k: g for k, g in by_key.items() if k not in one_word}
    full = [_Cluster(c) for c in _merge_variants(groups, multi=True)]
    leftover: dict[str, list[EntityMention]] = {}
    surnames = SurnameIndex((c, c.surnames) for c in full if c.type is EntityType.PERSON)
    for key in sorted(one_word):
        named = surnames.holders(key)
        for m in by_key[key]:
            target = _surname_target(m.mention.document, named)
            if target is None:
                leftover.setdefault(key, []).append(m)
            else:
                target.mentions.append(m)
    return full + [_Cluster(c) for c in _merge_variants(leftover, multi=False)]


T = TypeVar("T")


class SurnameIndex(Generic[T]):
    """Holders of surnames, bucketed by the surname's first letter (after transliteration), so
    that a one-word name is compared only with surnames that could be its spelling variant.

    Spelling variants of one surname keep their first letter (Zelenskyy/Zelenskiy/Zelensky);
    comparing every name with every surname grew with the square of a large run's people.
    """

    def __init__(self, holders: Iterable[tuple[T, Iterable[str]]]) -> None:
        self._buckets: dict[str, list[tuple[str, int]]] = {}
        self._holders: list[T] = []
        for n, (holder, names) in enumerate(holders):
            self._holders.append(holder)
            for name in names:
                self._buckets.setdefault(_bucket(name), []).append((name, n))

    def holders(self, token: str) -> list[T]:
        """Holders of a surname matching ``token``, each once, in insertion order."""
        found = sorted(
            {n for name, n in self._buckets.get(_bucket(token), []) if tokens_match(token, name)}
        )
        return [self._holders[n] for n in found]


def _bucket(token: str) -> str:
    return transliteration_key(token)[:1]


def _is_surname_candidate(key: str, group: Sequence[EntityMention]) -> bool:
    """A one-word name that spaCy calls a person or an organisation (its usual mislabel for
    foreign surnames) at least half the time; "Zelenskyy" is PLACE, ORG and PERSON by turns."""
    person_like = sum(m.type in {EntityType.PERSON, EntityType.ORGANIZATION} for m in group)
    return " " not in key and person_like / len(group) >= SURNAME_LABEL_SHARE_MIN


def _merge_variants(
    groups: dict[str, list[EntityMention]], *, multi: bool
) -> list[list[EntityMention]]:
    """Union person-name groups whose keys are spelling variants; others stay as they are."""
    parent = {k: k for k in groups}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    persons = sorted(k for k, g in groups.items() if _majority_type(g) is EntityType.PERSON)
    buckets: dict[str, list[str]] = {}
    for key in persons:  # variants share the surname's first letter: compare within buckets
        buckets.setdefault(_bucket(key.split()[-1]) if key else "", []).append(key)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if _keys_match(a, b, multi=multi):
                    parent[max(root(a), root(b))] = min(root(a), root(b))
    clusters: dict[str, list[EntityMention]] = {}
    for key in sorted(groups):
        clusters.setdefault(root(key), []).extend(groups[key])
    return list(clusters.values())


def _keys_match(a: str, b: str, *, multi: bool) -> bool:
    ta, tb = tuple(a.split()), tuple(b.split())
    if multi:
        return len(ta) > 1 and len(tb) > 1 and person_names_match(ta, tb)
    return tokens_match(a, b)


def _surname_target(document: str, matches: list[_Cluster]) -> _Cluster | None:
    """The full-name cluster a one-word name belongs to, among those with its surname.

    The only person with that surname; among several, those named in the same article; among
    those, one named in full in far more articles than the others; otherwise none. Counting
    articles, not mentions, keeps the choice the same when the run is repeated on canonical
    names.
    """
    if len(matches) > 1:
        matches = [c for c in matches if document in c.documents] or matches
    if len(matches) > 1:
        ranked = sorted(matches, key=lambda c: -len(c.documents))
        first, second = len(ranked[0].documents), len(ranked[1].documents)
        matches = ranked[:1] if first >= SURNAME_DOMINANCE_MIN * second else []
    return matches[0] if matches else None


def _surnames(cluster: Iterable[EntityMention]) -> set[str]:
    names = {name_tokens(m.name) for m in cluster}
    return {s for s in map(surname, names) if s is not None}


def _entity_surnames(entity: Entity) -> set[str]:
    names = {name_tokens(n) for n in (entity.name, *entity.aliases)}
    return {s for s in map(surname, names) if s is not None}
