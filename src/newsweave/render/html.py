"""The brief as one self-contained HTML file: inline CSS, JavaScript and SVG, no network at all.

Every fact, quote, figure and date links to its spans; the articles are in the page with those
spans marked (``html_marks``), and selecting a reference shows the article beside the brief
with the span lit. Selecting a fact opens a panel with each outlet's sentence side by side,
shared words and conflicting values marked (``compare``); charts (``charts``) show support per
fact, the timeline and outlet overlap. All article text and metadata is untrusted: it is
escaped with ``html.escape`` where it is written, the page's data sits in JSON script blocks
with ``<`` escaped, the script writes only ``textContent``, and a Content-Security-Policy
forbids every load from outside the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from newsweave.model import (
    Article,
    Brief,
    Conflict,
    ConflictSide,
    Fact,
    FactStatus,
    Mention,
    Quote,
    Relation,
)
from newsweave.outlets import outlet_name
from newsweave.render import charts
from newsweave.render.compare import Column, compare_fact
from newsweave.render.html_marks import MarkedSpan, mark_text
from newsweave.render.json_out import GENERATOR, brief_to_dict
from newsweave.render.layout import (
    BriefLayout,
    RefTable,
    clean,
    describe_date,
    describe_figure,
    format_day,
    layout_brief,
    support_note,
)
from newsweave.render.utterances import Utterance, quote_words

# No request may leave the page: inline styles and the page's own script only (named by its
# hash: an injected script or event handler would not run), no images, fonts or frames.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src {script}; "
    "base-uri 'none'; form-action 'none'"
)
# Bidirectional embedding, override and isolate controls: in article text they could make the
# page show words in another order than the article's (display spoofing), so every one that
# reaches a page is shown as U+FFFD (one character for one: offsets into the text still hold).
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd")
BAR_WIDTH = 60  # pixels for a fact every reporting outlet supports independently
_STATUS_ORDER = (FactStatus.CORROBORATED, FactStatus.DISPUTED, FactStatus.SINGLE_SOURCE)
RELATION_HELP = {
    Relation.CONTRADICT: "both cannot be right: the fact is disputed",
    Relation.DIFFER: "compatible, but not the same: rounded, more precise, reworded or hedged",
    Relation.PROGRESSION: "a count that changed as the story developed",
}
SECTIONS = (
    ("lead", "Lead"),
    ("facts", "Facts"),
    ("disagreements", "Disagreements"),
    ("single-source", "Single-source"),
    ("quotes", "Quotes"),
    ("timeline", "Timeline"),
    ("comparison", "Source comparison"),
    ("figures", "Figures"),
    ("articles", "Articles"),
)


def esc(text: str) -> str:
    """Untrusted text for HTML content or a quoted attribute value (control characters gone)."""
    return html.escape(clean(text), quote=True)


def script_element(js: str) -> tuple[str, str]:
    """The page's ``<script>`` element for ``js`` and the Content-Security-Policy that lets
    exactly that script run (its SHA-256 hash), and no other."""
    body = f"\n{js}\n"
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    policy = CONTENT_SECURITY_POLICY.format(script=f"'sha256-{digest}'")
    return f"<script>{body}</script>", policy


def isolate_bidi(page: str) -> str:
    """``page`` with every bidi control character (``BIDI_CONTROLS``) shown as U+FFFD.

    >>> isolate_bidi("price \\u202e001$") == "price \\ufffd001$"
    True
    """
    return page.translate(BIDI_CONTROLS)


@cache
def _template(name: str) -> str:
    return resources.files("newsweave.render").joinpath("templates", name).read_text("utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<`` can end the block.

    >>> script_json({"t": "</script>"})
    '{"t": "\\\\u003c/script>"}'
    """
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


class _Page:
    """Renders one brief; holds the reference table the sections fill while they cite."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.layout: BriefLayout = layout_brief(brief)
        self.refs = RefTable()
        self.doc_index = {doc.id: index for index, doc in enumerate(brief.documents)}

    def cite(self, mentions: Iterable[Mention], kind: str) -> str:
        """Reference pills, one per span: ``<a href="#m-3" data-refs="3">3</a>``."""
        links = [
            f'<a class="ref" href="#m-{n}" data-refs="{n}" title="Show span {n}">{n}</a>'
            for n in self.refs.cite(mentions, kind)
        ]
        return f'<sup class="refs">{"".join(links)}</sup>' if links else ""

    def statement(
        self, text: str, mentions: Sequence[Mention], kind: str, marks: str = "", fact: str = ""
    ) -> str:
        """Clickable text (selects all its spans; a fact also opens its comparison), then pills.

        ``marks`` is a pair of quotation marks to put around the text, before the pills.
        """
        pills = self.cite(mentions, kind)
        numbers = " ".join(str(n) for n in self.refs.cite(mentions, kind))
        opening, closing = (marks[0], marks[1]) if marks else ("", "")
        data = f' data-fact="{esc(fact)}"' if fact else ""
        return (
            f'<span class="stmt" tabindex="0" role="button" data-refs="{numbers}"{data}>'
            f"{opening}{esc(text)}{closing}</span>{pills}"
        )

    def fact_statement(self, fact: Fact) -> str:
        return self.statement(fact.text, fact.mentions, "fact", fact=fact.id)

    def render(self) -> str:
        body = "\n".join(
            [
                self.header(),
                self.lead(),
                self.facts(),
                self.disagreements(),
                self.single_source(),
                self.quotes(),
                self.timeline(),
                self.comparison(),
                self.figures(),
                self.articles(),
            ]
        )
        facts = {fact.id: self.fact_data(fact) for fact in self.layout.facts}
        viewer = self.viewer()  # after everything that cites: it marks the cited spans
        script, policy = script_element(_template("report.js"))
        page = _template("page.html").format(
            csp=esc(policy),
            generator=esc(GENERATOR),
            title=esc(self.layout.title),
            css=_template("report.css"),
            body=body,
            viewer=viewer,
            refs_json=script_json(self.refs_data()),
            facts_json=script_json(facts),
            brief_json=script_json(brief_to_dict(self.brief)),
            script=script,
        )
        return isolate_bidi(page)

    def header(self) -> str:
        layout = self.layout
        count, outlets = len(layout.documents), len(layout.outlets)
        meta = (
            f"{count} article{'s' if count != 1 else ''} · {outlets} outlet"
            f"{'s' if outlets != 1 else ''} · {esc(layout.date_span)}"
        )
        chips = "".join(f'<span class="chip">{esc(name)}</span>' for name in layout.outlets)
        nav = "".join(f'<a href="#{anchor}">{title}</a>' for anchor, title in SECTIONS)
        return (
            f'<header class="masthead"><p class="kicker">newsweave brief</p>'
            f'<h1>{esc(layout.title)}</h1><p class="meta">{meta}</p>'
            f'<p class="chips">{chips}</p>{self.status_chart()}</header>\n'
            f'<nav class="toc" aria-label="Sections">{nav}</nav>'
        )

    def status_chart(self) -> str:
        """One stacked bar: how many facts have each status."""
        facts = self.layout.facts
        if not facts:
            return ""
        counts = [(status, sum(f.status is status for f in facts)) for status in _STATUS_ORDER]
        x, rects, legend = 0.0, [], []
        for status, count in counts:
            width = 100 * count / len(facts)
            rects.append(
                f'<rect class="fill-{status.value}" x="{x:.2f}" width="{width:.2f}" height="8"/>'
            )
            legend.append(f'<span class="badge {status.value}">{count} {status.value}</span>')
            x += width
        return (
            '<div class="status-chart"><svg viewBox="0 0 100 8" preserveAspectRatio="none" '
            f'role="img" aria-label="facts by status">{"".join(rects)}</svg>'
            f'<p class="legend">{" ".join(legend)}</p></div>'
        )

    def lead(self) -> str:
        if not self.layout.lead:
            return _section("lead", "Lead", '<p class="empty">No claims found.</p>')
        parts = " ".join(self.fact_statement(fact) for fact in self.layout.lead)
        hint = '<p class="hint">Select a fact to compare what each outlet wrote.</p>'
        return _section("lead", "Lead", f'<p class="lead">{parts}</p>{hint}')

    def facts(self) -> str:
        if not self.layout.facts:
            return _section("facts", "Facts", '<p class="empty">No facts found.</p>')
        rows = "".join(self.fact_row(fact) for fact in self.layout.facts)
        table = (
            '<table class="facts"><thead><tr><th>Status</th><th>Support</th><th>Outlets</th>'
            f"<th>Fact</th></tr></thead><tbody>{rows}</tbody></table>"
        )
        body = charts.support_chart(self.layout) + self.status_filter() + table
        return _section("facts", "Facts", body)

    def status_filter(self) -> str:
        """Buttons that show only the facts of one status (the page script does the hiding)."""
        facts = self.layout.facts
        buttons = [("all", "All", len(facts))] + [
            (status.value, status.value, sum(f.status is status for f in facts))
            for status in _STATUS_ORDER
        ]
        items = "".join(
            f'<button type="button" data-status="{value}" '
            f'aria-pressed="{"true" if value == "all" else "false"}">{esc(label)} '
            f'<span class="count">{count}</span></button>'
            for value, label, count in buttons
        )
        return (
            f'<div class="status-filter" role="group" aria-label="Show facts by status">'
            f'<span class="filter-label">Show</span>{items}'
            f'<span class="filter-count" aria-live="polite"></span></div>'
        )

    def fact_row(self, fact: Fact) -> str:
        outlets = "<br>".join(esc(label) for label in self.layout.outlet_labels(fact)) or "–"
        why = self.layout.explanation(fact)
        reason = f'<p class="reason">{esc(why)}</p>' if why else ""
        return (
            f'<tr class="fact-row" data-fact="{esc(fact.id)}" data-status="{fact.status.value}">'
            f'<td class="status">{_badge(fact)}</td>'
            f'<td class="support-cell">{self.support_bar(fact)}</td>'
            f'<td class="outlets">{outlets}</td>'
            f'<td class="fact-text">{self.fact_statement(fact)}{reason}</td></tr>'
        )

    def support_bar(self, fact: Fact) -> str:
        """Independent sources over reporting outlets, as a bar and as words."""
        outlets = max(len(self.layout.outlets_of(fact)), fact.independent_sources, 1)
        width = BAR_WIDTH * fact.independent_sources / outlets
        label = esc(self.layout.support_label(fact))
        return (
            f'<span class="support"><svg width="{BAR_WIDTH}" height="8" role="img" '
            f'aria-label="{label}"><rect class="bar-bg" width="{BAR_WIDTH}" height="8" rx="3"/>'
            f'<rect class="fill-{fact.status.value}" width="{width:.1f}" height="8" rx="3"/>'
            f"</svg>{label}</span>"
        )

    def disagreements(self) -> str:
        """Every disagreement: contradictions first, then differences and progressions, each
        with its fact and both sides, who gives each and how many independent sources."""
        found = self.layout.disagreements
        if not found:
            return _section("disagreements", "Disagreements", '<p class="empty">none found</p>')
        items = "".join(self.disagreement(fact, conflict) for fact, conflict in found)
        key = "".join(
            f'<li><span class="badge {r.value}">{r.value}</span> {esc(RELATION_HELP[r])}</li>'
            for r in Relation
        )
        return _section(
            "disagreements",
            "Disagreements",
            f'<ul class="relation-key">{key}</ul><ul class="disagreements">{items}</ul>',
        )

    def disagreement(self, fact: Fact, conflict: Conflict) -> str:
        relation = conflict.relation.value
        sides = "".join(
            f'<li><span class="who">{esc(", ".join(side.outlets) or "unknown outlet")}</span> '
            f'<span class="side-support">{esc(side_label(side))}</span>: '
            f"{self.statement(side.value, side.mentions, 'conflict')}</li>"
            for side in conflict.sides
        )
        return (
            f'<li class="disagreement" data-relation="{relation}" data-fact-id="{esc(fact.id)}">'
            f'<p><span class="badge {relation}">{relation}</span> '
            f'<span class="slot">{esc(conflict.kind.value)}</span> {esc(conflict.summary)}</p>'
            f'<p class="about">{self.fact_statement(fact)}</p>'
            f'<ul class="sides">{sides}</ul></li>'
        )

    def single_source(self) -> str:
        parts = []
        for group in self.layout.single_source:
            items = "".join(
                f"<li>{self.fact_statement(f)}{self.reason(f)}</li>" for f in group.facts
            )
            parts.append(f'<h3>{esc(group.outlet)}</h3><ul class="details">{items}</ul>')
        body = "".join(parts) or '<p class="empty">none</p>'
        return _section("single-source", "Single-source details", body)

    def reason(self, fact: Fact) -> str:
        why = self.layout.explanation(fact)
        return f' <span class="reason">— {esc(why)}</span>' if why else ""

    def quotes(self) -> str:
        parts = []
        for group in self.layout.quotes:
            quotes = "".join(self.utterance(utterance) for utterance in group.utterances)
            label = esc(self.layout.speaker_label(group.speaker))
            parts.append(f'<div class="speaker"><h3>{label}</h3>{quotes}</div>')
        if not parts:
            parts.append('<p class="empty">No quoted statements found.</p>')
        if self.layout.scare_quotes:
            parts.append(self.scare_quotes(self.layout.scare_quotes))
        return _section("quotes", "Quotes", "".join(parts))

    def scare_quotes(self, quotes: Sequence[Quote]) -> str:
        phrases = "; ".join(
            f"{self.statement(quote_words(q), [q.mention], 'quote', '“”')} "
            f"({esc(self.layout.outlet_of(q.mention.document))})"
            for q in quotes
        )
        return f'<p class="scare">Scare-quoted phrases: {phrases}</p>'

    def utterance(self, utterance: Utterance) -> str:
        """One thing said: its main wording, then other wordings and other speakers."""
        first, *others = utterance.wordings
        words = self.statement(first.text, first.mentions, "quote", "“”")
        notes = [
            f"<li>worded {self.statement(w.text, w.mentions, 'quote', '“”')} — "
            f"{esc(', '.join(w.outlets))}</li>"
            for w in others
        ]
        notes += [
            f'<li><span class="badge conflict">speaker</span> attributed to '
            f"{self.statement(a.speaker, a.mentions, 'quote')} by {esc(', '.join(a.outlets))}</li>"
            for a in utterance.other_speakers
        ]
        variants = f'<ul class="variants">{"".join(notes)}</ul>' if notes else ""
        return (
            f"<blockquote><p>{words}</p><footer>{esc(', '.join(first.outlets))}</footer>"
            f"{variants}</blockquote>"
        )

    def timeline(self) -> str:
        if not self.layout.timeline:
            return _section("timeline", "Timeline", '<p class="empty">No dates found.</p>')
        items = "".join(
            f'<li><time datetime="{esc(item.start.isoformat())}">{esc(describe_date(item))}'
            f"</time><div>{self.statement(item.text, item.mentions, 'date')}</div></li>"
            for item in self.layout.timeline
        )
        chart = charts.timeline_chart(self.layout.timeline)
        return _section("timeline", "Timeline", f'{chart}<ol class="timeline">{items}</ol>')

    def comparison(self) -> str:
        sources = self.layout.sources
        if not sources.outlets:
            return _section("comparison", "Source comparison", '<p class="empty">none</p>')
        rows = "".join(
            f"<tr><td>{esc(p.outlet)}</td><td>{len(p.documents)}</td><td>{len(p.facts)}</td>"
            f"<td>{len(p.exclusive)}</td></tr>"
            for p in sources.outlets
        )
        table = (
            '<table class="profiles"><thead><tr><th>Outlet</th><th>Articles</th>'
            f"<th>Facts</th><th>Only here</th></tr></thead><tbody>{rows}</tbody></table>"
        )
        copies = "".join(
            f"<li>{esc(self.layout.describe_copy(link))}"
            f'<span class="share"><meter min="0" max="1" value="{link.share:.3f}" '
            f'title="{link.share:.0%}">{link.share:.0%}</meter></span>'
            f"{self.passages(link.passages)}</li>"
            for link in sources.copies
        )
        relays = "".join(
            f"<li>{esc(relay.outlet)} cites {esc(relay.origin)}: "
            f"{self.statement(relay.mention.text, [relay.mention], 'relay', '“”')}</li>"
            for relay in sources.relays
        )
        parts = [charts.overlap_chart(self.layout), table]
        if copies:
            parts.append(f'<h3>Copied text</h3><ul class="copies">{copies}</ul>')
        if relays:
            parts.append(f'<h3>Relayed reports</h3><ul class="relays">{relays}</ul>')
        return _section("comparison", "Source comparison", "".join(parts))

    def passages(self, passages: Sequence[Mention]) -> str:
        quoted = "".join(f"<li>{self.statement(m.text, [m], 'copy', '“”')}</li>" for m in passages)
        return f'<ul class="passages">{quoted}</ul>' if quoted else ""

    def figures(self) -> str:
        if not self.layout.figures:
            return _section("figures", "Figures", '<p class="empty">No figures found.</p>')
        rows = "".join(
            f"<tr><td>{self.statement(f.mention.text, [f.mention], 'figure')}</td>"
            f"<td>{esc(describe_figure(f))}</td><td>{esc(f.kind.value)}</td>"
            f"<td>{esc(self.layout.outlet_of(f.mention.document))}</td></tr>"
            for f in self.layout.figures
        )
        table = (
            "<table><thead><tr><th>As written</th><th>Reading</th><th>Kind</th><th>Outlet</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
        return _section("figures", "Figures", table)

    def articles(self) -> str:
        rows = "".join(self.article_row(doc) for doc in self.layout.documents)
        table = (
            "<table><thead><tr><th>Id</th><th>Outlet</th><th>Published</th><th>Title</th>"
            f"<th>Source</th><th></th></tr></thead><tbody>{rows}</tbody></table>"
        )
        return _section("articles", "Articles", table + self.rejected() + self.warnings())

    def article_row(self, doc: Article) -> str:
        day = format_day(doc.published) if doc.published else "undated"
        index = self.doc_index[doc.id]
        return (
            f"<tr><td><code>{esc(doc.id)}</code></td><td>{esc(outlet_name(doc))}</td>"
            f"<td>{esc(day)}</td><td>{esc(doc.title or '–')}</td>"
            f'<td class="source">{esc(doc.source)}</td>'
            f'<td><a class="read" href="#doc-{index}" data-doc="{index}">read</a></td></tr>'
        )

    def rejected(self) -> str:
        if not self.layout.rejected:
            return ""
        rows = "".join(
            f'<tr><td class="source">{esc(r.source)}</td>'
            f'<td><span class="badge rejected">{esc(r.reason.value)}</span></td>'
            f"<td>{esc(r.detail)}</td></tr>"
            for r in self.layout.rejected
        )
        return (
            f"<h3>Rejected inputs ({len(self.layout.rejected)})</h3><table><thead><tr>"
            f"<th>Input</th><th>Reason</th><th>Detail</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def warnings(self) -> str:
        items = "".join(f"<li>{esc(w)}</li>" for w in self.layout.warnings)
        return f'<ul class="warnings">{items}</ul>' if items else ""

    def fact_data(self, fact: Fact) -> dict[str, Any]:
        """What the comparison panel shows for ``fact`` (the script renders it as text)."""
        columns = compare_fact(fact, self.layout.support_of(fact))
        return {
            "text": fact.text,
            "status": fact.status.value,
            "support": self.layout.support_label(fact),
            "reason": fact.reason,
            "refs": self.refs.cite(fact.mentions, "fact"),
            "disagreements": [
                {
                    "relation": c.relation.value,
                    "slot": c.kind.value,
                    "summary": c.summary,
                    "sides": [
                        {"value": s.value, "outlets": list(s.outlets), "support": side_label(s)}
                        for s in c.sides
                    ],
                }
                for c in fact.conflicts
            ],
            "columns": [self.column_data(column) for column in columns],
        }

    def column_data(self, column: Column) -> dict[str, Any]:
        support, mention = column.support, column.support.mention
        return {
            "outlet": support.outlet,
            "role": support.role.value,
            "note": support_note(support),
            "refs": self.refs.cite([mention], "fact"),
            "where": f"{mention.document}:{mention.start}-{mention.end}",
            "pieces": [
                [p.text, ("s" if p.shared else "") + ("c" if p.conflict else "")]
                for p in column.pieces
            ],
        }

    def viewer(self) -> str:
        """Every article with its cited spans marked, one ``<article>`` each."""
        spans: dict[str, list[MarkedSpan]] = {}
        for ref in self.refs.refs:
            m = ref.mention
            kinds = frozenset(self.refs.kinds(ref.number))
            spans.setdefault(m.document, []).append(MarkedSpan(ref.number, m.start, m.end, kinds))
        docs = "\n".join(self.document(doc, spans.get(doc.id, [])) for doc in self.brief.documents)
        return (
            '<div class="span-info" id="span-info" aria-live="polite"><p class="hint">Select a '
            "statement or a reference number to see it in its article.</p></div>\n" + docs
        )

    def document(self, doc: Article, spans: list[MarkedSpan]) -> str:
        index = self.doc_index[doc.id]
        day = format_day(doc.published) if doc.published else "undated"
        return (
            f'<article class="doc" id="doc-{index}" data-doc="{index}">'
            f'<header><p class="kicker">{esc(outlet_name(doc))} · {esc(day)} · '
            f"<code>{esc(doc.id)}</code></p><h2>{esc(doc.title or doc.source)}</h2>"
            f'<p class="source">{esc(doc.source)}</p></header>'
            f'<div class="doc-text">{mark_text(doc.text, spans)}</div></article>'
        )

    def refs_data(self) -> dict[str, dict[str, Any]]:
        """What the script shows for each reference (rendered with ``textContent``)."""
        return {
            str(ref.number): {
                "doc": self.doc_index.get(ref.mention.document, -1),
                "where": f"{ref.mention.document}:{ref.mention.start}-{ref.mention.end}",
                "outlet": self.layout.outlet_of(ref.mention.document),
                "text": ref.mention.text,
            }
            for ref in self.refs.refs
        }


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def side_label(side: ConflictSide) -> str:
    """``"2 outlets, 1 independent"``: who stands behind one side of a disagreement."""
    count = len(side.outlets)
    label = f"{count} outlet{'s' if count != 1 else ''}"
    if side.independent_sources:
        label += f", {side.independent_sources} independent"
    return label


def _badge(fact: Fact) -> str:
    return f'<span class="badge {fact.status.value}">{esc(fact.status.value)}</span>'


def render_html(brief: Brief) -> str:
    """The brief as one HTML page that works offline and loads nothing from anywhere."""
    return _Page(brief).render()
