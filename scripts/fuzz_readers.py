"""Fuzz the input readers with generated hostile files (hypothesis), per format.

    .venv/bin/python scripts/fuzz_readers.py [--minutes 20] [--format html ...] [--out DIR]

Each generated file (JSON and JSON Lines records with odd field types and nesting, RSS/Atom
feeds with entities and odd encodings, HTML pages, WARC archives, text with odd bytes and
encodings, any of them gzipped, some with a sidecar) is read by ``read_inputs`` and must keep
the reader contract:

- no exception escapes, the read ends within ``SECONDS_PER_INPUT``, prints nothing and raises
  no Python warning (the test suite turns warnings into errors);
- the file gives at least one article or rejection (nothing silently dropped); a JSON list or
  a JSON Lines file gives one outcome per record, unless the whole file is rejected;
- every rejection names the file (its source starts with the path) and has a one-line reason;
- every article has text, names the file, and encodes as UTF-8; ids are unique.

Rounds of ``ROUND_EXAMPLES`` examples per format run until the budget is spent; each failing
input hypothesis finds (after shrinking) is saved under ``--out`` and the run goes on. The
figures printed at the end (examples, examples/s, failures) are the ones docs/benchmarks.md
records. ``tests/ingest/test_fuzz_readers.py`` runs the same properties with few examples.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from newsweave.ingest import read_inputs
from newsweave.ingest.records import FIELD_ALIASES

# A generated file is at most ~260 KB; reading one takes milliseconds to a few tenths of a
# second (trafilatura on the largest pages). 10 s on the shared 2-core machine is a hang or a
# superlinear loop, not noise.
SECONDS_PER_INPUT = 10.0
# Past this the read is interrupted (SIGALRM) so that one hang cannot eat the whole budget.
ALARM_SECONDS = 30
# Sizes a generated file is repeated to (one example in ten): a reader that is quadratic in
# some feature takes seconds at 256 KB where it took milliseconds at the generated few KB.
SIZES = (16 * 1024, 64 * 1024, 256 * 1024)
REPEATED_MAX_BYTES = max(SIZES)
# Examples per format per round: small enough that the formats take turns within a minute.
ROUND_EXAMPLES = 100

PROSE = (
    "The port of Vessa reopened on Monday after a three-day strike, officials said.",
    "About 400 dock workers returned to work, the union said in a statement.",
    "“We are relieved,” said Mara Ilves, the harbour master, on Tuesday.",
    "Prices rose 4.5% in October, according to the statistics office.",
    "KYIV, Oct 17 (Reuters) - Talks resumed in the capital on Friday.",
)
# Characters that have broken readers elsewhere: NUL and controls, BOMs, line separators,
# markup and entity starts, bidi overrides, astral characters, a lone surrogate.
ODD_CHARS = (
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x85",
    "\ufeff",
    "\ufffe",
    "\u2028",
    "\u2029",
    "\r",
    "\n",
    "\t",
    "&",
    "<",
    ">",
    "]]>",
    '"',
    "\\",
    "\u202e",
    "\U0001f600",
    "\ud800",
    "\udfff",
    "é",
    "“",
)
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp1251",
    "koi8-r",
    "shift_jis",
    "gb18030",
    "ascii",
)
ENTITIES = (
    "&amp;",
    "&lt;",
    "&nbsp;",
    "&eacute;",
    "&bogus;",
    "&#0;",
    "&#x0;",
    "&#55296;",
    "&#xD800;",
    "&#99999999;",
    "&#x110000;",
    "&#8220;",
    "&",
    "&#;",
    "&#x;",
)
DATES = (
    "2025-10-17",
    "2025-10-17T08:00:00-04:00",
    "Fri, 17 Oct 2025 08:00:00 GMT",
    "October 17, 2025",
    "October",
    "0000-00-00",
    "9999-12-31T23:59:59+14:00",
    "2025-02-30",
    "yesterday",
    "-1",
    "1e309",
    "99999999999999999999",
    "Fri, 99 Oct 2025 99:99:99 GMT",
)


@dataclass(frozen=True, slots=True)
class Case:
    """A generated input: its file name and bytes, with an optional sidecar."""

    name: str
    data: bytes
    records: int | None = None  # outcomes expected when the file is read record by record
    sidecar: bytes | None = None

    def __repr__(self) -> str:  # hypothesis prints this for a falsifying example
        head = self.data[:300]
        return f"Case({self.name!r}, {len(self.data)} bytes, records={self.records}, {head!r})"


# ---- strategies -------------------------------------------------------------------------

odd_text = st.lists(
    st.characters(codec=None)
    | st.characters(categories=["Cs"])
    | st.sampled_from(ODD_CHARS)
    | st.sampled_from(ENTITIES),
    max_size=40,
).map("".join)
prose = st.lists(st.sampled_from(PROSE), min_size=1, max_size=6).map(" ".join)
mixed_text = st.lists(prose | odd_text, min_size=1, max_size=5).map(" ".join)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()
    | mixed_text
    | st.sampled_from(DATES)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)
ALIAS_KEYS = tuple(sorted({key for names in FIELD_ALIASES.values() for key in names} | {"id"}))


@st.composite
def records(draw: st.DrawFn) -> object:
    """A record-like object: alias keys with values of any JSON type, prose text most often."""
    record: dict[str, object] = {}
    if draw(st.booleans()):
        record["text"] = draw(prose)
    for key in draw(st.lists(st.sampled_from(ALIAS_KEYS), max_size=6)):
        record[key] = draw(json_values | prose | st.sampled_from(DATES))
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    return record


def dump_json(value: object, ensure_ascii: bool) -> str:
    try:
        return json.dumps(value, ensure_ascii=ensure_ascii)
    except (ValueError, RecursionError):
        return json.dumps(repr(value))


def encode(text: str, encoding: str) -> bytes:
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


@st.composite
def mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """``data``, most often as is, else truncated, with bytes inserted, or a prefix added."""
    choice = draw(st.integers(0, 9))
    if choice == 0 and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if choice == 1:
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if choice == 2:
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b" \n"])) + data
    if choice == 3 and data:  # repeated up to REPEATED_MAX_BYTES: superlinear time shows
        return (data * (REPEATED_MAX_BYTES // len(data) + 1))[: draw(st.sampled_from(SIZES))]
    return data


@st.composite
def json_cases(draw: st.DrawFn) -> Case:
    shape = draw(st.sampled_from(["one", "list", "articles", "raw"]))
    items = draw(st.lists(records(), max_size=6))
    value: object = {
        "one": items[0] if items else {},
        "list": items,
        "articles": {"articles": items},
        "raw": draw(json_values),
    }[shape]
    counted = shape in ("list", "articles") and bool(items)
    text = dump_json(value, draw(st.booleans()))
    raw = encode(text, draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])))
    data = draw(mangled(raw))
    name = draw(st.sampled_from(["a.json", "a", "a.JSON"]))
    return Case(name, data, records=len(items) if counted and data == raw else None)


def _deep_record(depth: int) -> str:
    """A record with text and a field nested ``depth`` levels (past json's recursion limit)."""
    return f'{{"text": "{PROSE[0]}", "extra": {"[" * depth}{"]" * depth}}}'


@st.composite
def jsonl_cases(draw: st.DrawFn) -> Case:
    lines = draw(
        st.lists(
            records().map(lambda r: dump_json(r, ensure_ascii=False))
            | odd_text.map(lambda t: t.replace("\n", " ").replace("\r", " "))
            | st.sampled_from(["{", "[]", "null", '{"text": "a\x00b"}', "{}" * 3])
            | st.integers(100, 5000).map(_deep_record),
            min_size=1,
            max_size=8,
        )
    )
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))
    raw = text.encode("utf-8", "surrogatepass")
    data = draw(mangled(raw))
    # a leading U+FEFF is the file's byte-order mark to the reader, not a line of its own
    expected = sum(1 for line in text.removeprefix("\ufeff").split("\n") if line.strip())
    name = draw(st.sampled_from(["a.jsonl", "a.ndjson"]))
    # Records are counted only when the reader sees the same lines: bytes that are not UTF-8
    # are decoded in a legacy encoding, where "\x85" (a line of whitespace) is "…".
    return Case(name, data, records=expected if data == raw and _is_utf8(raw) else None)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _xml_text(draw: st.DrawFn) -> str:
    return draw(st.lists(prose | odd_text | st.sampled_from(ENTITIES), max_size=4).map(" ".join))


@st.composite
def feed_cases(draw: st.DrawFn) -> Case:
    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 4))):
        body = _xml_text(draw)
        if draw(st.booleans()):
            body = f"<![CDATA[<p>{body}</p>]]>"
        date = draw(st.sampled_from(DATES))
        link = draw(st.sampled_from(["https://wire.example/a", "http://", "javascript:x", ""]))
        if atom:
            items.append(
                f"<entry><title>{_xml_text(draw)}</title><link href='{link}'/>"
                f"<updated>{date}</updated><content type='html'>{body}</content></entry>"
            )
        else:
            items.append(
                f"<item><title>{_xml_text(draw)}</title><link>{link}</link>"
                f"<pubDate>{date}</pubDate><source url='{link}'>{_xml_text(draw)}</source>"
                f"<content:encoded>{body}</content:encoded><description>{body}</description>"
                "</item>"
            )
    encoding = draw(st.sampled_from(ENCODINGS))
    declared = draw(st.sampled_from([encoding, "utf-8", "iso-8859-1", "bogus-enc", None]))
    prolog = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    doctype = draw(
        st.sampled_from(
            [
                "",
                '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
                '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                '<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "http://x/rss.dtd">',
            ]
        )
    )
    if atom:
        body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{_xml_text(draw)}</title>'
        body += "".join(items) + "</feed>"
    else:
        body = (
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{_xml_text(draw)}</title><link>https://feed.example</link>"
            + "".join(items)
            + "</channel></rss>"
        )
    data = draw(mangled(encode(prolog + doctype + body, encoding)))
    return Case(draw(st.sampled_from(["f.xml", "f.rss", "f.atom", "f"])), data)


HTML_TAGS = ("p", "div", "article", "main", "h1", "h2", "span", "table", "td", "li", "pre")


@st.composite
def html_fragment(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5))
        if kind <= 1 or depth > 3:
            parts.append(draw(mixed_text))
        elif kind == 2:
            parts.append(draw(st.sampled_from(ENTITIES)))
        elif kind == 3:
            parts.append(draw(st.sampled_from(["<br>", "</p>", "<p", "<!--", "<script>x<", "<"])))
        else:
            tag = draw(st.sampled_from(HTML_TAGS))
            attr = draw(st.sampled_from(["", " class='content'", ' id="x\x00"', " a=&"]))
            parts.append(f"<{tag}{attr}>{draw(html_fragment(depth + 1))}</{tag}>")
    return "".join(parts)


@st.composite
def html_cases(draw: st.DrawFn) -> Case:
    meta = "".join(
        f'<meta property="{prop}" content="{draw(st.sampled_from(DATES) | odd_text)}">'
        for prop in draw(
            st.lists(
                st.sampled_from(
                    ["og:title", "article:published_time", "og:site_name", "author", "og:url"]
                ),
                max_size=4,
            )
        )
    )
    charset = draw(st.sampled_from(["", "<meta charset='bogus'>", "<meta charset='utf-16'>"]))
    nesting = draw(st.integers(0, 2000))
    body = draw(html_fragment())
    page = (
        f"<!DOCTYPE html><html><head>{charset}<title>{draw(odd_text)}</title>{meta}</head>"
        f"<body>{'<div>' * nesting}<article>{body}</article>{'</div>' * nesting}</body></html>"
    )
    data = draw(mangled(encode(page, draw(st.sampled_from(ENCODINGS)))))
    return Case(draw(st.sampled_from(["p.html", "p.htm", "p.xhtml", "p"])), data)


def _warc_record(headers: dict[str, str], block: bytes, length: int | None) -> bytes:
    lines = ["WARC/1.0", *(f"{key}: {value}" for key, value in headers.items())]
    lines.append(f"Content-Length: {len(block) if length is None else length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogatepass") + block + b"\r\n\r\n"


@st.composite
def warc_cases(draw: st.DrawFn) -> Case:
    records_data = []
    for n in range(draw(st.integers(0, 3))):
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "200", "abc"]))
        content_type = draw(st.sampled_from(["text/html", "text/html; charset=x", "image/png", ""]))
        page = draw(html_fragment())
        http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + encode(
            f"<html><body><article>{page}</article></body></html>", "utf-8"
        )
        headers = {
            "WARC-Type": draw(st.sampled_from(["response", "request", "metadata", "bogus"])),
            "WARC-Record-ID": f"<urn:uuid:{n}>",
            "WARC-Date": draw(st.sampled_from(DATES)),
            "WARC-Target-URI": draw(st.sampled_from(["https://news.example/a", "", "::"])),
            "Content-Type": "application/http; msgtype=response",
        }
        length = draw(st.none() | st.integers(0, len(http) + 10))
        records_data.append(_warc_record(headers, http, length))
    raw = b"".join(records_data)
    gzipped = draw(st.booleans())
    if gzipped:
        raw = gzip.compress(raw)
    data = draw(mangled(raw))
    return Case("w.warc.gz" if gzipped else "w.warc", data)


@st.composite
def text_cases(draw: st.DrawFn) -> Case:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        data = draw(st.binary(max_size=2000))
    else:
        text = draw(mixed_text)
        data = draw(mangled(encode(text, draw(st.sampled_from(ENCODINGS)))))
    return Case(draw(st.sampled_from(["t.txt", "t", "t.text", "t.TXT"])), data)


@st.composite
def gzip_cases(draw: st.DrawFn) -> Case:
    inner = draw(text_cases() | json_cases() | jsonl_cases() | html_cases() | feed_cases())
    packed = gzip.compress(inner.data, compresslevel=1)
    data = draw(mangled(packed))
    suffix = Path(inner.name).suffix
    records = inner.records if data == packed and suffix else None
    return Case(f"z{suffix or '.txt'}.gz", data, records=records)


@st.composite
def with_sidecar(draw: st.DrawFn, cases: st.SearchStrategy[Case]) -> Case:
    case = draw(cases)
    if draw(st.integers(0, 4)) != 0:
        return case
    fields = draw(
        st.dictionaries(
            st.sampled_from(["title", "url", "outlet", "published", "author", "bogus"]),
            json_values | st.sampled_from(DATES),
            max_size=4,
        )
    )
    sidecar = draw(mangled(dump_json(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")))
    return Case(case.name, case.data, case.records, sidecar)


FORMATS: dict[str, st.SearchStrategy[Case]] = {
    "json": with_sidecar(json_cases()),
    "jsonl": with_sidecar(jsonl_cases()),
    "feed": feed_cases(),
    "html": with_sidecar(html_cases()),
    "warc": warc_cases(),
    "text": with_sidecar(text_cases()),
    "gzip": gzip_cases(),
}


# ---- the contract -----------------------------------------------------------------------


class ReadTookTooLongError(Exception):
    """The read ran past ALARM_SECONDS and was interrupted."""


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise ReadTookTooLongError(f"the read ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_contract(case: Case, folder: Path) -> float:
    """Write ``case`` into an empty ``folder``, read it, and assert the reader contract.

    Returns the seconds the read took."""
    path = folder / case.name
    path.write_bytes(case.data)
    if case.sidecar is not None:
        (folder / f"{Path(case.name).name.split('.')[0]}.meta.json").write_bytes(case.sidecar)
    printed = io.StringIO()
    start = time.perf_counter()
    with (
        _alarm(ALARM_SECONDS),
        redirect_stdout(printed),
        redirect_stderr(printed),
        warnings.catch_warnings(record=True) as warned,
    ):
        warnings.simplefilter("always")
        # as pyproject.toml's pytest filter: trafilatura's import probes urllib3 for SOCKS
        warnings.filterwarnings("ignore", "SOCKS support in urllib3")
        result = read_inputs([str(path)])
    seconds = time.perf_counter() - start
    assert seconds < SECONDS_PER_INPUT, f"read took {seconds:.1f} s"
    assert not printed.getvalue(), f"the reader printed {printed.getvalue()[:300]!r}"
    assert not warned, f"the reader warned: {warned[0].category.__name__}: {warned[0].message}"
    display = str(path)
    outcomes = len(result.articles) + len(result.rejected)
    assert outcomes >= 1, "the input produced neither an article nor a rejection"
    for rejected in result.rejected:
        assert rejected.source.startswith(display), rejected
        line = rejected.describe()
        assert line.strip() and "\n" not in line and "\r" not in line, line
        line.encode("utf-8")
    ids = [article.id for article in result.articles]
    assert len(set(ids)) == len(ids), ids
    for article in result.articles:
        assert article.source.startswith(display), article.source
        assert article.text.strip(), article
        for value in (article.text, article.id, article.title, article.outlet, article.author):
            (value or "").encode("utf-8")
    whole_file_rejected = [r for r in result.rejected if r.source == display]
    if case.records is not None and not whole_file_rejected:
        assert outcomes == case.records, f"{outcomes} outcomes for {case.records} records"
    return seconds


# The slowest read of each format: (seconds, what was read), and the input itself.
SLOWEST: dict[str, tuple[float, str]] = {}
SLOWEST_INPUTS: dict[str, Case] = {}
WARMED: list[bool] = []  # not empty once warm_up has run in this process


def warm_up(folder: Path) -> None:
    """Read one small input of each kind, so that importing trafilatura, feedparser, warcio
    and charset-normalizer (a second or more on a busy machine) is not timed as a read."""
    page = f"<html><body><article><p>{' '.join(PROSE)}</p></article></body></html>"
    feed = f'<rss version="2.0"><channel><item><description>{PROSE[0]}</description></item>'
    for name, data in (
        ("warm.html", page.encode()),
        ("warm.xml", (feed + "</channel></rss>").encode()),
        ("warm.txt", "Caf\xe9 \x93quoted\x94 ".encode("latin-1") + b"\xff"),
        ("warm.warc", b"WARC/1.0\r\n\r\n"),
        ("warm.json", json.dumps({"text": PROSE[0], "published": "17 Oct 2025"}).encode()),
    ):
        (folder / name).write_bytes(data)
        read_inputs([str(folder / name)])
        (folder / name).unlink()


def property_for(name: str, examples: int, folder: Path, counter: list[int]) -> Callable[[], None]:
    """The hypothesis test of format ``name``: ``examples`` examples, counted in ``counter``."""
    if not WARMED:
        warm_up(folder)
        WARMED.append(True)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(FORMATS[name])
    def read_keeps_the_contract(case: Case) -> None:
        counter[0] += 1
        for stale in folder.iterdir():
            stale.unlink()
        seconds = check_contract(case, folder)
        if seconds > SLOWEST.get(name, (0.0, ""))[0]:
            SLOWEST[name] = (seconds, f"{case.name}, {len(case.data):,} bytes")
            SLOWEST_INPUTS[name] = case

    return read_keeps_the_contract


# ---- the budgeted run -------------------------------------------------------------------


@dataclass
class Tally:
    examples: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def fuzz(formats: list[str], minutes: float, out: Path) -> Tally:
    tally = Tally(dict.fromkeys(formats, 0))
    deadline = time.monotonic() + minutes * 60
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsweave-fuzz-") as tmp:
        while time.monotonic() < deadline:
            for name in formats:
                if time.monotonic() >= deadline:
                    break
                folder = Path(tmp) / name
                folder.mkdir(exist_ok=True)
                counter = [0]
                try:
                    property_for(name, ROUND_EXAMPLES, folder, counter)()
                except Exception as exc:  # a contract failure: record it and go on
                    _record_failure(tally, name, exc, out)
                tally.examples[name] += counter[0]
    return tally


def _record_failure(tally: Tally, name: str, exc: BaseException, out: Path) -> None:
    if isinstance(exc, InvalidArgument):  # a bug in the strategies, not in the readers
        raise exc
    report = "".join(traceback.format_exception(exc))
    summary = f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    if summary in tally.failures:  # found again in a later round: reported once
        return
    tally.failures.append(summary)
    path = out / f"failure-{len(tally.failures):03d}-{name}.txt"
    path.write_text(report, encoding="utf-8", errors="replace")
    print(f"FAILURE {summary} (see {path})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0, help="time budget in minutes")
    parser.add_argument("--format", action="append", choices=list(FORMATS), help="repeatable")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="failure reports")
    args = parser.parse_args()
    formats = args.format or list(FORMATS)
    start = time.monotonic()
    tally = fuzz(formats, args.minutes, args.out)
    seconds = time.monotonic() - start
    total = sum(tally.examples.values())
    for name, case in SLOWEST_INPUTS.items():
        (args.out / f"slowest-{name}-{case.name}").write_bytes(case.data)
    for name, count in tally.examples.items():
        slowest, what = SLOWEST.get(name, (0.0, "-"))
        print(f"{name:<6} {count:>8,} examples, slowest read {slowest:.2f} s ({what})")
    print(
        f"\nexamples {total:,} in {seconds:.0f} s ({total / seconds:.1f}/s), "
        f"failures {len(tally.failures)}"
    )
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
