"""The ``newsweave`` command: a thin adapter from arguments to the library API and back."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from newsweave import __version__
from newsweave.api import BriefOptions, brief
from newsweave.errors import NewsweaveError
from newsweave.ingest import ReadOptions
from newsweave.model import Brief

EXIT_OK = 0
EXIT_NO_INPUT = 1  # nothing usable was given, or a newsweave error
EXIT_USAGE = 2  # argparse's own code for bad arguments

# The progress bar appears only once a run has lasted this long, so short runs stay quiet.
PROGRESS_DELAY_S = 2.0
FORMATS = ("text", "md", "json", "html")


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
    return parser


class _Progress:
    """A rich progress bar on stderr that appears only after PROGRESS_DELAY_S."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
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
            self.task = self.bar.add_task("analysing articles", total=total)
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
    for rejected in result.rejected:
        print(f"newsweave: skipped {rejected.describe()}", file=sys.stderr)
    for warning in result.warnings:
        print(f"newsweave: warning: {warning}", file=sys.stderr)
    color = args.output is None and args.format == "text" and sys.stdout.isatty()
    _write(_render(result, args.format, color), args.output)
    if args.output is not None:
        print(f"newsweave: brief written to {args.output}", file=sys.stderr)
    if args.report is not None:
        _write(_render(result, "html", False), args.report)
        print(f"newsweave: HTML report written to {args.report}", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.workers is not None and args.workers < 1:
            raise NewsweaveError(f"--workers must be at least 1 (got {args.workers})")
        return run_brief(args)
    except NewsweaveError as exc:
        print(f"newsweave: error: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    except KeyboardInterrupt:
        print("newsweave: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
