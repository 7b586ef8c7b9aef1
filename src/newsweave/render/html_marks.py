"""A document's text as escaped HTML with every cited span wrapped in ``<mark>`` elements.

Cited spans overlap (a quote inside a fact's sentence), so the text is cut at every span
boundary and each piece is one ``<mark>`` listing all the references that cover it
(``data-refs="r3 r7"``); selecting a reference lights up every piece that lists it. An empty
anchor (``id="m-7"``) marks where span 7 starts, so links work without JavaScript.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from newsweave.render.layout import clean


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    number: int
    start: int
    end: int
    kinds: frozenset[str]


def mark_text(text: str, spans: Iterable[MarkedSpan]) -> str:
    """``text`` escaped, with ``<mark>`` around every piece covered by one or more spans.

    >>> mark_text("a <b> c", [MarkedSpan(1, 2, 5, frozenset({"quote"}))])
    'a <span class="anchor" id="m-1"></span><mark class="k-quote" data-refs="r1">&lt;b&gt;</mark> c'
    """
    valid = [span for span in spans if 0 <= span.start <= span.end <= len(text)]
    cuts = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    starts: dict[int, list[MarkedSpan]] = {}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
    parts: list[str] = []
    active: list[MarkedSpan] = []
    for left, right in zip(cuts, [*cuts[1:], len(text)], strict=True):
        active = [span for span in active if span.end > left]
        for span in sorted(starts.get(left, []), key=lambda span: span.number):
            parts.append(f'<span class="anchor" id="m-{span.number}"></span>')
            active.append(span)
        parts.append(_piece(text[left:right], [span for span in active if span.end >= right]))
    return "".join(parts)


def _piece(text: str, covering: list[MarkedSpan]) -> str:
    escaped = html.escape(clean(text))
    if not text or not covering:
        return escaped
    kinds = sorted({kind for span in covering for kind in span.kinds})
    classes = " ".join(f"k-{kind}" for kind in kinds)
    refs = " ".join(f"r{span.number}" for span in sorted(covering, key=lambda s: s.number))
    return f'<mark class="{classes}" data-refs="{refs}">{escaped}</mark>'
