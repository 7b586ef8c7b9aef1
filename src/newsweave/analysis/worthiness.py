"""Which clause units are claims: assertions with a factual core.

Questions, rhetoric and scene-setting ("the world holds its breath"), opinion markers without
a factual core ("it is unclear whether ..."), bare reporting frames ("Ushakov said"), commands
and fragments are not claims: they stay in the document but never become facts. Precision
first: each rule names a form that carries no checkable assertion, so a claim is dropped
only when it matches one.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsweave.analysis.clauses import SUBJECT_DEPS, ClauseUnit
from newsweave.model import ClaimForm

# Words a claim needs to state anything: shorter units are fragments ("he added", "Reuters.").
MIN_CLAIM_WORDS = 3
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Closing marks that may follow a sentence's final punctuation.
TRAILING_MARKS = "\"'”’»)]} \n\t"
# Set phrases of commentary and suspense: they assert nothing checkable.
RHETORIC = re.compile(
    r"\b(?:remains? to be seen|time will tell|hold(?:s|ing)? (?:its|their|our) breath|"
    r"all eyes (?:are|will be|were) on|stay tuned|make no mistake|one thing is (?:clear|certain)|"
    r"the question (?:is|remains)|raises? (?:the )?questions?|only time|"
    r"what (?:comes|happens) next|"
    r"it is (?:worth|important to) (?:noting|note|remember)|needless to say)\b",
    re.IGNORECASE,
)
# Forms that assert something of a subject: without one ("had already started to fall",
# "Addressing lawmakers on Friday") the unit is a fragment the parse cut from its subject.
SUBJECT_FORMS = frozenset((ClaimForm.CLAUSE, ClaimForm.REPORTED))
# Subjects of narration in the first or second person: outside a quotation or an attribution
# they mark commentary ("we should ask", "you might think"), not reporting.
PERSONAL_SUBJECTS = frozenset(("i", "we", "you"))
# Subjects that carry no referent of their own: with a copula and no name, number or date in
# the claim they introduce an opinion marker ("it is unclear", "this is a moment").
EMPTY_SUBJECTS = frozenset(("it", "this", "that", "these", "those"))


def is_statement_sentence(text: str) -> bool:
    """Whether a sentence can hold claims: questions and exclamations cannot."""
    end = text.rstrip(TRAILING_MARKS)
    return not end.endswith(("?", "!"))


def is_claim(unit: ClauseUnit, sentence: Span) -> bool:
    """Whether ``unit`` asserts something checkable (see the module's rules)."""
    if unit.is_frame or len(WORD.findall(unit.text)) < MIN_CLAIM_WORDS:
        return False
    if RHETORIC.search(unit.text):
        return False
    head = sentence.doc[unit.head]
    if unit.form is ClaimForm.APPOSITION:
        return head.head.pos_ == "PROPN" and not _is_credit_line(head, sentence)
    if _is_command(head, sentence):
        return False
    if unit.form in SUBJECT_FORMS and not unit.subject:
        return False
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if (
        subject is not None
        and subject.lower_ in PERSONAL_SUBJECTS
        and unit.attribution is None
        and not _quoted(subject, sentence)
    ):
        return False
    if subject is not None and subject.lower_ in EMPTY_SUBJECTS:
        return _has_factual_core(_unit_tokens(unit, sentence))
    return True


def _is_credit_line(apposition: Token, sentence: Span) -> bool:
    """A dateline's credit, "HALVIK (Continental Press Agency) - ...": an apposition in
    parentheses after the sentence's first word, followed by a dash. It names who wrote the
    article, and asserts nothing about the story."""
    doc = sentence.doc
    opening, closing = apposition.left_edge.i - 1, apposition.right_edge.i + 1
    return (
        apposition.head.i == sentence.start
        and opening >= 0
        and doc[opening].text == "("
        and closing + 1 < len(doc)
        and doc[closing].text == ")"
        and doc[closing + 1].text in ("-", "–", "—")
    )


def _is_command(head: Token, sentence: Span) -> bool:
    """An imperative: a bare verb that opens the sentence with no subject ("Sign up now")."""
    return (
        head.i == sentence.root.i
        and head.tag_ == "VB"
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "aux" for c in head.children)
        and head.left_edge.i == sentence.start
    )


def _quoted(token: Token, sentence: Span) -> bool:
    """Whether ``token`` lies inside quotation marks opened earlier in its sentence."""
    before = sentence.doc[sentence.start : token.i].text  # doc.text rebuilds the whole text
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly


def _unit_tokens(unit: ClauseUnit, sentence: Span) -> list[Token]:
    """The tokens of ``unit``'s pieces (found by offset, not by scanning the sentence)."""
    tokens: list[Token] = []
    for start, end in unit.pieces:
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(t for t in span if start <= t.idx < end)
    return tokens


def _has_factual_core(tokens: list[Token]) -> bool:
    """A name, a number or a date: something a reader could check."""
    return any(t.ent_type_ or t.like_num or t.pos_ == "PROPN" for t in tokens)
