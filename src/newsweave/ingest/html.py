"""HTML: main text and metadata of whole pages (trafilatura), plain text of feed fragments.

trafilatura is imported inside the function so that plain-text runs do not pay for it.
Nothing here touches the network: a URL is passed to trafilatura only as metadata.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from newsweave.ingest.metadata import ArticleDraft
from newsweave.ingest.rejection import InputRejectedError
from newsweave.model import RejectReason

# Tags that end a paragraph when turning a feed item's HTML into text.
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "dd", "dt", "blockquote", "pre", "table", "tr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"}
    | {"figure", "figcaption"}
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPACES = re.compile(r"\s+")
# Shortest main text accepted from a page: a headline plus one short sentence. For pages with
# no article, trafilatura's fallback returns menu words ("Home About"); those stay below this.
HTML_MIN_TEXT_CHARS = 80
# Most elements (start tags) of a page given to trafilatura; the rest of a larger page is cut
# off, with a warning. Lighthouse's "excessive DOM size" audit already fails pages of over
# 1,400 elements, so real article pages stay far below; trafilatura's time is linear up to here
# (0.7, 1.4, 2.6 s for 12,500, 25,000, 50,000 elements) and superlinear past it (21 s and 380 MB
# for 200,000), and a brief of the text of 200,000 elements ran over 5 minutes and 1.5 GB.
HTML_MAX_ELEMENTS = 50_000
_START_TAG = re.compile(r"<[A-Za-z]")


@dataclass(frozen=True, slots=True)
class PageExtract:
    """What trafilatura found in one page."""

    text: str
    title: str | None
    author: str | None
    site_name: str | None
    url: str | None
    published: dt.date | None
    headings: tuple[str, ...] = ()


def extract_page(html: str, url: str | None) -> PageExtract:
    """Main text (paragraphs joined by "\\n") and metadata of an HTML page.

    Raises ``InputRejectedError(EMPTY)`` when the page has no main text.
    """
    import trafilatura
    from trafilatura.settings import Document, set_date_params

    # Dates only from markup and the URL: a date guessed from the body text is less reliable
    # than the dateline rule that runs later on the extracted text.
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not isinstance(text, str):
        raise InputRejectedError(RejectReason.EMPTY, "no main article text found in the HTML page")
    if len(text.strip()) < HTML_MIN_TEXT_CHARS:
        detail = f"the page's main text is under {HTML_MIN_TEXT_CHARS} characters: {text.strip()!r}"
        raise InputRejectedError(RejectReason.EMPTY, detail)
    return PageExtract(
        text=text,
        title=_clean(document.title),
        author=_clean(document.author),
        site_name=_clean(document.sitename),
        url=_clean(document.url),
        published=_iso_day(document.date),
        headings=_headings(document.body),
    )


def _headings(body: object) -> tuple[str, ...]:
    """Texts of the ``<head>`` elements (HTML h1-h6) in trafilatura's extracted tree."""
    iterate = getattr(body, "iter", None)
    if iterate is None:
        return ()
    texts = ("".join(element.itertext()).strip() for element in iterate("head"))
    return tuple(text for text in texts if text)


def _clean(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _iso_day(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per line, whitespace collapsed inside each.

    >>> html_to_text("<p>Talks resume <b>today</b>.</p><p>Aid &amp; trade<br>follow.</p>")
    'Talks resume today.\\nAid & trade\\nfollow.'
    """
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    return "\n".join(parser.paragraphs())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._paragraphs: list[list[str]] = [[]]
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self._paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._paragraphs.append([])

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._paragraphs[-1].append(data)

    def paragraphs(self) -> list[str]:
        joined = (_SPACES.sub(" ", "".join(parts)).strip() for parts in self._paragraphs)
        return [paragraph for paragraph in joined if paragraph]


def page_draft(
    html: str,
    *,
    source: str,
    default_id: str,
    url: str | None,
    input_format: str,
    fallback_published: dt.date | None = None,
    is_record: bool = False,
) -> ArticleDraft:
    """The draft of one HTML page (a file, or a capture in a web archive): its main text and
    metadata as ``extract_page`` finds them; ``url`` and ``fallback_published`` fill in what
    the page lacks."""
    html, warnings = _cut_to_max_elements(html, source)
    page = extract_page(html, url)
    return ArticleDraft(
        source=source,
        text=page.text,
        input_format=input_format,
        default_id=default_id,
        title=page.title,
        url=url or page.url,
        published=page.published or fallback_published,
        author=page.author,
        site_name=page.site_name,
        is_record=is_record,
        headings=page.headings,
        warnings=warnings,
    )


def _cut_to_max_elements(html: str, source: str) -> tuple[str, tuple[str, ...]]:
    """``html`` up to its ``HTML_MAX_ELEMENTS``-th element, and a warning when that cut it.

    >>> _cut_to_max_elements("<p>a</p>" * 3, "page.html")
    ('<p>a</p><p>a</p><p>a</p>', ())
    """
    starts = _START_TAG.finditer(html)
    cut = next(itertools.islice(starts, HTML_MAX_ELEMENTS, None), None)
    if cut is None:
        return html, ()
    count = HTML_MAX_ELEMENTS + 1 + sum(1 for _ in starts)
    warning = (
        f"{source}: the page has {count:,} elements, over the limit of {HTML_MAX_ELEMENTS:,}"
        f" (no article page is near it); only the text of its first {HTML_MAX_ELEMENTS:,} was read"
    )
    return html[: cut.start()], (warning,)
