"""Each article's language: newsweave's analysis is English-only for now.

A text whose words are mostly English function words is English without consulting a model
(``ENGLISH_STOPWORD_SHARE``): news English runs at 40-50%, other languages far lower, so the
common case costs a word count. Anything else goes to py3langid (langid.py's model, BSD, on
PyPI; offline), loaded once, on first need (~0.6 s), and read on the first
``LANGUAGE_SAMPLE_CHARS`` characters.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

ENGLISH = "en"
UNDETERMINED = "und"
# Share of a text's words that are English stop words from which it is taken for English.
# On the seed and example articles the share is 0.34-0.49; on German, French and Spanish
# news paragraphs written for the tests 0.02-0.12 (shared forms such as "die", "an", "a").
ENGLISH_STOPWORD_SHARE = 0.3
# Characters read by the model: a few paragraphs decide a language; more only costs time.
LANGUAGE_SAMPLE_CHARS = 2_000
# Probability (py3langid, normalised) under which the model's answer is "undetermined":
# short or number-only texts get 0.01-0.1 for some rare language.
MIN_LANGUAGE_PROBABILITY = 0.5
# Fewest words for any decision: a heading or a caption says too little.
MIN_LANGUAGE_WORDS = 5
WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or ``UNDETERMINED``.

    >>> detect_language("The ministers said on Friday that the talks would go on.")
    'en'
    """
    words = WORD.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    if len(words) < MIN_LANGUAGE_WORDS:
        return UNDETERMINED
    if sum(w in STOP_WORDS for w in words) / len(words) >= ENGLISH_STOPWORD_SHARE:
        return ENGLISH
    language, probability = _identifier().classify(text[:LANGUAGE_SAMPLE_CHARS])
    return str(language) if probability >= MIN_LANGUAGE_PROBABILITY else UNDETERMINED


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
