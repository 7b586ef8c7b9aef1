"""Who said a quote: reporting verbs, their subjects, neighbouring sentences and pronouns.

Works on spaCy's dependency parse of the whole article. For each quote, the reporting verbs
(``REPORTING_VERBS``) outside any quote in the sentences the quote touches are ranked: verbs that
govern the quoted words first, then by distance. The first one with a subject gives the speaker
(the ``by`` agent of a passive, the head noun of a relative clause, or the subject of the clause a
participle such as "adding" hangs from). With none, a short attribution sentence just before the
quote ("Ushakov said:") or just after it is used.

What the subject names is checked: "he"/"she" resolve to the grammatical subject that introduced
the speaker (the latest person subject in this or the ``ANTECEDENT_SENTENCES`` sentences before,
or the speaker of the previous quote when that is more recent), not to the nearest name; gender
(from Mr./Mrs./Ms. and gendered roles) must not contradict the pronoun. "it" and document nouns
("the statement said") resolve to the organisation or reporting subject before them, or to no
one. A place is no speaker. A common noun with a named apposition ("the victim's sister, Mara
Lind,", "the interior minister, Jane Roe,") is the named person.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsweave.analysis.parsed import ParsedArticle
from newsweave.model import Attribution, EntityMention

REPORTING_VERBS = (
    "say", "tell", "add", "write", "post", "note", "warn", "state", "insist", "declare",
    "announce", "describe", "call", "according", "explain", "ask", "reply", "respond", "tweet",
    "argue", "claim", "continue", "conclude", "acknowledge", "admit", "recall", "suggest",
    "stress", "emphasize", "emphasise", "predict", "promise", "vow", "urge", "quip", "joke",
    "boast", "complain", "confirm", "deny", "assert", "observe", "remark", "comment", "mention",
    "testify", "report", "caution", "allege", "contend", "maintain", "concede", "shout", "tout",
    "proclaim", "scoff", "retort", "counter", "agree", "quote", "fume", "reiterate", "recount",
    "exclaim", "snap", "muse", "wonder", "plead", "demand", "accuse", "praise", "criticize",
    "criticise", "blast", "slam", "deride", "gush", "chime", "dub", "label", "brand", "decry",
    "lament", "hail", "condemn", "mock", "refer",
)  # fmt: skip
# Forms that the suffix rules in ``inflections`` get wrong.
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "admit": ("admits", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipping"),
    "snap": ("snaps", "snapped", "snapping"),
    "according": (),
}
# A quote that is a sentence of its own takes its speaker from the sentence before it (news
# paragraphs continue the last speaker: on PolNeAR test this beat accepting only short or
# colon-ended sentences, 0.850 vs 0.844 lenient accuracy), else from the sentence after it
# when that one has at most this many tokens outside quotes ("Ushakov told reporters." has 4).
NEIGHBOUR_MAX_TOKENS = 10
# A cue right after a quote whose parse has no subject takes a person named within this many
# tokens before or after it (the usual distance in "“…,” Trump, 70, told" is 3).
ADJACENT_SPEAKER_MAX_TOKENS = 5
# "he"/"she"/"it" look for the subject that introduced the speaker in their own sentence and
# this many sentences before it ("Ushakov said the call with Trump was useful. “…,” he added.").
# 2: tuned on PolNeAR dev (1-4 tried); news rarely leaves a pronoun further from its subject.
ANTECEDENT_SENTENCES = 2
# How many clauses up a participle ("…, adding") or infinitive may look for its subject.
MAX_CLAUSE_HOPS = 3

QUOTE_MARKS = '"“”'
_SUBJECT_DEPS = ("nsubj", "csubj")
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "poss"})
_CLAUSE_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp")
_PHRASE_DEPS = frozenset(
    ["compound", "det", "amod", "poss", "nmod", "nummod", "case", "flat", "quantmod"]
)
# The passive subject is the speaker only for these ("X was quoted as saying"); otherwise it is
# what was said or described ("the talks were described as …").
_PASSIVE_SPEAKER_CUES = frozenset({"quoted", "asked"})
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_ANY_GENDER = ""
# Subjects that stand for whoever issued them: "“…,” the statement said" names no speaker itself.
_DOCUMENT_NOUNS = frozenset(
    ["statement", "communique", "release", "report", "letter", "memo", "note", "notice", "post",
     "message", "tweet", "document", "filing", "email", "text", "transcript", "readout"]
)  # fmt: skip
# Verbs whose subject issued a document: "The ministry issued a statement. “…,” it said."
_ISSUING_VERBS = ("issue", "release", "publish", "send", "circulate", "distribute")
# Entity labels of places, never speakers. Not GPE: "Russia insisted" is its government
# speaking (PolNeAR annotates such sources), and the small model labels many surnames GPE.
_PLACE_LABELS = frozenset({"LOC", "FAC"})
# What "it" may stand for: an ORG entity or a noun phrase headed by one of these.
_ORG_LABELS = frozenset({"ORG", "GPE"})
_ORGANISATION_NOUNS = frozenset(
    ["ministry", "government", "administration", "campaign", "company", "firm", "corporation",
     "agency", "police", "army", "military", "committee", "council", "court", "party", "office",
     "department", "bank", "fund", "group", "union", "board", "newspaper", "paper", "website",
     "network", "channel", "station", "magazine", "outlet", "team", "embassy", "commission",
     "parliament", "senate", "service", "club", "league", "association", "organisation",
     "organization", "institute", "university", "hospital", "church", "federation", "authority",
     "alliance", "coalition", "movement", "publication", "studio", "airline", "operator"]
)  # fmt: skip
_RELATIVE_TAG = "WP"  # "who"; "that"/"which" before a speech verb are mostly its object
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady)\.?\s*$")
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}
_HONORIFIC_GENDER["lady"] = "f"
_ROLE_GENDER = {
    "first lady": "f", "queen": "f", "princess": "f", "congresswoman": "f", "chairwoman": "f",
    "spokeswoman": "f", "businesswoman": "f", "king": "m", "prince": "m", "congressman": "m",
    "spokesman": "m", "businessman": "m",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: ``name`` as written, the ``mention`` span (start, end) that names them."""

    name: str
    mention: tuple[int, int]
    attribution: Attribution
    cue: str


@dataclass(frozen=True, slots=True)
class _Referent:
    """What a pronoun or a document noun stands for: a name and the span that gives it."""

    name: str
    span: tuple[int, int]


def inflections(lemma: str) -> tuple[str, ...]:
    """The forms of a reporting verb that a parse can show.

    >>> inflections("note")
    ('note', 'notes', 'noted', 'noting')
    >>> inflections("say")
    ('say', 'says', 'said', 'saying')
    """
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    if lemma.endswith("e"):
        return (lemma, third, lemma + "d", lemma[:-1] + "ing")
    return (lemma, third, lemma + "ed", lemma + "ing")


_CUE_FORMS = frozenset(form for lemma in REPORTING_VERBS for form in inflections(lemma))
_ISSUING_FORMS = frozenset(form for lemma in _ISSUING_VERBS for form in inflections(lemma))
_DOCUMENT_FORMS = frozenset(_DOCUMENT_NOUNS | {noun + "s" for noun in _DOCUMENT_NOUNS})


def is_cue_word(word: str) -> bool:
    """A form of a reporting verb, by spelling alone ("said", "adds")."""
    return word.lower() in _CUE_FORMS


def is_cue(token: Token) -> bool:
    """A reporting verb (by form and part-of-speech tag), or "according" of "according to"."""
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children)
    return token.lower_ in _CUE_FORMS and token.tag_.startswith("VB")


class _Article:
    """What attributing every quote of one article needs, computed once."""

    def __init__(
        self,
        parsed: ParsedArticle,
        quotes: Sequence[tuple[int, int]],
        people: Sequence[EntityMention],
    ) -> None:
        self.doc: Doc = parsed.doc
        self.text = parsed.article.text
        self.quotes = sorted(quotes)
        self.openings = [opening for opening, _ in self.quotes]
        self.token_starts = [token.idx for token in self.doc]
        self.people = sorted(people, key=lambda p: p.mention.start)
        self.genders = {_surname(p): g for p in self.people if (g := self._gender(p)) is not None}
        # A surname alone names the person given in full elsewhere (spaCy may miss "Roe").
        self.surnames = {_surname(p): p for p in sorted(self.people, key=lambda p: len(p.name))}
        self.labels = {t.i: e.label_ for e in self.doc.ents for t in e}
        self.said: list[tuple[int, Speaker]] = []  # (closing mark, speaker) of earlier quotes

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.openings, offset) - 1
        return i >= 0 and offset < self.quotes[i][1]

    def person_at(self, offset: int) -> EntityMention | None:
        return next((p for p in self.people if p.mention.start <= offset < p.mention.end), None)

    def token_at(self, offset: int) -> Token:
        i = bisect.bisect_right(self.token_starts, offset) - 1
        return self.doc[max(0, min(i, len(self.doc) - 1))]

    def _gender(self, person: EntityMention) -> str | None:
        before = self.text[max(0, person.mention.start - 6) : person.mention.start]
        honorific = _HONORIFIC.search(before) or _HONORIFIC.match(person.mention.text + " ")
        if honorific is not None:
            return _HONORIFIC_GENDER[honorific.group(1).lower()]
        for role in person.roles:
            if (gender := _ROLE_GENDER.get(role.lower().split()[-1])) is not None:
                return gender
        return None


def _surname(person: EntityMention) -> str:
    return person.name.split()[-1].lower() if person.name.split() else ""


def find_speakers(
    parsed: ParsedArticle, quotes: Sequence[tuple[int, int]], people: Sequence[EntityMention]
) -> list[Speaker | None]:
    """The speaker of each quote, given as (opening mark, just past closing mark) offsets."""
    if len(parsed.doc) == 0:
        return [None for _ in quotes]
    article = _Article(parsed, quotes, people)
    found = []
    for opening, closing in quotes:
        speaker = _find_speaker(article, opening, closing)
        if speaker is not None:
            article.said.append((closing, speaker))
        found.append(speaker)
    return found


def _quote_sentences(article: _Article, opening: int, closing: int) -> tuple[Span, Span]:
    first = article.token_at(opening)
    if first.i == first.sent.end - 1 and first.i + 1 < len(article.doc):
        first = article.doc[first.i + 1]  # an opening mark left at the end of the sentence before
    return first.sent, article.token_at(max(opening, closing - 1)).sent


def _find_speaker(article: _Article, opening: int, closing: int) -> Speaker | None:
    first, last = _quote_sentences(article, opening, closing)
    inside = [t for t in article.doc[first.start : last.end] if opening <= t.idx < closing]
    governed = {a.i for t in inside for a in t.ancestors}
    candidates = [
        t for t in article.doc[first.start : last.end] if not article.in_quote(t.idx) and is_cue(t)
    ]
    candidates.sort(key=lambda t: (t.i not in governed, _distance(t, opening, closing)))
    speaker = _first_speaker(article, candidates, Attribution.SAME_SENTENCE, closing)
    lead = article.text[first.start_char : opening].strip()
    if speaker is None and lead.endswith(":"):
        speaker = _colon_speaker(article, first.start_char, opening)
    mark_sentence = article.token_at(opening).sent  # ``first`` unless the mark was left behind
    if speaker is None and mark_sentence.start > 0 and not lead.strip(QUOTE_MARKS):
        previous = article.doc[mark_sentence.start - 1].sent
        speaker = _neighbour_speaker(article, previous, before=True)
    if speaker is None and last.end < len(article.doc):
        speaker = _neighbour_speaker(article, article.doc[last.end].sent, before=False)
    return speaker


def _colon_speaker(article: _Article, start: int, opening: int) -> Speaker | None:
    """ "Meghan McCain, on Twitter: “…”": the last person named before the colon."""
    named = [p for p in article.people if start <= p.mention.start and p.mention.end < opening]
    if not named:
        return None
    person = named[-1]
    return Speaker(
        person.name, (person.mention.start, person.mention.end), Attribution.SAME_SENTENCE, ":"
    )


def _distance(token: Token, opening: int, closing: int) -> int:
    if token.idx < opening:
        return opening - token.idx - len(token.text)
    return token.idx - closing


def _neighbour_speaker(article: _Article, sentence: Span, *, before: bool) -> Speaker | None:
    outside = [t for t in sentence if not article.in_quote(t.idx)]
    if not before and len(outside) > NEIGHBOUR_MAX_TOKENS:
        return None
    if not before and len(outside) < len(sentence):
        return None  # a following sentence with its own quote attributes that quote
    candidates = [t for t in outside if is_cue(t)]
    if before:
        candidates.reverse()
    return _first_speaker(article, candidates, Attribution.NEIGHBOUR)


def _first_speaker(
    article: _Article, candidates: Sequence[Token], attribution: Attribution, closing: int = -1
) -> Speaker | None:
    for cue in candidates:
        subject = _subject(article, cue)
        speaker = (
            None if subject is None else _speaker(article, subject, _cue_text(cue), attribution)
        )
        if speaker is not None:
            return speaker
        person = _adjacent_person(article, cue, closing) if closing >= 0 else None
        if person is not None:
            span = (person.mention.start, person.mention.end)
            return Speaker(person.name, span, attribution, _cue_text(cue))
    return None


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return f"{cue.text} to"
    particles = [c.text for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *particles])


def _subject(article: _Article, cue: Token) -> Token | None:
    """The token naming who speaks through ``cue``; never a word inside a quote."""
    if cue.lower_ == "according":
        return next((g for c in cue.children if c.lower_ == "to" for g in c.children), None)
    shared = _participle_chain_subject(cue)
    if shared is not None and not article.in_quote(shared.idx):
        return shared
    verb = cue
    for _ in range(MAX_CLAUSE_HOPS + 1):
        subject = _clause_subject(verb)
        if subject is not None and article.in_quote(subject.idx):
            return None
        if subject is not None and subject.tag_ == _RELATIVE_TAG and verb.dep_ == "relcl":
            return verb.head
        if subject is not None:
            return subject
        if verb.dep_ not in _CLAUSE_DEPS or verb.head is verb or article.in_quote(verb.head.idx):
            return None
        verb = verb.head
    return None


def _participle_chain_subject(cue: Token) -> Token | None:
    """The subject of an earlier participle that a subjectless participle cue continues.

    "…, with Trump expressing disappointment in July, stating, “…”": "stating" shares
    "Trump" with "expressing", not the main clause's subject.
    """
    if cue.tag_ != "VBG" or _clause_subject(cue) is not None:
        return None
    subjects = [
        t
        for t in cue.sent
        if t.i < cue.i and t.dep_ in _SUBJECT_DEPS and t.head.tag_ == "VBG" and t.head.i < cue.i
    ]
    return subjects[-1] if subjects else None


def _clause_subject(verb: Token) -> Token | None:
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children), None)
    if agent is not None:
        return agent
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and verb.lower_ in _PASSIVE_SPEAKER_CUES:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject


def _adjacent_person(article: _Article, cue: Token, closing: int) -> EntityMention | None:
    """A person named between the quote and its cue, or right after the cue, when the parse
    gave the cue no subject ("“…,” Trump, 70, told CNN" / "“…?” asked campaign manager Mook")."""
    window_start = article.doc[max(0, cue.i - ADJACENT_SPEAKER_MAX_TOKENS)].idx
    window = article.doc[cue.i : cue.i + ADJACENT_SPEAKER_MAX_TOKENS + 1]
    window_end = window.end_char
    if cue.idx < closing:
        return None
    for person in article.people:
        inside = max(closing, window_start) <= person.mention.start
        if inside and person.mention.end <= window_end and not _is_object(article, person):
            return person
    return None


def _is_object(article: _Article, person: EntityMention) -> bool:
    """True for "told CNN's Dana Bash": a person the cue addresses, not one who speaks."""
    span = article.doc.char_span(person.mention.start, person.mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in _OBJECT_DEPS


def _phrase_span(article: _Article, head: Token) -> tuple[int, int]:
    """Character span of the noun phrase around ``head`` without appositions, clauses, quotes."""
    tokens = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _PHRASE_DEPS and not article.in_quote(child.idx):
                tokens.append(child)
                stack.append(child)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _speaker(
    article: _Article, subject: Token, cue: str, attribution: Attribution
) -> Speaker | None:
    """The speaker a subject names; None for a place or an "it" that stands for no one."""
    subject = _named_apposition(subject)
    pronoun_gender = _PRONOUN_GENDER.get(subject.lower_)
    if pronoun_gender is not None:
        antecedent = _antecedent(article, subject.idx, pronoun_gender)
        if antecedent is not None:
            return Speaker(antecedent.name, antecedent.span, Attribution.PRONOUN, cue)
    if subject.lower_ == "it" or _is_document(subject):
        return _issuer_speaker(article, subject, cue, attribution)
    person = _person_named(article, subject, _ANY_GENDER)
    if person is not None:
        return Speaker(person.name, person.span, attribution, cue)
    if article.labels.get(subject.i) in _PLACE_LABELS:
        return None
    start, end = _phrase_span(article, subject)
    return Speaker(article.text[start:end], (start, end), attribution, cue)


def _named_apposition(subject: Token) -> Token:
    """ "the victim's sister, Mara Lind," / "the interior minister, Jane Roe,": the name."""
    if subject.pos_ != "NOUN":
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subject)


def _is_document(subject: Token) -> bool:
    return subject.pos_ == "NOUN" and subject.lower_ in _DOCUMENT_FORMS


def _issuer_speaker(
    article: _Article, subject: Token, cue: str, attribution: Attribution
) -> Speaker | None:
    """Who speaks through "it" or "the statement": its possessor ("the ministry's statement");
    for "it", the organisation subject before it, else no one; for a document, the subject that
    issued it ("The ministry issued a statement. “…,” the statement said."), else the document,
    which is a source of its own ("the report said")."""
    owner = next((c for c in subject.children if _is_owner(c)), None)
    if owner is not None:
        start, end = _phrase_span(article, owner)
        name = article.text[start:end].removesuffix("'s").removesuffix("\u2019s")
        return Speaker(name, (start, start + len(name)), attribution, cue)
    if subject.lower_ == "it":
        found = _subject_before(article, subject.idx, lambda t: _issuer(article, t))
    else:
        found = _subject_before(
            article, subject.idx, lambda t: _document_issuer(article, t, subject)
        )
    if found is not None:
        return Speaker(found.name, found.span, Attribution.PRONOUN, cue)
    if subject.lower_ == "it":
        return None
    start, end = _phrase_span(article, subject)
    return Speaker(article.text[start:end], (start, end), attribution, cue)


def _document_issuer(article: _Article, token: Token, document: Token) -> _Referent | None:
    """``token`` when it is the subject of a verb whose object is ``document``'s noun."""
    if not any(c.dep_ == "dobj" and c.lower_ == document.lower_ for c in token.head.children):
        return None
    person = _person_named(article, token, _ANY_GENDER)
    if person is not None:
        return person
    start, end = _phrase_span(article, token)
    return _Referent(article.text[start:end], (start, end))


def _is_owner(token: Token) -> bool:
    """ "the ministry's statement", "the IMF report": who issued the document."""
    if token.pos_ == "PRON":
        return False
    return token.dep_ == "poss" or (token.dep_ == "compound" and token.pos_ == "PROPN")


def _issuer(article: _Article, token: Token) -> _Referent | None:
    """An organisation subject, or the subject of a reporting verb that is no person or place."""
    if _person_named(article, token, _ANY_GENDER) is not None:
        return None
    label = article.labels.get(token.i)
    if label in _PLACE_LABELS or token.pos_ not in ("NOUN", "PROPN") or _is_document(token):
        return None
    organisation = label in _ORG_LABELS or token.lower_ in _ORGANISATION_NOUNS
    if organisation or is_cue(token.head) or token.head.lower_ in _ISSUING_FORMS:
        start, end = _phrase_span(article, token)
        return _Referent(article.text[start:end], (start, end))
    return None


def _person_named(article: _Article, token: Token, gender: str) -> _Referent | None:
    """The person ``token`` names (a person mention, or the surname of one), gender permitting."""
    token = _named_apposition(token)
    person = article.person_at(token.idx)
    if person is not None:
        span = (person.mention.start, person.mention.end)
    elif token.text[:1].isupper() and token.lower_ in article.surnames:
        person = article.surnames[token.lower_]
        span = _phrase_span(article, token)
    else:
        return None
    known = article.genders.get(_surname(person))
    if gender and known is not None and known != gender:
        return None
    return _Referent(person.name, span)


def _subject_before(
    article: _Article, offset: int, accept: Callable[[Token], _Referent | None]
) -> _Referent | None:
    """The accepted subject of the latest sentence that has one, from the sentence holding
    ``offset`` (before it) back ``ANTECEDENT_SENTENCES`` sentences; main clauses first."""
    found = _subject_with_offset(article, offset, accept)
    return None if found is None else found[1]


def _subject_with_offset(
    article: _Article, offset: int, accept: Callable[[Token], _Referent | None]
) -> tuple[int, _Referent] | None:
    sentence = article.token_at(offset).sent
    for _ in range(ANTECEDENT_SENTENCES + 1):
        subjects = [
            t for t in sentence
            if t.idx < offset and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
            and not article.in_quote(t.idx)
        ]  # fmt: skip
        for subject in sorted(subjects, key=lambda t: (_depth(t), t.i)):
            referent = accept(subject)
            if referent is not None:
                return subject.idx, referent
        if sentence.start == 0:
            return None
        sentence = article.doc[sentence.start - 1].sent
    return None


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _antecedent(article: _Article, offset: int, gender: str) -> _Referent | None:
    """The person a "he"/"she" at ``offset`` refers to; None when no person fits.

    The subject that introduced the speaker: the latest sentence (within
    ``ANTECEDENT_SENTENCES``) whose subject is a person of a fitting gender, or the speaker of
    the previous quote when that quote comes later. Failing both, the nearest fitting person
    mention outside quotes.
    """
    subject = _subject_with_offset(article, offset, lambda t: _person_named(article, t, gender))
    previous = _previous_speaker(article, offset, gender)
    if previous is not None and (subject is None or subject[0] < previous[0]):
        return previous[1]
    if subject is not None:
        return subject[1]
    return _nearest_person(article, offset, gender)


def _previous_speaker(article: _Article, offset: int, gender: str) -> tuple[int, _Referent] | None:
    """The person who spoke the last quote before ``offset``, within the antecedent window."""
    sentence = article.token_at(offset).sent
    for _ in range(ANTECEDENT_SENTENCES):
        if sentence.start > 0:
            sentence = article.doc[sentence.start - 1].sent
    earlier = [(c, s) for c, s in article.said if sentence.start_char <= c <= offset]
    if not earlier:
        return None
    closing, speaker = earlier[-1]
    person = _person_named(article, article.token_at(speaker.mention[0]), gender)
    return None if person is None else (closing, _Referent(speaker.name, speaker.mention))


def _nearest_person(article: _Article, offset: int, gender: str) -> _Referent | None:
    candidates = [
        person
        for person in article.people
        if person.mention.end <= offset
        and not article.in_quote(person.mention.start)
        and article.genders.get(_surname(person), gender) == gender
    ]
    if not candidates:
        return None
    person = candidates[-1]
    return _Referent(person.name, (person.mention.start, person.mention.end))
