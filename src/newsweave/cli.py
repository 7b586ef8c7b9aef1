"""The ``newsweave`` command: a thin adapter from arguments to the library API and back."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from newsweave import __version__
from newsweave.api import BriefOptions, brief, nothing_usable
from newsweave.errors import NewsweaveError, OptionsError, OutputError
from newsweave.ingest import ReadOptions, iter_inputs
from newsweave.model import Brief, Rejected, Story, StoryRun

if TYPE_CHECKING:  # corpus mode's imports (datasketch, SQLite) load only when it runs
    from rich.progress import Progress, TaskID

    from newsweave.corpus.api import CorpusOptions
    from newsweave.execution import Executor
    from newsweave.store.index import Store

EXIT_OK = 0
EXIT_NO_INPUT = 1  # nothing usable was given, or a newsweave error
EXIT_USAGE = 2  # argparse's own code for bad arguments; also unusable output paths
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C

# The progress display appears only once a run has lasted this long, so short runs stay quiet.
PROGRESS_DELAY_S = 2.0
# The plain-line progress (``--progress plain``) writes a line at most this often.
PLAIN_EVERY_S = 5.0
# After a Ctrl-C, the run unwinds (rolling back an unfinished index batch); if that takes longer
# than this, the process ends anyway: every index batch is one transaction, so it stays whole.
INTERRUPT_GRACE_S = 1.5
PROGRESS_MODES = ("auto", "bar", "plain", "none")
T = TypeVar("T")

BRIEF_EXAMPLES = """examples:
  newsweave brief examples/story                       brief a folder of articles
  newsweave brief a.html b.txt --format md -o brief.md  Markdown into a file
  newsweave brief 'feeds/*.xml' --report report.html    text on screen, HTML report beside
  newsweave brief --corpus crawl/ --all --format html -o briefs/
                                                        one HTML brief per story
  newsweave brief --fetch https://example.org/story     read a web page (needs --fetch)
"""
CLUSTER_EXAMPLES = """examples:
  newsweave cluster crawl/                              list the stories in a folder
  newsweave cluster crawl/ --state idx/ --format json -o stories.json
                                                        keep the index; later runs add only
                                                        new articles
  newsweave cluster day2/ --state idx/ --format html -o stories.html
"""
FORMATS = ("text", "md", "json", "html")
CLUSTER_FORMATS = ("text", "json", "html")


def _render(result: Brief, fmt: str, color: bool) -> str:
    # Only the chosen renderer is imported: the HTML one alone costs ~0.06 s of a fresh run.
    if fmt == "json":
        from newsweave.render.json_out import render_json

        return render_json(result)
    if fmt == "md":
        from newsweave.render.markdown import render_markdown

        return render_markdown(result)
    if fmt == "html":
        from newsweave.render.html import render_html

        return render_html(result)
    from newsweave.render.text import render_text

    return render_text(result, color=color)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _progress_args(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--progress",
        choices=PROGRESS_MODES,
        default="auto",
        help="progress on stderr: a bar, plain lines, or none (auto: a bar on a terminal)",
    )
    cmd.add_argument("--no-progress", action="store_true", help="same as --progress none")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Cross-checked accounts of news stories from many outlets' articles.",
        epilog=f"{BRIEF_EXAMPLES}\n{CLUSTER_EXAMPLES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsweave {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmd = commands.add_parser(
        "brief",
        help="cross-checked brief of one story from many articles",
        description="Read articles about one story (files, folders, globs, - for stdin) and "
        "print a brief in which every statement points back to its source spans.",
        epilog=BRIEF_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("inputs", nargs="+", metavar="PATH", help="file, folder, glob or -")
    cmd.add_argument("--format", choices=FORMATS, default="text", help="output format")
    cmd.add_argument("-o", "--output", type=Path, help="write the brief here, not to stdout")
    cmd.add_argument("--report", type=Path, help="also write the HTML report to this file")
    cmd.add_argument("--outlet", help="outlet name for inputs that do not give one")
    cmd.add_argument(
        "--published", type=_date, help="publication date (YYYY-MM-DD) for inputs lacking one"
    )
    cmd.add_argument("--workers", type=_workers, help="processes to use (default: by input size)")
    cmd.add_argument(
        "--fetch", action="store_true", help="allow http(s) URLs and feed URLs as inputs"
    )
    _progress_args(cmd)
    corpus = cmd.add_argument_group("collections (corpus mode)")
    corpus.add_argument(
        "--corpus",
        action="store_true",
        help="the inputs are a collection of many stories: find them, then brief one",
    )
    which = corpus.add_mutually_exclusive_group()
    which.add_argument(
        "--story", metavar="ID", help="brief this story or thread (default: the largest story)"
    )
    which.add_argument("--all", action="store_true", help="brief every story of 2+ articles")
    kept = corpus.add_mutually_exclusive_group()
    kept.add_argument("--state", type=Path, metavar="DIR", help="store folder to reuse (SQLite)")
    kept.add_argument("--db", metavar="URL", help="store in PostgreSQL: postgresql://...")
    _engine_args(corpus)
    _cluster_parser(commands)
    _serve_parser(commands)
    return parser


def _cluster_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "cluster",
        help="find the stories in a collection of articles, and who copied whom",
        description="Group articles (files, folders, globs, - for stdin) into stories, each "
        "with its title, dates, outlets and copy relations. With --state DIR the index is kept, "
        "so that a later run adds only the new articles.",
        epilog=CLUSTER_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("inputs", nargs="+", metavar="PATH", help="file, folder, glob or -")
    cmd.add_argument("--format", choices=CLUSTER_FORMATS, default="text", help="output format")
    cmd.add_argument("-o", "--output", type=Path, help="write the listing here, not to stdout")
    kept = cmd.add_mutually_exclusive_group()
    kept.add_argument("--state", type=Path, metavar="DIR", help="keep the store in this folder")
    kept.add_argument("--db", metavar="URL", help="keep the store in PostgreSQL: postgresql://...")
    cmd.add_argument("--outlet", help="outlet name for inputs that do not give one")
    cmd.add_argument(
        "--published", type=_date, help="publication date (YYYY-MM-DD) for inputs lacking one"
    )
    cmd.add_argument(
        "--fetch", action="store_true", help="allow http(s) URLs and feed URLs as inputs"
    )
    cmd.add_argument("--batch", type=_workers, help=argparse.SUPPRESS)  # articles per batch
    _engine_args(cmd)
    _progress_args(cmd)


def _engine_args(group: argparse._ActionsContainer) -> None:
    group.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where corpus mode runs: this machine, or a Dask cluster (pip install "
        "'newsweave[dask]'; a local cluster unless --scheduler is given)",
    )
    group.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler (tcp://...)")


def _serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "serve",
        help="a local web app and HTTP API over a store of stories",
        description="Serve the stories of a store (a state folder or a PostgreSQL URL) as web "
        "pages and a JSON API (OpenAPI at /openapi.json); PATHs given are indexed first, in "
        "the background. Articles can be added from the page /add or POST /api/articles.",
        epilog="example:\n  newsweave serve --state out/state examples/story",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("inputs", nargs="*", metavar="PATH", help="articles to index at start")
    where = cmd.add_mutually_exclusive_group(required=True)
    where.add_argument("--state", type=Path, metavar="DIR", help="the store's state folder")
    where.add_argument("--db", metavar="URL", help="a PostgreSQL store (postgresql://...)")
    cmd.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    cmd.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    cmd.add_argument(
        "--token",
        help="required by writes; needed to bind a non-loopback address "
        "(default: $NEWSWEAVE_TOKEN)",
    )
    cmd.add_argument("--fetch", action="store_true", help="allow adding articles by URL")
    cmd.set_defaults(output=None)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from newsweave.serve import ServeOptions, StoreBackend, create_app
    from newsweave.serve.jobs import Submission
    from newsweave.serve.options import TOKEN_ENV

    token = args.token or os.environ.get(TOKEN_ENV) or None
    options = ServeOptions(host=args.host, port=args.port, token=token, fetch=args.fetch)
    app = create_app(StoreBackend(args.db or args.state), options)
    app.state.serve.reader.story("")  # opens the store now: a bad one fails before listening
    if args.inputs:
        app.state.serve.jobs.submit(Submission(tuple(args.inputs), ReadOptions(fetch=args.fetch)))
    where = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsweave: serving on http://{where}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _workers(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {value!r}")
    return number


class _Progress:
    """What the run is doing, on stderr: a rich display (``bar``), a line every few seconds
    (``plain``) or nothing (``none``); it appears only once the run has lasted
    ``PROGRESS_DELAY_S``, and never writes to stdout.

    The run names its stages (``stage``) and reports counts (``count``, or calling it as the
    library's ``ProgressFn``); a timer shows them, so a long stage without counts (loading the
    models, aligning) shows its elapsed time too.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.started = time.monotonic()
        self.label = "starting"
        self.done: int | None = None
        self.total: int | None = None
        self.unit = ""
        self.lock = threading.Lock()
        self.live: Progress | None = None  # once shown
        self.task: TaskID | None = None
        self.last_line = 0.0
        self.stages = 0  # stages begun; the bar starts a new task (and clock) for each
        self.shown_stage = -1
        self.stopped = threading.Event()
        self.timer: threading.Thread | None = None
        if mode != "none":
            self.timer = threading.Thread(target=self._tick, name="newsweave-progress", daemon=True)
            self.timer.start()

    def stage(self, label: str, total: int | None = None, unit: str = "") -> None:
        with self.lock:
            self.stages += 1
            self.label, self.total, self.unit = label, total, unit
            self.done = 0 if total is not None else None
            self.last_line = 0.0
        self._show()

    def count(self, done: int, total: int | None = None) -> None:
        with self.lock:
            self.done = done
            if total is not None:
                self.total = total
        self._show()

    def __call__(self, done: int, total: int) -> None:
        self.count(done, total)

    def text(self) -> str:
        with self.lock:
            label, done, total, unit = self.label, self.done, self.total, self.unit
        if done is None:
            return label
        if total is None:
            return f"{label}: {done:,} {unit}".rstrip()
        return f"{label}: {done:,} of {total:,} {unit}".rstrip()

    def _tick(self) -> None:
        while not self.stopped.wait(0.25):
            self._show()

    def _show(self) -> None:
        now = time.monotonic()
        if self.mode == "none" or now - self.started < PROGRESS_DELAY_S or self.stopped.is_set():
            return
        if self.mode == "plain":
            if now - self.last_line >= PLAIN_EVERY_S:
                self.last_line = now
                print(f"newsweave: {self.text()} ({now - self.started:.0f} s)", file=sys.stderr)
            return
        self._show_bar()

    def _show_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        with self.lock:
            if self.live is None:
                self.live = Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}"),
                    BarColumn(),
                    TimeElapsedColumn(),
                    console=Console(stderr=True),
                    transient=True,
                )
                self.live.start()
            if self.shown_stage != self.stages:  # rich cannot set a task's total back to None
                if self.task is not None:
                    self.live.remove_task(self.task)
                self.task = self.live.add_task("", total=self.total)
                self.shown_stage = self.stages
            live, task = self.live, self.task
            assert task is not None
            done, total = self.done, self.total
        live.update(task, description=self.text(), completed=done or 0, total=total)

    def close(self) -> None:
        self.stopped.set()
        if self.timer is not None:
            self.timer.join(1.0)
        with self.lock:
            if self.live is not None:
                self.live.stop()
            self.live = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _progress(args: argparse.Namespace) -> _Progress:
    mode = "none" if args.no_progress else args.progress
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "none"
    return _Progress(mode)


def _counted(items: Iterable[T], progress: _Progress) -> Iterator[T]:
    """``items``, counting them on ``progress`` as they are read."""
    for n, item in enumerate(items, start=1):
        progress.count(n)
        yield item


# ---- output paths -------------------------------------------------------------------------


def check_output_file(path: Path, option: str) -> None:
    """Refuse, before any work, an output file that cannot be written: ``OutputError``."""
    if path.is_dir():
        raise OutputError(f"{option} {path}: is a folder; give a file name")
    folder = path.parent
    if not folder.exists():
        raise OutputError(f"{option} {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(f"{option} {path}: {folder} is not a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{option} {path}: the file is read-only")
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{option} {path}: cannot write in {folder} (permission denied)")


def check_output_folder(path: Path, option: str) -> None:
    """Refuse an output folder (one file per story) that cannot be made or written."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"{option} {path}: is a file; give a folder for one file per story")
    if not path.exists():
        check_output_file(path, option)  # its parent must exist and be writable
    elif not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(f"{option} {path}: cannot write in this folder (permission denied)")


def _check_outputs(args: argparse.Namespace) -> None:
    if args.output is not None:
        per_story = getattr(args, "all", False) and args.format == "html"
        if per_story:
            check_output_folder(args.output, "-o")
        else:
            check_output_file(args.output, "-o")
    if getattr(args, "report", None) is not None:
        check_output_file(args.report, "--report")
        if args.output is not None and args.report.resolve() == args.output.resolve():
            raise OutputError(f"--report {args.report}: the same file as -o")


def _write(content: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        sys.stdout.flush()
        return
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(outlet=args.outlet, published=args.published, fetch=args.fetch)


def run_brief(args: argparse.Namespace) -> int:
    with _progress(args) as progress:
        read_options = replace(_read_options(args), progress=_reading(progress))
        options = BriefOptions(read=read_options, workers=args.workers)
        _load_models(progress)
        progress.stage("reading inputs")

        def analysing(done: int, total: int) -> None:
            if progress.unit != "articles":
                progress.stage("analysing", total, "articles")
            progress.count(done, total)
            if done == total:
                progress.stage("aligning claims into facts")

        result = brief(args.inputs, options, stdin=sys.stdin.buffer, progress=analysing)
        progress.stage("writing")
        _report(result.rejected, result.warnings)
        color = args.output is None and args.format == "text" and sys.stdout.isatty()
        rendered = _render(result, args.format, color)
        report = _render(result, "html", False) if args.report is not None else None
    _write(rendered, args.output)
    if args.output is not None:
        print(f"newsweave: brief written to {args.output}", file=sys.stderr)
    if report is not None:
        _write(report, args.report)
        print(f"newsweave: HTML report written to {args.report}", file=sys.stderr)
    return EXIT_OK


def _reading(progress: _Progress) -> Callable[[int, int], None]:
    """Counts inputs as they are read: "reading: 1,200 of 20,000 inputs"."""

    def count(done: int, total: int) -> None:
        if progress.unit != "inputs":
            progress.stage("reading", total, "inputs")
        progress.count(done, total)

    return count


def _load_models(progress: _Progress) -> None:
    from newsweave.align.static_embed import load_static_embedder
    from newsweave.analysis.nlp import load_nlp

    progress.stage("loading the language models")
    load_nlp()
    load_static_embedder()


def _report(rejected: Sequence[Rejected], warnings: Sequence[str]) -> None:
    for item in rejected:
        print(f"newsweave: skipped {item.describe()}", file=sys.stderr)
    for warning in warnings:
        print(f"newsweave: warning: {warning}", file=sys.stderr)


def _corpus_options(args: argparse.Namespace) -> CorpusOptions:
    from newsweave.corpus.api import BATCH_ARTICLES, CorpusOptions

    batch = getattr(args, "batch", None) or BATCH_ARTICLES
    state = args.db or args.state
    return CorpusOptions(
        read=_read_options(args),
        state=state,
        batch=batch,
        workers=getattr(args, "workers", None),
        engine=args.engine,
        scheduler=args.scheduler,
    )


@contextmanager
def _dask(options: CorpusOptions) -> Iterator[Any]:
    """The Dask client of a ``--engine dask`` run (None for the local engine)."""
    if options.engine != "dask":
        yield None
        return
    from newsweave.corpus.dask_engine import dask_client

    with dask_client(options.scheduler, options.workers) as client:
        yield client


def run_cluster(args: argparse.Namespace) -> int:
    from newsweave.corpus.api import open_index
    from newsweave.corpus.briefs import IndexDocuments
    from newsweave.render.stories import render_stories_text
    from newsweave.render.stories_html import render_stories_html
    from newsweave.render.stories_json import write_stories_json

    options = _corpus_options(args)
    with _progress(args) as progress:
        progress.stage("opening the index")
        with open_index(options.state, options.copy) as index, _dask(options) as client:
            run = _index_inputs(args, options, index, progress, client)
            progress.stage("writing the stories")
            documents = IndexDocuments(index)
            if args.format == "json":
                _write_streamed(
                    lambda out: write_stories_json(run, index.articles(), out), args.output
                )
            elif args.format == "html":
                _write(render_stories_html(run, documents), args.output)
            else:
                color = args.output is None and sys.stdout.isatty()
                _write(render_stories_text(run, documents, color=color), args.output)
    if args.output is not None:
        print(f"newsweave: stories written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _index_inputs(
    args: argparse.Namespace,
    options: CorpusOptions,
    index: Store,
    progress: _Progress,
    client: Any = None,
) -> StoryRun:
    """Index the inputs of ``args`` and find the stories; report what was rejected."""
    from newsweave.corpus.api import run_on_index

    progress.stage("reading and indexing", None, "inputs read")
    read_warnings: list[str] = []
    inputs = iter_inputs(args.inputs, options.read, sys.stdin.buffer, warnings=read_warnings)
    items = _counted(inputs, progress)

    def indexed(done: int, total: int) -> None:
        progress.label = f"reading and indexing ({done:,} articles indexed)"

    run = run_on_index(index, items, options, indexed, stage=progress.stage, client=client)
    _report(run.rejected, (*read_warnings, *run.warnings))
    if not run.stories:
        raise nothing_usable(run.rejected)
    return run


def _write_streamed(write: Callable[[TextIO], None], path: Path | None) -> None:
    if path is None:
        write(sys.stdout)
        sys.stdout.write("\n")
        sys.stdout.flush()
        return
    try:
        with path.open("w", encoding="utf-8") as out:
            write(out)
            out.write("\n")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def run_corpus_brief(args: argparse.Namespace) -> int:
    from newsweave.corpus.api import open_index
    from newsweave.corpus.briefs import choose_stories, story_briefs

    options = _corpus_options(args)
    with _progress(args) as progress:
        progress.stage("opening the index")
        with open_index(options.state, options.copy) as index, _dask(options) as client:
            run = _index_inputs(args, options, index, progress, client)
            chosen = choose_stories(run.stories, args.story, args.all)
            if args.story is None and not args.all:
                print(
                    f"newsweave: briefing the largest of {len(run.stories)} stories "
                    f"({chosen[0].id}); choose with --story ID or --all",
                    file=sys.stderr,
                )
            _load_models(progress)
            progress.stage("briefing", len(chosen), "stories")
            briefs = []
            for story, found in story_briefs(
                index,
                chosen,
                BriefOptions(workers=args.workers, executor=_executor(client)),
                run.rejected,
                keep=options.state is not None,
            ):
                briefs.append((story, found))
                progress.count(len(briefs))
        progress.stage("writing")
        _write_briefs(briefs, args)
    return EXIT_OK


def _executor(client: Any) -> Executor | None:
    if client is None:
        return None
    from newsweave.corpus.dask_engine import DaskExecutor

    return DaskExecutor(client)


def _write_briefs(briefs: Sequence[tuple[Story, Brief]], args: argparse.Namespace) -> None:
    if len(briefs) == 1 and not (args.format == "html" and args.all):
        _write(_render(briefs[0][1], args.format, _color(args)), args.output)
    elif args.format == "json":
        from newsweave.render.json_out import brief_to_dict

        items = [{"story": story.id, "brief": brief_to_dict(b)} for story, b in briefs]
        _write(json.dumps(items, ensure_ascii=False, indent=2), args.output)
    elif args.format == "html" and args.output is not None:
        try:
            args.output.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{args.output}: cannot create ({exc.strerror or exc})") from exc
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


# ---- Ctrl-C --------------------------------------------------------------------------------


class _Interrupt:
    """SIGINT handling: the first Ctrl-C raises ``KeyboardInterrupt`` here so the run unwinds
    (an unfinished index batch is rolled back) and starts a watchdog that ends the process after
    ``INTERRUPT_GRACE_S`` whatever is still running; a second Ctrl-C ends it at once. Either way
    one line, ``newsweave: interrupted``, and exit code 130."""

    def __init__(self) -> None:
        self.said = threading.Lock()
        self.previous: object = None

    def install(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)

    def uninstall(self) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]
            self.previous = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if getattr(self, "armed", False):
            self.finish()
        self.armed = True
        # Worker pools' helper threads see their workers stopped: nothing of that is news.
        threading.excepthook = lambda args: None
        watchdog = threading.Timer(INTERRUPT_GRACE_S, self.finish)
        watchdog.daemon = True
        watchdog.start()
        raise KeyboardInterrupt

    def say(self) -> None:
        """Write the one line (once, whoever gets here first)."""
        if self.said.acquire(blocking=False):
            try:
                sys.stderr.write("newsweave: interrupted\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass

    def finish(self) -> None:
        """End the process now: worker processes too."""
        self.say()
        _stop_children()
        os._exit(EXIT_INTERRUPTED)


def _stop_children() -> None:
    for child in multiprocessing.active_children():
        child.kill()


def _check_usage(args: argparse.Namespace) -> None:
    """What argparse cannot check, checked before any work: ``OptionsError``/``OutputError``."""
    if args.command == "brief" and not args.corpus:
        corpus_only = (
            args.story is not None
            or args.all
            or args.state
            or args.db
            or args.engine != "local"
            or args.scheduler
        )
    else:
        corpus_only = False
    if corpus_only:
        raise OptionsError("--story, --all, --state, --db, --engine and --scheduler need --corpus")
    if getattr(args, "scheduler", None) and args.engine != "dask":
        raise OptionsError("--scheduler needs --engine dask")
    if getattr(args, "all", False) and args.format == "html" and args.output is None:
        raise OptionsError("--all --format html writes one file per story: give -o DIR")
    _check_outputs(args)


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        return run_serve(args)
    if args.command == "cluster":
        return run_cluster(args)
    if args.corpus:
        return run_corpus_brief(args)
    return run_brief(args)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        _check_usage(args)
    except (OptionsError, OutputError) as exc:
        print(f"newsweave: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    interrupt = _Interrupt()
    interrupt.install()
    try:
        return _run(args)
    except OutputError as exc:  # found only when writing (a full disk)
        print(f"newsweave: error: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    except NewsweaveError as exc:
        print(f"newsweave: error: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    except KeyboardInterrupt:
        interrupt.say()
        _stop_children()
        return EXIT_INTERRUPTED
    finally:
        interrupt.uninstall()


if __name__ == "__main__":
    raise SystemExit(main())
