"""Run ``newsweave brief`` on generated bad inputs, each beside two good articles.

    .venv/bin/python scripts/reliability.py [--timeout 300] [--memory-gb 6] [--jobs 4] [--only NAME]

Each case runs in its own process with a time and memory limit and is counted as rejected
(named in ``rejected``), crashed (a traceback, or an exit other than 0 and 1), hung (past the
timeout) or lost (a good article missing from the brief). The corpus is generated in a
temporary folder at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "newsweave"
PROSE = (ROOT / "examples" / "story" / "continental-press.txt").read_text(encoding="utf-8")
GOOD = (
    "The port of Vessa reopened on Monday after a three-day strike, officials said. "
    "About 400 dock workers returned to work, the union said.\n",
    "Dock workers in Vessa ended their strike on Monday, the union said. "
    "Some 400 workers went back to work at the port, officials said.\n",
)
Maker = Callable[[Path], list[str]]


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _write(folder: Path, name: str, data: str | bytes) -> list[str]:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return [str(path)]


def _feed(entity: str, body: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{entity}]>\n<rss version="2.0"><channel>'
        f"<title>Feed</title><item><title>Item</title><description>{body}</description>"
        "</item></channel></rss>"
    )


BOMB = '<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
)


def _symlink_loop(folder: Path) -> list[str]:
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    return [str(folder / "a")]


def _fifo_folder(folder: Path) -> list[str]:
    inner = folder / "with-fifo"
    inner.mkdir()
    os.mkfifo(inner / "pipe.txt")
    _write(inner, "ok.txt", PROSE)
    return [str(inner)]


def _unreadable(folder: Path) -> list[str]:
    paths = _write(folder, "secret.txt", PROSE)
    Path(paths[0]).chmod(0)
    return paths


def _many_files(folder: Path) -> list[str]:
    inner = folder / "tiny"
    inner.mkdir()
    for i in range(20_000):
        (inner / f"{i}.txt").write_text(f"Item {i} was filed on Monday.\n", encoding="utf-8")
    return [str(inner)]


def _archives(folder: Path) -> list[str]:
    _write(folder, "story.txt.gz", gzip.compress(PROSE.encode()))
    with zipfile.ZipFile(folder / "story.zip", "w") as archive:
        archive.writestr("story.txt", PROSE)
    return [str(folder / "story.txt.gz"), str(folder / "story.zip")]


def _record(text: str, **extra: object) -> str:
    return json.dumps({"text": text, **extra})


CASES: dict[str, Maker] = {
    "binary": lambda d: _write(d, "binary.txt", os.urandom(50_000)),
    "empty": lambda d: _write(d, "empty.txt", b""),
    "huge text (1.2M chars)": lambda d: _write(d, "huge.txt", _fill(PROSE, 1_200_000)),
    "over the input limit (25 MB)": lambda d: _write(d, "giant.txt", _fill(PROSE, 25_000_000)),
    "deep html": lambda d: _write(d, "deep.html", "<div>" * 100_000 + "text" + "</div>" * 100_000),
    "200,000 html paragraphs": lambda d: _write(d, "paras.html", "<p>Word here.</p>" * 200_000),
    "deep json": lambda d: _write(d, "deep.json", "[" * 100_000 + "]" * 100_000),
    "5,000-digit integer": lambda d: _write(
        d, "bigint.json", _record(PROSE)[:-1] + ', "id": ' + "9" * 5000 + "}"
    ),
    "cp1252 text": lambda d: _write(
        d, "legacy.txt", PROSE.replace("š", "s").encode("cp1252", "replace")
    ),
    "utf-16 text": lambda d: _write(d, "utf16.txt", PROSE.encode("utf-16")),
    "lone surrogate": lambda d: _write(
        d, "surrogate.json", '{"text": "' + "Talks \\ud800 ended. " * 20 + '"}'
    ),
    "nul bytes": lambda d: _write(d, "nul.txt", PROSE[:500] + "\0" + PROSE[500:]),
    "nul in jsonl": lambda d: _write(
        d, "nul.jsonl", _record(PROSE) + "\n" + _record("a\0b " * 20) + "\n"
    ),
    "broken jsonl lines": lambda d: _write(
        d, "mixed.jsonl", _record(PROSE) + "\n{broken\n" + _record(GOOD[0]) + "\n"
    ),
    "xml entity expansion": lambda d: _write(d, "bomb.xml", _feed(BOMB, "&j;")),
    "xml external entity": lambda d: _write(
        d, "xxe.xml", _feed('<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;")
    ),
    "gzip and zip": _archives,
    "symlink loop": _symlink_loop,
    "fifo in a folder": _fifo_folder,
    "unreadable file": _unreadable,
    "20,000 tiny files": _many_files,
    "glob matching nothing": lambda d: [str(d / "nothing-here" / "*.txt")],
    "/dev/zero": lambda d: ["/dev/zero"],
    "/dev/urandom": lambda d: ["/dev/urandom"],
    "20,000 quotation marks": lambda d: _write(d, "quotes.txt", '"' * 20_000),
    "10,000 nested brackets": lambda d: _write(d, "brackets.txt", "(" * 10_000 + ")" * 10_000),
    "5,000 date-like tokens": lambda d: _write(d, "dates.txt", "12/12/12 " * 5_000),
    "150,000-word sentence": lambda d: _write(
        d, "sentence.txt", _fill("the minister said talks ", 900_000)
    ),
    "1 MB without punctuation": lambda d: _write(
        d, "nopunct.txt", _fill("minister talks rail ", 1_000_000)
    ),
    "many short lines": lambda d: _write(d, "lines.txt", "Talks\n" * 50_000),
}


@dataclass
class Outcome:
    name: str
    tried: int
    rejected: int = 0
    crashed: str = ""
    hung: bool = False
    lost: int = 0
    seconds: float = 0.0


def _limit(memory: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run_case(name: str, folder: Path, timeout: float, memory: int) -> Outcome:
    folder.mkdir()
    specs = CASES[name](folder)
    goods = [_write(folder, f"good{i + 1}.txt", text)[0] for i, text in enumerate(GOOD)]
    out = folder / "out.json"
    command = [str(EXE), "brief", *specs, *goods, "--format", "json", "-o", str(out)]
    outcome = Outcome(name, len(specs))
    start = time.perf_counter()
    # A session of its own, so that a timeout also ends the run's forked workers.
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit(memory),
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            outcome.hung, outcome.seconds = True, time.perf_counter() - start
            return outcome
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    outcome.seconds = time.perf_counter() - start
    _judge(outcome, done, out, goods)
    return outcome


def _judge(
    outcome: Outcome, done: subprocess.CompletedProcess[str], out: Path, goods: list[str]
) -> None:
    if "Traceback" in done.stderr or done.returncode not in (0, 1):
        outcome.crashed = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
        return
    if done.returncode == 1 or not out.exists():
        outcome.lost = len(goods)
        return
    brief = json.loads(out.read_text(encoding="utf-8"))
    sources = " ".join(str(d.get("source", "")) for d in brief.get("documents", []))
    outcome.lost = sum(1 for g in goods if g not in sources)
    outcome.rejected = len(brief.get("rejected", []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--memory-gb", type=float, default=6.0, help="address space per case")
    parser.add_argument("--jobs", type=int, default=4, help="cases run at once")
    parser.add_argument("--only", action="append", help="run only these cases (repeatable)")
    args = parser.parse_args()
    names = args.only or list(CASES)
    memory = int(args.memory_gb * 2**30)
    with tempfile.TemporaryDirectory(prefix="newsweave-reliability-") as tmp:
        with ThreadPoolExecutor(args.jobs) as pool:
            jobs = [
                pool.submit(run_case, n, Path(tmp) / f"case{i}", args.timeout, memory)
                for i, n in enumerate(names)
            ]
            outcomes = [job.result() for job in jobs]
        for path in Path(tmp).rglob("*"):  # let the temporary folder be removed
            if not path.is_symlink():
                path.chmod(0o700)
    return _report(outcomes)


def _report(outcomes: list[Outcome]) -> int:
    for o in outcomes:
        state = f"CRASH {o.crashed}" if o.crashed else "HUNG" if o.hung else "ok"
        loss = f" LOST {o.lost}" if o.lost else ""
        print(f"{o.seconds:7.1f}s  {o.name:<32} rejected {o.rejected}{loss}  {state}")
    crashed = sum(1 for o in outcomes if o.crashed)
    hung = sum(1 for o in outcomes if o.hung)
    lost = sum(o.lost for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    print(
        f"\ncases {len(outcomes)}, inputs tried {sum(o.tried for o in outcomes)}, "
        f"rejected {sum(o.rejected for o in outcomes)}, crashed {crashed}, hung {hung}, "
        f"lost {lost}, slowest {slowest.name} ({slowest.seconds:.1f} s)"
    )
    return 1 if crashed or hung or lost else 0


if __name__ == "__main__":
    sys.exit(main())
