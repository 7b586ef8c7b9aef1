"""Conflicts between the aligned claims of one fact: figures, dates and negation.

Precision first: a false conflict costs a reader's trust, so each check compares only what is
unambiguous. Figures are compared only when each claim gives exactly one figure of a kind and
unit (so "3 dead, 5 injured" never pits 3 against 5); dates only when each claim gives
exactly one day-precise date; negation only between claims that say nearly the same words.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsweave.align.claims import content_words
from newsweave.align.pair_features import stem
from newsweave.analysis.figures import figures_agree
from newsweave.model import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    DateExpr,
    Figure,
    FigureKind,
    Granularity,
    Mention,
    Modality,
    Qualifier,
    Relation,
)

# Share of content words (Jaccard) two claims must have in common for a negation in one of
# them to contradict the other: "the talks did not produce a deal" vs "the talks produced a
# deal" share all; a negated claim about another aspect of the fact shares far fewer. Chosen
# on the example story's negation pair and its near-miss fixtures.
NEGATION_MIN_OVERLAP = 0.6
DAY_GRANULARITIES = frozenset((Granularity.DAY, Granularity.TIME))
# Relative gap between two agreeing figures from which outlets are said to differ (one rounds,
# one is more specific: "about 300" / "312"); under it they give the same value in other words
# or units ("1,600 km" / "1,000 miles" is 0.6%). Set by reading the example story's agreeing
# figures, all within 3%.
FIGURE_DIFFER_MIN = 0.05
# Qualifiers of a point value (as opposed to a bound such as "more than", "nearly").
POINT_QUALIFIERS = frozenset((Qualifier.EXACT, Qualifier.ABOUT))
# Modalities that only hedge a claim another outlet asserts outright ("reportedly",
# "allegedly", "appears to"): a difference to show. "could" and "may" say something else than
# "did" (a possibility, not a hedged fact), so they are not compared.
HEDGING = frozenset((Modality.HEDGED,))
COMPARED_FIGURES = frozenset(FigureKind) - {FigureKind.OTHER}

T = TypeVar("T", Figure, DateExpr)


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """One supporting claim of a fact, with what it states."""

    claim: Claim
    outlet: str
    figures: tuple[Figure, ...]
    dates: tuple[DateExpr, ...]
    published: dt.date | None = None  # the article's publication date


def fact_conflicts(claims: Sequence[ClaimFacts]) -> tuple[Conflict, ...]:
    """Figure, date and negation conflicts among ``claims`` (one fact's supports)."""
    found = [*_figure_conflicts(claims), *_date_conflicts(claims)]
    negation = _negation_conflict(claims)
    if negation is not None:
        found.append(negation)
    hedge = _modality_difference(claims)
    if hedge is not None and negation is None:
        found.append(hedge)
    return tuple(found)


def _sides(
    items: Sequence[tuple[ClaimFacts, T]], agree: Callable[[T, T], bool], show: Callable[[T], str]
) -> list[ConflictSide]:
    """Items grouped into sides: an item joins the first side all of whose values it agrees with.

    Agreement of intervals is not transitive ("more than two hours" agrees with "about two
    hours" and with "two and a half hours", which disagree), so joining on one member would
    make the sides, and whether there is a conflict at all, depend on the order of the claims.
    """
    groups: list[list[tuple[ClaimFacts, T]]] = []
    for item in items:
        home = next((g for g in groups if all(agree(v, item[1]) for _, v in g)), None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    return [
        ConflictSide(
            value=show(group[0][1]),
            outlets=tuple(dict.fromkeys(c.outlet for c, _ in group)),
            mentions=tuple(v.mention for _, v in group),
        )
        for group in groups
    ]


def _figure_conflicts(claims: Sequence[ClaimFacts]) -> list[Conflict]:
    keys = {(f.kind, f.unit) for c in claims for f in c.figures if f.kind in COMPARED_FIGURES}
    conflicts = []
    for key in sorted(keys, key=lambda k: (k[0].value, k[1])):
        items = _single_values(claims, functools.partial(_figures_of, key=key))
        conflict = figure_conflict(items, key[0].value)
        if conflict is not None:
            conflicts.append(conflict)
    return conflicts


def figure_conflict(items: Sequence[tuple[ClaimFacts, Figure]], what: str) -> Conflict | None:
    """A conflict among figures of one quantity, when two outlets give disagreeing values."""
    ordered = sorted(
        items, key=lambda item: (item[1].low, item[1].high, _position(item[1].mention))
    )
    if not _outlets_disagree(ordered, figures_agree, comparable):
        return _figure_difference(ordered, what)
    sides = _sides(ordered, figures_agree, lambda f: f.mention.text)
    values = " vs ".join(f"{s.value} ({', '.join(s.outlets)})" for s in sides)
    if _is_progression(ordered, sides):
        summary = f"{what} rose as the story developed: {values}"
        return Conflict(ConflictKind.FIGURE, summary, tuple(sides), Relation.PROGRESSION)
    return Conflict(ConflictKind.FIGURE, f"{what} differs: {values}", tuple(sides))


def _figure_difference(items: Sequence[tuple[ClaimFacts, Figure]], what: str) -> Conflict | None:
    """Agreeing point figures that outlets give at different values ("nearly 200" / "about
    230"): a bound ("more than 1,000 miles") agrees with any value inside it."""
    items = [(c, f) for c, f in items if f.qualifier in POINT_QUALIFIERS]
    values = [f.value for _, f in items]
    outlets = {c.outlet for c, _ in items}
    if len(outlets) < 2 or not values or min(values) <= 0:
        return None
    if (max(values) - min(values)) / max(values) < FIGURE_DIFFER_MIN:
        return None
    groups: dict[float, list[tuple[ClaimFacts, Figure]]] = {}
    for item in items:
        groups.setdefault(item[1].value, []).append(item)
    sides = tuple(
        ConflictSide(
            value=group[0][1].mention.text,
            outlets=tuple(dict.fromkeys(c.outlet for c, _ in group)),
            mentions=tuple(f.mention for _, f in group),
        )
        for _, group in sorted(groups.items())
    )
    shown = " / ".join(f"{s.value} ({', '.join(s.outlets)})" for s in sides)
    return Conflict(ConflictKind.FIGURE, f"{what} given as {shown}", sides, Relation.DIFFER)


def _is_progression(
    items: Sequence[tuple[ClaimFacts, Figure]], sides: Sequence[ConflictSide]
) -> bool:
    """A count that only grows with publication: every higher value published strictly later.

    A death toll rising from "at least 50" to 59 over a day is the story developing, not a
    dispute. Undated or same-day reports cannot be ordered, so they stay a contradiction.
    """
    if any(f.kind is not FigureKind.COUNT or c.published is None for c, f in items):
        return False
    dates_by_side = []
    for side in sides:
        mentions = set(side.mentions)
        dates_by_side.append([c.published for c, f in items if f.mention in mentions])
    return all(
        max(d for d in lower if d is not None) < min(d for d in higher if d is not None)
        for lower, higher in itertools.pairwise(dates_by_side)
    )


def _figures_of(claim: ClaimFacts, key: tuple[FigureKind, str]) -> list[Figure]:
    return [f for f in claim.figures if (f.kind, f.unit) == key]


def _single_values(
    claims: Sequence[ClaimFacts], pick: Callable[[ClaimFacts], list[T]]
) -> list[tuple[ClaimFacts, T]]:
    """Claims that give exactly one value of interest, with that value."""
    result = []
    for claim in claims:
        values = pick(claim)
        if len(values) == 1:
            result.append((claim, values[0]))
    return result


def _dates_agree(a: DateExpr, b: DateExpr) -> bool:
    return a.start <= b.end and b.start <= a.end


def _date_conflicts(claims: Sequence[ClaimFacts]) -> list[Conflict]:
    items = _single_values(
        claims, lambda c: [d for d in c.dates if d.granularity in DAY_GRANULARITIES]
    )
    items.sort(key=lambda item: (item[1].start, item[1].end, _position(item[1].mention)))
    if not _outlets_disagree(items, _dates_agree):
        return []
    sides = _sides(items, _dates_agree, lambda d: f"{d.mention.text} ({d.value})")
    values = " vs ".join(f"{s.value} ({', '.join(s.outlets)})" for s in sides)
    return [Conflict(ConflictKind.DATE, f"date differs: {values}", tuple(sides))]


def _position(mention: Mention) -> tuple[str, int, int]:
    return mention.document, mention.start, mention.end


def _outlets_disagree(
    items: Sequence[tuple[ClaimFacts, T]],
    agree: Callable[[T, T], bool],
    comparable: Callable[[ClaimFacts, ClaimFacts], bool] = lambda a, b: True,
) -> bool:
    """Whether two different outlets give values that disagree: one outlet contradicting
    itself is left to its reader. Pairwise, so the answer does not depend on claim order."""
    return any(
        a.outlet != b.outlet and comparable(a, b) and not agree(x, y)
        for n, (a, x) in enumerate(items)
        for b, y in items[n + 1 :]
    )


def same_subject(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether the claims can be about one subject: not when both name one and they share no
    content word ("a crane operator ... 19 years" / "a shunting supervisor ... 22 years")."""
    first, second = content_words(a.claim.subject), content_words(b.claim.subject)
    return not (first and second) or bool(first & second)


def comparable(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether two claims' figures measure one thing: same subject, same time."""
    return same_subject(a, b) and same_time(a, b)


def same_time(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether two claims' dates, at any granularity, can be the same time (or either has
    none): "fell nearly 40% in 2025" and "41% in February" measure different periods."""
    if not a.dates or not b.dates:
        return True
    return any(x.start <= y.end and y.start <= x.end for x in a.dates for y in b.dates)


def _negation_conflict(claims: Sequence[ClaimFacts]) -> Conflict | None:
    negated = [c for c in claims if c.claim.negated]
    plain = [c for c in claims if not c.claim.negated]
    pairs = [
        (n, p) for n in negated for p in plain if _overlap(n.claim, p.claim) >= NEGATION_MIN_OVERLAP
    ]
    if not pairs or {n.outlet for n, _ in pairs} == {p.outlet for _, p in pairs}:
        return None
    sides = (
        _negation_side("asserts", [p for _, p in pairs]),
        _negation_side("denies", [n for n, _ in pairs]),
    )
    summary = (
        f"{', '.join(sides[0].outlets)} report it; {', '.join(sides[1].outlets)} say the opposite"
    )
    return Conflict(ConflictKind.NEGATION, summary, sides)


def _negation_side(value: str, claims: Sequence[ClaimFacts]) -> ConflictSide:
    unique = list({c.claim.span: c for c in claims}.values())
    return ConflictSide(
        value=value,
        outlets=tuple(dict.fromkeys(c.outlet for c in unique)),
        mentions=tuple(c.claim.span for c in unique),
    )


def _overlap(a: Claim, b: Claim) -> float:
    """Jaccard of the claims' content words, compared by stem: a denial puts its verb in the
    base form ("did not produce") where the assertion inflects it ("produced")."""
    stems_a, stems_b = {stem(w) for w in a.content}, {stem(w) for w in b.content}
    union = stems_a | stems_b
    return len(stems_a & stems_b) / len(union) if union else 0.0


def _modality_difference(claims: Sequence[ClaimFacts]) -> Conflict | None:
    """One outlet asserts outright what another only hedges ("reportedly", "could")."""
    plain = [c for c in claims if c.claim.modality is Modality.ASSERTED and not c.claim.negated]
    hedged = [c for c in claims if c.claim.modality in HEDGING]
    if not plain or not hedged or {c.outlet for c in plain} == {c.outlet for c in hedged}:
        return None
    sides = (_negation_side("asserted", plain), _negation_side("hedged", hedged))
    summary = f"{', '.join(sides[0].outlets)} state it; {', '.join(sides[1].outlets)} hedge it"
    return Conflict(ConflictKind.MODALITY, summary, sides, Relation.DIFFER)
