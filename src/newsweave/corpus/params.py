"""The knobs of story clustering and copy detection, with how each default was chosen.

Story thresholds were tuned with eval/story_clusters.py on its dev split (ECB+ topics 1-35 at
the sub-topic level, the first half of the NeuS/AllSides stories, and, for story threads, half
of the DUC 2004 clusters and of the giveme5w1h categories), never on the test split whose
figures docs/evaluation.md reports. Copy thresholds were set on the reprint fixtures of
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
# Story events and threads (issue 12) were tuned together on the dev split of
# eval/story_clusters.py, each gold set at the level it labels: events on ECB+ sub-topics 1-35
# and the first half of NeuS/AllSides; threads on half of the DUC 2004 clusters and half of the
# giveme5w1h categories (every other label by name). Figures below are dev B-cubed F1.
#
# Score from which an article joins a story rather than opening a new one. Events are one day
# of coverage now that threads follow a story for weeks, so the bar can be low: with
# DAY_PENALTY 0.4, NeuS 0.956 at 0.14, 0.962 at 0.16, 0.960 at 0.18 (DUC threads 0.964,
# 0.959, 0.957; giveme threads 1.000 throughout). Before threads it was 0.3 with a 0.05 day
# penalty (NeuS 0.860 with the merge pass and the within-day order of this version).
MIN_STORY_SCORE = 0.16
# The same for an undated article (or any, without dates): no time rule separates two events
# of one kind, so content alone must. ECB+ sub-topics (undated) with MERGE_MIN_SCORE 0.6:
# 0.850 at 0.3, 0.864 at 0.35, 0.860 at 0.4, 0.785 at 0.45 (0.861 at 0.35 once reprints
# joined their origin's event).
UNDATED_MIN_STORY_SCORE = 0.35
# Days after a story's latest article during which it can still take new articles. 1, 3 and
# 7 scored alike on dev (NeuS 0.882 at all three with a 0.2 day penalty and a 0.3 bar; DUC and
# giveme threads alike too); 7 keeps a strong follow-up of the next days possible.
WINDOW_DAYS = 7
# Subtracted from the score per day between an article and a story's latest article: an
# article of the next day needs 0.56 to join, so the next day's coverage is usually another
# event of the same thread. With MIN_STORY_SCORE near 0.16: NeuS 0.917 at 0.15, 0.933 at 0.2,
# 0.946 at 0.25, 0.957 at 0.3, 0.962 at 0.4; giveme threads 0.919 below 0.3 (two events of
# one week joined), 1.000 from 0.3; DUC threads 0.959 from 0.2 to 0.4, 0.942 at 0.5. The merge
# pass takes the same penalty per day between two events.
DAY_PENALTY = 0.4
# Stories scored in full per article (the nearest by content vector): the rest cannot win.
STORY_CANDIDATES = 8

# The merge pass (threads.link over the events, within WINDOW_DAYS): mean profiles of two
# events scoring this much are one happening that the single pass split. ECB+ 0.854 at 0.5,
# 0.864 at 0.6, 0.859 at 0.7; NeuS, DUC and giveme alike from 0.5 to 0.7 (0.4 merged
# neighbouring NeuS stories: 0.853).
MERGE_MIN_SCORE = 0.6
# The thread pass (threads.link over the merged events): events whose mean profiles score
# this much are one story thread. DUC 0.943 at 0.22 (giveme 0.919: the FBI's Clinton emails
# finding and a protest against Trump the next day joined), 0.959 at 0.25 and 0.28.
THREAD_MIN_SCORE = 0.25
# ...unless they have events on overlapping days: then the event pass, which saw them side by
# side, kept them apart as two happenings, and a higher bar joins them. DUC 0.936 at 0.25,
# 0.940 at 0.3, 0.918 at 0.35, 0.869 at 0.5 (untitled newswire splits one day of a story into
# several events); giveme 1.000 at 0.3, 0.937 at 0.5.
THREAD_SAME_TIME_MIN_SCORE = 0.3
# Most days between the spans of two groups of events joined into a thread: a year, so that a
# trial or an anniversary can join; the gap penalty below does the rest. giveme 1.000 at 365
# (one article eight months before its story), 0.978 at 30 to 120; DUC alike from 60 on.
THREAD_WINDOW_DAYS = 365
# Added to the thread bar per day between two groups' spans (0.03 a month). DUC 0.896 at 0,
# 0.910 at 0.001, 0.896 at 0.002, 0.875 at 0.004 (before the lone-article bar below).
THREAD_GAP_PENALTY = 0.001
# The thread bar when one side is a lone article (an event of one): a single article's lead
# and words say less than an event's, so its scores run lower. DUC 0.910 at 0.25, 0.931 at
# 0.22, 0.940 at 0.2, 0.944 at 0.18 (giveme 0.919: same pair as above), 0.932 at 0.15.
THREAD_SINGLE_MIN_SCORE = 0.2
# Weights of the three cosines between two events' mean profiles (merge and thread passes).
# DUC at thread bars 0.2 / 0.22 / 0.24 (same-day bar 0.3): (0.4, 0.4, 0.2) 0.929 / 0.921 /
# 0.900, (0.4, 0.3, 0.3) 0.901 / 0.909 / 0.904, (0.5, 0.3, 0.2) 0.861 / 0.895 / 0.909;
# giveme 0.901 for all (the best bars were chosen afterwards).
LINK_DENSE_WEIGHT = 0.4
LINK_TERMS_WEIGHT = 0.4
LINK_NAMES_WEIGHT = 0.2
# Partners scored per event (those sharing the most salient words and names): 20 and 50 gave
# the same dev figures.
LINK_CANDIDATES = 20
# Groups of events compared by their mean profiles (centroid linkage), not by the mean score
# of their pairs (average linkage). Average linkage resists a thread's vocabulary drifting as
# it grows, but dev did not show it: DUC 0.956 / giveme 0.919 at its best bars (0.2, lone
# article 0.15), 0.938 / 1.000 at (0.25, 0.15), against 0.959 / 1.000 here. On the DUC test
# split, centroid linkage chained seven Middle East clusters into one thread (see
# docs/evaluation.md); average linkage was not scored there, so as not to tune on test.
AVERAGE_LINKAGE = False


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
    average_linkage: bool = AVERAGE_LINKAGE

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
            self.average_linkage,
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


# The model embedding each article's lead for the story pass: "minilm" (all-MiniLM-L6-v2 int8,
# about 9 ms per lead on one core) or "static" (the model2vec model distilled from it for the
# claims, align/static_embed.py: about 0.1 ms). MiniLM stays the default: the story pass's
# weights and thresholds were chosen with its cosines (docs/evaluation.md shows both).
LEAD_MODEL = "minilm"
LEAD_MODELS = ("minilm", "static")


@dataclass(frozen=True, slots=True)
class CopyParams:
    """What an index's stored features depend on besides the text: the MinHash and copy
    verification parameters, and the lead embedding model."""

    num_perm: int = NUM_PERM
    lsh_threshold: float = LSH_THRESHOLD
    chunk_min_words: int = CHUNK_MIN_WORDS
    chunk_max_words: int = CHUNK_MAX_WORDS
    max_band_articles: int = MAX_BAND_ARTICLES
    outlet_template_articles: int = OUTLET_TEMPLATE_ARTICLES
    run_words: int = RUN_WORDS
    min_shared_chars: int = MIN_SHARED_CHARS
    near_duplicate_share: float = NEAR_DUPLICATE_SHARE
    lead_model: str = LEAD_MODEL
