"""One assertion per unit: a sentence's dependency parse split into claim clauses.

A news sentence asserts two to four things ("The two-hour call, initiated at Moscow's request,
marked the first contact since the summit"). Each *unit head* below starts its own claim:

- the sentence's root predicate;
- a coordinated predicate (``conj`` of a predicate): "launched drones and hit the grid";
- a relative clause (``relcl``), a participial modifier (``acl``) and an apposition (``appos``);
- an adverbial clause (``advcl``) and a "after/following/before ..." clause (``pcomp``);
- reported content: the ``ccomp`` of a reporting or cognition verb ("said (that) ...").

Every token belongs to its nearest unit-head ancestor (one pass, linear in the sentence), so
a claim's words exclude the claims nested in it, and a date or figure belongs to the one
predicate it modifies: in "investigators said Monday that the plane crashed", "Monday" is in
the reporting frame, not in the crash claim. A reporting verb whose content is its own unit
is a *frame*: it gives that content its attribution and is not a claim itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from newsweave.analysis.nlp import lemmatize
from newsweave.model import ClaimForm, Modality

# Verbs that report speech or writing: their clausal complement is the claim, they attribute it.
REPORTING_LEMMAS = frozenset(
    ("say", "tell", "state", "announce", "report", "claim", "add", "write", "confirm", "note",
     "explain", "insist", "warn", "argue", "declare", "stress", "assert", "acknowledge",
     "admit", "allege", "disclose", "reveal", "indicate", "suggest", "post", "tweet", "reply",
     "respond", "testify", "emphasize", "emphasise", "deny", "maintain", "predict", "caution",
     "show", "find", "conclude")
)  # fmt: skip
# Reporting verbs that also have a plain sense with a direct object ("employers added jobs",
# "the firm reported a loss", "data showed a rise"): reporting only without one.
AMBIGUOUS_REPORTING = frozenset(
    ("add", "post", "report", "note", "show", "find", "claim", "reveal", "indicate", "predict",
     "maintain", "estimate", "state")
)  # fmt: skip
# Verbs of belief: their complement is a claim, hedged and attributed to the believer.
COGNITION_LEMMAS = frozenset(
    ("believe", "think", "suspect", "assume", "estimate", "fear", "expect", "hope", "say")
)  # fmt: skip
# Verbs that carry the modality of the predicate in their ``xcomp``: "is expected to meet".
MODAL_VERB_MODALITY: dict[str, Modality] = {
    "expect": Modality.EXPECTED, "plan": Modality.EXPECTED, "schedule": Modality.EXPECTED,
    "set": Modality.EXPECTED, "intend": Modality.EXPECTED, "prepare": Modality.EXPECTED,
    "due": Modality.EXPECTED, "aim": Modality.INTENDED, "hope": Modality.INTENDED,
    "want": Modality.INTENDED, "seek": Modality.INTENDED, "try": Modality.INTENDED,
    "offer": Modality.INTENDED, "threaten": Modality.INTENDED, "seem": Modality.HEDGED,
    "appear": Modality.HEDGED, "believe": Modality.HEDGED, "think": Modality.HEDGED,
    "likely": Modality.POSSIBLE, "unlikely": Modality.POSSIBLE, "able": Modality.POSSIBLE,
}  # fmt: skip
AUX_MODALITY: dict[str, Modality] = {
    "will": Modality.EXPECTED, "'ll": Modality.EXPECTED, "shall": Modality.EXPECTED,
    "could": Modality.POSSIBLE, "may": Modality.POSSIBLE, "might": Modality.POSSIBLE,
    "would": Modality.POSSIBLE, "can": Modality.POSSIBLE, "must": Modality.REQUIRED,
    "should": Modality.REQUIRED, "ought": Modality.REQUIRED,
}  # fmt: skip
ADVERB_MODALITY: dict[str, Modality] = {
    "reportedly": Modality.HEDGED, "allegedly": Modality.HEDGED,
    "apparently": Modality.HEDGED, "purportedly": Modality.HEDGED,
    "possibly": Modality.POSSIBLE, "perhaps": Modality.POSSIBLE, "maybe": Modality.POSSIBLE,
    "probably": Modality.POSSIBLE, "likely": Modality.POSSIBLE,
}  # fmt: skip
NEGATORS = frozenset(("not", "n't", "never", "no", "neither", "nor", "none", "nobody", "nothing"))
# Prepositions that introduce an event clause of their own: "after meeting Putin".
EVENT_PREPOSITIONS = frozenset(("after", "following", "before", "since", "during", "amid"))
# Words an event noun phrase needs after "following"/"after" to be a claim of its own: "after
# talks" says too little, "following twin bomb attacks" names the event.
MIN_EVENT_WORDS = 3
# Dependency labels that open a unit of their own when their token is a predicate.
VERBAL_SPLITS = frozenset(("conj", "relcl", "advcl", "acl", "pcomp", "parataxis"))
VERB_TAGS = frozenset(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass", "csubj", "csubjpass", "expl"))
RELATIVE_PRONOUNS = frozenset(("which", "who", "whom", "that", "whose"))
# Left modifiers that stay with a noun when it is named as the antecedent of a relative clause.
CORE_DEPS = frozenset(("det", "amod", "compound", "poss", "nummod", "case", "quantmod", "nmod"))
# Children that give a reporting verb content of its own ("said the talks failed", "told
# reporters"); without any, "officials said" only frames another claim.
COMPLEMENT_DEPS = frozenset(("dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd"))
# Edge tokens trimmed from a claim's words: conjunctions and punctuation left by the split.
EDGE_DEPS = frozenset(("cc", "punct", "mark", "preconj"))


@dataclass(frozen=True, slots=True)
class ClauseUnit:
    """One claim's tokens in a sentence, before it becomes a ``Claim``.

    ``pieces`` are the character ranges (absolute, into the article text) of the claim's own
    tokens; ``text`` is what the claim says in the article's words, with the subject a
    coordinated predicate shares or the noun a relative clause modifies put in front.
    """

    head: int  # token index of the unit head
    predicate: int  # token index of the predicate (the head, or the xcomp of a modal verb)
    form: ClaimForm
    text: str
    pieces: tuple[tuple[int, int], ...]
    subject: str
    negated: bool
    modality: Modality
    attribution: tuple[int, int] | None  # token range [start, end) of who is said to say it
    is_frame: bool  # a reporting verb whose content is its own unit


def split_clauses(sentence: Span) -> list[ClauseUnit]:
    """The claim units of one sentence, in reading order of their heads."""
    heads = _unit_heads(sentence)
    owner = _owners(sentence, heads)
    members: dict[int, list[Token]] = {h: [] for h in heads}
    attribution = _according_tokens(sentence)
    for token in sentence:
        if token.i not in attribution or token.i in heads:
            members[_owner_of(token, owner, heads)].append(token)
    units = [_unit(sentence.doc[h], heads, members[h]) for h in sorted(heads)]
    return _attribute(units, sentence)


def _owner_of(token: Token, owner: dict[int, int], heads: dict[int, ClaimForm]) -> int:
    """The unit a token belongs to; the preposition before an event noun phrase goes with it
    ("following twin bomb attacks"), so the clause it modifies does not end on "following"."""
    event = next((c for c in token.children if c.dep_ == "pobj" and c.i in heads), None)
    if token.dep_ == "prep" and event is not None and heads[event.i] is ClaimForm.MODIFIER:
        return event.i
    return owner[token.i]


def _is_predicate(token: Token) -> bool:
    return token.tag_ in VERB_TAGS or token.pos_ in ("VERB", "AUX")


def _unit_heads(sentence: Span) -> dict[int, ClaimForm]:
    heads: dict[int, ClaimForm] = {sentence.root.i: ClaimForm.CLAUSE}
    for token in sentence:
        form = _split_form(token)
        if form is not None and token.i != sentence.root.i:
            heads[token.i] = form
    return heads


def _split_form(token: Token) -> ClaimForm | None:
    dep = token.dep_
    if _is_event_object(token):
        return ClaimForm.MODIFIER
    if dep == "appos" and token.pos_ in ("NOUN", "PROPN") and _span_len(token) >= 2:
        # Only a comma-set apposition ("Ushakov, a Kremlin aide,"): the parser also reads
        # runs of titles and names ("President Donald Trump and ...") as appositions.
        before = token.left_edge.i - 1
        is_set_off = before >= 0 and token.doc[before].text in (",", "(", "–", "—")
        return ClaimForm.APPOSITION if is_set_off else None
    if dep == "ccomp" and _is_reporting(token.head):
        return ClaimForm.REPORTED
    if dep in ("ccomp", "parataxis") and _is_predicate(token) and _after_colon(token):
        return ClaimForm.CLAUSE
    if dep not in VERBAL_SPLITS or not _is_predicate(token) or _is_infinitive(token):
        return None
    if dep == "conj":
        return ClaimForm.CLAUSE if _is_predicate(token.head) else None
    if dep == "pcomp":
        return ClaimForm.MODIFIER if token.head.lower_ in EVENT_PREPOSITIONS else None
    if dep == "acl":
        return ClaimForm.MODIFIER if token.tag_ in ("VBN", "VBG") else None
    return {"relcl": ClaimForm.RELATIVE, "advcl": ClaimForm.CLAUSE}.get(dep, ClaimForm.CLAUSE)


def _is_reporting(token: Token) -> bool:
    """A verb that reports what someone says or believes ("said", "told", "believe")."""
    lemma = _lemma(token)
    if lemma not in REPORTING_LEMMAS | COGNITION_LEMMAS:
        return False
    return lemma not in AMBIGUOUS_REPORTING or not any(c.dep_ == "dobj" for c in token.children)


def _is_event_object(token: Token) -> bool:
    """ "following twin bomb attacks", "after the August summit": an event named by a noun
    phrase, asserted to have happened (MIN_EVENT_WORDS words or more)."""
    return (
        token.dep_ == "pobj"
        and token.pos_ == "NOUN"
        and token.head.lower_ in EVENT_PREPOSITIONS
        and _span_len(token) >= MIN_EVENT_WORDS
    )


def _is_infinitive(token: Token) -> bool:
    """ "to inspect the line", "in which to do it": a purpose or plan, not an assertion of
    its own; it stays in the claim it completes."""
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _after_colon(token: Token) -> bool:
    """A clause set off by a colon or semicolon ("X has stalled: employers added ...")."""
    before, after = token.left_edge.i - 1, token.right_edge.i + 1
    marks = (":", ";")
    return (before >= 0 and token.doc[before].text in marks) or (
        after < len(token.doc) and token.doc[after].text in marks
    )


def _span_len(token: Token) -> int:
    return token.right_edge.i - token.left_edge.i + 1


def _owners(sentence: Span, heads: dict[int, ClaimForm]) -> dict[int, int]:
    """Each token's nearest unit-head ancestor (itself when it is one): memoised, linear."""
    owner: dict[int, int] = {}
    root = sentence.root.i
    for token in sentence:
        path: list[int] = []
        current = token
        while current.i not in owner and current.i not in heads and current.i != root:
            path.append(current.i)
            if current.head.i == current.i or not sentence.start <= current.head.i < sentence.end:
                break
            current = current.head
        found = owner.get(current.i, current.i if current.i in heads else root)
        for i in path:
            owner[i] = found
        owner.setdefault(current.i, found)
    return owner


def _lemma(token: Token) -> str:
    lemma = token.lemma_
    if lemma and lemma != token.text:
        return lemma.lower()
    return lemmatize(token)  # the pipeline runs without its lemmatizer (analysis.nlp)


def _unit(head: Token, heads: dict[int, ClaimForm], tokens: list[Token]) -> ClauseUnit:
    form = heads[head.i]
    predicate = _modal_predicate(head)
    kept = _trim(tokens)
    pieces = _pieces(kept)
    subject = _subject_text(head, kept)
    prefix = _prefix(head, form, kept, subject)
    own = _join(kept, skip_relative=form is ClaimForm.RELATIVE)
    text = f"{prefix} {own}".strip() if prefix else own
    is_frame = _is_reporting(head) and (
        head.dep_ == "parataxis"
        or any(c.dep_ == "mark" and c.lower_ == "as" for c in head.children)
        or not any(c.dep_ in COMPLEMENT_DEPS for c in head.children)
        or any(heads.get(child.i) is ClaimForm.REPORTED for child in head.children)
    )
    return ClauseUnit(
        head=head.i,
        predicate=predicate.i,
        form=form,
        text=text,
        pieces=pieces,
        subject=subject,
        negated=_negated(head, predicate, kept),
        modality=_modality(head, predicate, kept),
        attribution=None,
        is_frame=is_frame,
    )


def _modal_predicate(head: Token) -> Token:
    """The predicate a modal verb governs: "is expected to take place" -> "take"."""
    current = head
    for _ in range(3):  # "is expected to try to meet": a short chain at most
        lemma = _lemma(current)
        xcomp = next((c for c in current.children if c.dep_ == "xcomp"), None)
        if xcomp is None and lemma == "be":
            acomp = next((c for c in current.children if c.dep_ == "acomp"), None)
            if acomp is not None and acomp.lower_ in MODAL_VERB_MODALITY:
                xcomp = next((c for c in acomp.children if c.dep_ == "xcomp"), None)
        if xcomp is None or (lemma not in MODAL_VERB_MODALITY and lemma != "be"):
            return current
        current = xcomp
    return current


def _trim(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and (tokens[start].dep_ in EDGE_DEPS or tokens[start].is_punct):
        start += 1
    while end > start and (tokens[end - 1].dep_ in ("cc", "punct") or tokens[end - 1].is_punct):
        end -= 1
    return tokens[start:end]


def _pieces(tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    pieces: list[tuple[int, int]] = []
    previous = -2
    for token in tokens:
        start, end = token.idx, token.idx + len(token.text)
        if token.i == previous + 1 and pieces:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
        previous = token.i
    return tuple(pieces)


def _join(tokens: Sequence[Token], skip_relative: bool = False) -> str:
    """The tokens' text; punctuation left beside a removed clause ("X, , said") is dropped."""
    indices = {t.i for t in tokens}
    out: list[str] = []
    previous = -2
    for token in tokens:
        at_gap = token.i - 1 not in indices or token.i + 1 not in indices
        if skip_relative and token.lower_ in RELATIVE_PRONOUNS and token.dep_ in SUBJECT_DEPS:
            continue
        if token.is_punct and at_gap and token.text in ",;:–—-":
            continue
        if out and token.i != previous + 1 and not out[-1].endswith(" "):
            out.append(" ")
        out.append(token.text_with_ws)
        previous = token.i
    return "".join(out).strip()


def _subject_text(head: Token, kept: Sequence[Token]) -> str:
    """The subject of the unit: its own, or the one a coordinated predicate shares."""
    current = head
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
            return _core(current.head) if current.dep_ == "relcl" else ""
        if subject is not None:
            return _core(subject)
        if current.dep_ not in ("conj", "xcomp", "advcl") or current.head.i == current.i:
            break
        current = current.head
    return ""


def _core(noun: Token) -> str:
    """A noun with its determiners and compounds, without clauses: "the 90-minute call"."""
    left = [t for t in noun.lefts if t.dep_ in CORE_DEPS]
    tokens = sorted({t for c in left for t in c.subtree} | {noun}, key=lambda t: t.i)
    return _join(tokens)


def _prefix(head: Token, form: ClaimForm, kept: Sequence[Token], subject: str) -> str:
    """Words put before a claim's own so that it reads alone."""
    own_subject = any(t.dep_ in SUBJECT_DEPS and t.head.i == head.i for t in kept)
    is_complement = any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
    if form in (ClaimForm.RELATIVE, ClaimForm.MODIFIER) and head.dep_ in ("relcl", "acl"):
        # "the announcement that X agreed": the clause is the noun's content, not about it
        return "" if is_complement and own_subject else _core(head.head)
    if form is ClaimForm.APPOSITION:
        return _core(head.head) + ","
    if form is ClaimForm.CLAUSE and head.dep_ in ("conj", "advcl") and not own_subject:
        return subject
    return ""


def _negated(head: Token, predicate: Token, kept: Sequence[Token]) -> bool:
    anchors = {head.i, predicate.i}
    for token in kept:
        if token.dep_ == "neg" and token.head.i in anchors:
            return True
        if token.lower_ in NEGATORS and token.head.i in anchors and token.dep_ == "advmod":
            return True
        if token.lower_ in ("no", "none", "nobody", "nothing") and _governs_subject(token, head):
            return True
    return False


def _governs_subject(token: Token, head: Token) -> bool:
    """ "No date has been set": a negative determiner on the subject negates the predicate."""
    target = token if token.dep_ in SUBJECT_DEPS else token.head
    return target.dep_ in SUBJECT_DEPS and target.head.i == head.i


def _modality(head: Token, predicate: Token, kept: Sequence[Token]) -> Modality:
    for token in kept:
        anchors = (head.i, predicate.i)
        if token.dep_ == "aux" and token.head.i in anchors and token.lower_ in AUX_MODALITY:
            return AUX_MODALITY[token.lower_]
        if token.dep_ == "advmod" and token.head.i in anchors and token.lower_ in ADVERB_MODALITY:
            return ADVERB_MODALITY[token.lower_]
    current = head
    while current.i != predicate.i:
        lemma = _lemma(current)
        if lemma in MODAL_VERB_MODALITY:
            return MODAL_VERB_MODALITY[lemma]
        acomp = next((c for c in current.children if c.dep_ == "acomp"), None)
        if acomp is not None and acomp.lower_ in MODAL_VERB_MODALITY:
            return MODAL_VERB_MODALITY[acomp.lower_]
        nxt = next((c for c in current.children if c.dep_ == "xcomp"), None)
        if nxt is None and acomp is not None:
            nxt = next((c for c in acomp.children if c.dep_ == "xcomp"), None)
        if nxt is None:
            break
        current = nxt
    return Modality.ASSERTED


def _attribute(units: list[ClauseUnit], sentence: Span) -> list[ClauseUnit]:
    """Give reported content the speaker of its frame ("X said ..."), or "according to Y"."""
    by_head = {u.head: u for u in units}
    according = _according_to(sentence)
    out = []
    for unit in units:
        speaker = _frame_speaker(sentence.doc[unit.head], by_head) or according
        out.append(replace(unit, attribution=speaker) if speaker else unit)
    return out


def _frame_speaker(token: Token, by_head: dict[int, ClauseUnit]) -> tuple[int, int] | None:
    """The subject of the nearest reporting frame above ``token``, or beside it (parataxis)."""
    frames = [c for c in token.children if c.dep_ == "parataxis" and c.i in by_head]
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            break
        if current.dep_ in ("ccomp", "conj") and current.head.i in by_head:
            frames.append(current.head)
        current = current.head
    for frame in frames:
        unit = by_head.get(frame.i)
        if unit is not None and unit.is_frame:
            subject = next((c for c in frame.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                return _core_range(subject)
    return None


def _core_range(noun: Token) -> tuple[int, int]:
    """The contiguous tokens naming a speaker: "Kremlin aide Yuri Ushakov", not its apposition."""
    start = noun.i
    while start - 1 >= noun.left_edge.i and noun.doc[start - 1].dep_ in CORE_DEPS:
        start -= 1
    return (start, noun.i + 1)


def _according(sentence: Span) -> list[Token]:
    """Each "according" of "according to X" in the sentence."""
    doc = sentence.doc
    return [
        t
        for t in sentence
        if t.lower_ == "according" and t.i + 1 < sentence.end and doc[t.i + 1].lower_ == "to"
    ]


def _according_to(sentence: Span) -> tuple[int, int] | None:
    """The token range of X in the first "according to X"."""
    for token in _according(sentence):
        to = sentence.doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return (pobj.left_edge.i, pobj.right_edge.i + 1)
    return None


def _according_tokens(sentence: Span) -> set[int]:
    """The tokens of "according to X" (and the comma before it): attribution, not content."""
    found: set[int] = set()
    for token in _according(sentence):
        found.update(t.i for t in token.subtree)
        if token.i - 1 >= sentence.start and sentence.doc[token.i - 1].is_punct:
            found.add(token.i - 1)
    return found
