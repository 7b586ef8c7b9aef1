"""Cross-document alignment. Importing it makes spaCy's later import skip spaCy's command line."""

from newsweave.analysis.spacy_import import defer_spacy_cli

defer_spacy_cli()
