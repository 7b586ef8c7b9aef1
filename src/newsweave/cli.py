"""The ``newsweave`` command: a thin adapter from arguments to the library API and back."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from newsweave import __version__
from newsweave.api import BriefOptions, brief
from newsweave.errors import InputError, NewsweaveError, OptionsError
from newsweave.ingest import ReadOptions, iter_inputs
from newsweave.model import Brief, Rejected, Story, StoryRun

if TYPE_CHECKING:  # corpus mode's imports (datasketch, SQLite) load only when it runs
    from newsweave.corpus.api import CorpusOptions
    from newsweave.corpus.store import CorpusIndex

EXIT_OK = 0
EXIT_NO_INPUT = 1  # nothing usable was given, or a newsweave error
EXIT_USAGE = 2  # argparse's own code for bad arguments

# The progress bar appears only once a run has lasted this long, so short runs stay quiet.
PROGRESS_DELAY_S = 2.0
FORMATS = ("text", "md", "json", "html")
CLUSTER_FORMATS = ("text", "json", "html")


def _render(result: Brief, fmt: str, color: bool) -> str:
    from newsweave.render import html, json_out, markdown, text

    renderers: dict[str, Callable[[Brief], str]] = {
        "text": lambda b: text.render_text(b, color=color),
        "md": markdown.render_markdown,
        "json": json_out.render_json,
        "html": html.render_html,
    }
    return renderers[fmt](result)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Cross-checked accounts of news stories from many outlets' articles.",
    )
    parser.add_argument("--version", action="version", version=f"newsweave {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmd = commands.add_parser(
        "brief",
        help="cross-checked brief of one story from many articles",
        description="Read articles about one story (files, folders, globs, - for stdin) and "
        "print a brief in which every statement points back to its source spans.",
    )
    cmd.add_argument("inputs", nargs="+", metavar="PATH", help="file, folder, glob or -")
    cmd.add_argument("--format", choices=FORMATS, default="text", help="output format")
    cmd.add_argument("-o", "--output", type=Path, help="write the brief here, not to stdout")
    cmd.add_argument("--report", type=Path, help="also write the HTML report to this file")
    cmd.add_argument("--outlet", help="outlet name for inputs that do not give one")
    cmd.add_argument(
        "--published", type=_date, help="publication date (YYYY-MM-DD) for inputs lacking one"
    )
    cmd.add_argument("--workers", type=int, help="processes to use (default: by input size)")
    cmd.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    corpus = cmd.add_argument_group("collections (corpus mode)")
    corpus.add_argument(
        "--corpus",
        action="store_true",
        help="the inputs are a collection of many stories: find them, then brief one",
    )
    which = corpus.add_mutually_exclusive_group()
    which.add_argument("--story", metavar="ID", help="brief this story (default: the largest)")
    which.add_argument("--all", action="store_true", help="brief every story of 2+ articles")
    corpus.add_argument("--state", type=Path, metavar="DIR", help="index folder to reuse")
    _cluster_parser(commands)
    return parser


def _cluster_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "cluster",
        help="find the stories in a collection of articles, and who copied whom",
        description="Group articles (files, folders, globs, - for stdin) into stories, each "
        "with its title, dates, outlets and copy relations. With --state DIR the index is kept, "
        "so that a later run adds only the new articles.",
    )
    cmd.add_argument("inputs", nargs="+", metavar="PATH", help="file, folder, glob or -")
    cmd.add_argument("--format", choices=CLUSTER_FORMATS, default="text", help="output format")
    cmd.add_argument("-o", "--output", type=Path, help="write the listing here, not to stdout")
    cmd.add_argument("--state", type=Path, metavar="DIR", help="keep the index in this folder")
    cmd.add_argument("--outlet", help="outlet name for inputs that do not give one")
    cmd.add_argument(
        "--published", type=_date, help="publication date (YYYY-MM-DD) for inputs lacking one"
    )
    cmd.add_argument("--no-progress", action="store_true", help="never show a progress bar")


class _Progress:
    """A rich progress bar on stderr that appears only after PROGRESS_DELAY_S."""

    def __init__(self, enabled: bool, label: str = "analysing articles") -> None:
        self.enabled = enabled
        self.label = label
        self.started = time.monotonic()
        self.bar: object = None
        self.task: object = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < PROGRESS_DELAY_S:
            return
        from rich.console import Console
        from rich.progress import Progress

        if self.bar is None:
            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        assert isinstance(self.bar, Progress)
        self.bar.update(self.task, completed=done)  # type: ignore[arg-type]

    def __enter__(self) -> _Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        stop = getattr(self.bar, "stop", None)
        if stop is not None:
            stop()


def _write(content: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def run_brief(args: argparse.Namespace) -> int:
    options = BriefOptions(
        read=ReadOptions(outlet=args.outlet, published=args.published), workers=args.workers
    )
    show_progress = not args.no_progress and sys.stderr.isatty()
    with _Progress(show_progress) as progress:
        result = brief(args.inputs, options, stdin=sys.stdin.buffer, progress=progress)
    _report(result.rejected, result.warnings)
    color = args.output is None and args.format == "text" and sys.stdout.isatty()
    _write(_render(result, args.format, color), args.output)
    if args.output is not None:
        print(f"newsweave: brief written to {args.output}", file=sys.stderr)
    if args.report is not None:
        _write(_render(result, "html", False), args.report)
        print(f"newsweave: HTML report written to {args.report}", file=sys.stderr)
    return EXIT_OK


def _report(rejected: Sequence[Rejected], warnings: Sequence[str]) -> None:
    for item in rejected:
        print(f"newsweave: skipped {item.describe()}", file=sys.stderr)
    for warning in warnings:
        print(f"newsweave: warning: {warning}", file=sys.stderr)


def _corpus_options(args: argparse.Namespace) -> CorpusOptions:
    from newsweave.corpus.api import CorpusOptions

    read = ReadOptions(outlet=args.outlet, published=args.published)
    return CorpusOptions(read=read, state=args.state)


def run_cluster(args: argparse.Namespace) -> int:
    from newsweave.corpus.api import open_index
    from newsweave.corpus.briefs import IndexDocuments
    from newsweave.render.stories import render_stories_text
    from newsweave.render.stories_html import render_stories_html
    from newsweave.render.stories_json import write_stories_json

    options = _corpus_options(args)
    with open_index(options.state, options.copy) as index:
        run = _index_inputs(args, options, index)
        documents = IndexDocuments(index)
        if args.format == "json":
            _write_streamed(lambda out: write_stories_json(run, index.articles(), out), args.output)
        elif args.format == "html":
            _write(render_stories_html(run, documents), args.output)
        else:
            color = args.output is None and sys.stdout.isatty()
            _write(render_stories_text(run, documents, color=color), args.output)
    if args.output is not None:
        print(f"newsweave: stories written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _index_inputs(args: argparse.Namespace, options: CorpusOptions, index: CorpusIndex) -> StoryRun:
    """Index the inputs of ``args`` and find the stories; report what was rejected."""
    from newsweave.corpus.api import run_on_index

    show_progress = not args.no_progress and sys.stderr.isatty()
    items = iter_inputs(args.inputs, options.read, sys.stdin.buffer)
    with _Progress(show_progress, "indexing articles") as progress:
        run = run_on_index(index, items, options, progress)
    _report(run.rejected, run.warnings)
    if not run.stories:
        raise InputError(_nothing_usable(run.rejected))
    return run


def _nothing_usable(rejected: Sequence[Rejected]) -> str:
    reasons = "; ".join(r.describe() for r in rejected[:3]) or "no inputs given"
    return f"no usable article in the input ({reasons})"


def _write_streamed(write: Callable[[TextIO], None], path: Path | None) -> None:
    if path is None:
        write(sys.stdout)
        sys.stdout.write("\n")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        write(out)
        out.write("\n")


def run_corpus_brief(args: argparse.Namespace) -> int:
    from newsweave.corpus.api import open_index
    from newsweave.corpus.briefs import choose_stories, story_briefs

    if args.all and args.format == "html" and args.output is None:
        raise OptionsError("--all --format html writes one file per story: give -o DIR")
    options = _corpus_options(args)
    with open_index(options.state, options.copy) as index:
        run = _index_inputs(args, options, index)
        chosen = choose_stories(run.stories, args.story, args.all)
        if args.story is None and not args.all:
            print(
                f"newsweave: briefing the largest of {len(run.stories)} stories ({chosen[0].id}); "
                "choose with --story ID or --all",
                file=sys.stderr,
            )
        briefs = list(story_briefs(index, chosen, BriefOptions(workers=args.workers), run.rejected))
    _write_briefs(briefs, args)
    return EXIT_OK


def _write_briefs(briefs: Sequence[tuple[Story, Brief]], args: argparse.Namespace) -> None:
    if len(briefs) == 1:
        _write(_render(briefs[0][1], args.format, _color(args)), args.output)
    elif args.format == "json":
        from newsweave.render.json_out import brief_to_dict

        items = [{"story": story.id, "brief": brief_to_dict(b)} for story, b in briefs]
        _write(json.dumps(items, ensure_ascii=False, indent=2), args.output)
    elif args.format == "html" and args.output is not None:
        for story, b in briefs:
            _write(_render(b, "html", False), args.output / f"{story.id}.html")
    else:
        rule = "\n\n" + "=" * 72 + "\n\n"
        parts = [f"Story {s.id}: {s.title}\n\n" + _render(b, args.format, False) for s, b in briefs]
        _write(rule.join(parts), args.output)
    if args.output is not None:
        print(f"newsweave: {len(briefs)} brief(s) written to {args.output}", file=sys.stderr)


def _color(args: argparse.Namespace) -> bool:
    return args.output is None and args.format == "text" and sys.stdout.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if getattr(args, "workers", None) is not None and args.workers < 1:
            raise NewsweaveError(f"--workers must be at least 1 (got {args.workers})")
        if args.command == "cluster":
            return run_cluster(args)
        if args.corpus:
            return run_corpus_brief(args)
        if args.story is not None or args.all or args.state is not None:
            raise OptionsError("--story, --all and --state need --corpus")
        return run_brief(args)
    except NewsweaveError as exc:
        print(f"newsweave: error: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    except KeyboardInterrupt:
        print("newsweave: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
