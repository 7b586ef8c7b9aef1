"""Who said a quote: reporting verbs, their subjects, neighbouring sentences and pronouns.

Works on spaCy's dependency parse of the whole article. For each quote, the reporting verbs
(``REPORTING_VERBS``) outside any quote in the sentences the quote touches are ranked: verbs that
govern the quoted words first, then by distance. The first one with a subject gives the speaker
(the ``by`` agent of a passive, the head noun of a relative clause, or the subject of the clause a
participle such as "adding" hangs from). With none, a short attribution sentence just before the
quote ("Ushakov said:") or just after it is used. "he"/"she" resolve to the nearest preceding
person mention, outside quotes, whose gender (from Mr./Mrs./Ms. and gendered roles) does not
contradict the pronoun.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
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
# A "he"/"she" prefers an antecedent that is a grammatical subject in its own sentence or the
# this many sentences before it ("Ushakov said the call with Trump was useful. “…,” he added.").
ANTECEDENT_SUBJECT_SENTENCES = 2
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

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.openings, offset) - 1
        return i >= 0 and offset < self.quotes[i][1]

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
    return [_find_speaker(article, opening, closing) for opening, closing in quotes]


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
        if subject is not None:
            return _speaker(article, subject, _cue_text(cue), attribution)
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


def _speaker(article: _Article, subject: Token, cue: str, attribution: Attribution) -> Speaker:
    pronoun_gender = _PRONOUN_GENDER.get(subject.lower_)
    if pronoun_gender is not None:
        antecedent = _antecedent(article, subject.idx, pronoun_gender)
        if antecedent is not None:
            span = (antecedent.mention.start, antecedent.mention.end)
            return Speaker(antecedent.name, span, Attribution.PRONOUN, cue)
    for person in article.people:
        if person.mention.start <= subject.idx < person.mention.end:
            span = (person.mention.start, person.mention.end)
            return Speaker(person.name, span, attribution, cue)
    start, end = _phrase_span(article, subject)
    return Speaker(article.text[start:end], (start, end), attribution, cue)


def _antecedent(article: _Article, offset: int, gender: str) -> EntityMention | None:
    """The person a "he"/"she" at ``offset`` refers to; None when no person fits.

    Candidates are person mentions before ``offset``, outside quotes, not of the other gender.
    A candidate that is a grammatical subject within ``ANTECEDENT_SUBJECT_SENTENCES`` is preferred
    (subjects are the salient referents), else the nearest candidate wins.
    """
    candidates = [
        person
        for person in article.people
        if person.mention.end <= offset
        and not article.in_quote(person.mention.start)
        and article.genders.get(_surname(person), gender) == gender
    ]
    if not candidates:
        return None
    sentence = article.token_at(offset).sent
    for _ in range(ANTECEDENT_SUBJECT_SENTENCES):
        if sentence.start == 0:
            break
        sentence = article.doc[sentence.start - 1].sent
    window_start = sentence.start_char
    for person in reversed(candidates):
        if person.mention.start >= window_start and _is_subject(article, person):
            return person
    return candidates[-1]


def _is_subject(article: _Article, person: EntityMention) -> bool:
    span = article.doc.char_span(person.mention.start, person.mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
