"""Corpus mode: the stories of a large collection of articles, and who copied whom.

``features`` turns each article into what clustering and copy detection need (a sentence
embedding of its lead, weighted words and names, MinHash band keys of its passages);
``store`` keeps them in SQLite (the index, mergeable across partitions); ``copies`` verifies
shared passages exactly; ``online`` groups articles into stories in one pass by date; ``api``
ties them together for the CLI.
"""
