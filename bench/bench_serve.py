"""Load benchmark of ``newsweave serve``: concurrent clients on loopback against a store.

Builds the store once if it is missing (from a collection of JSON Lines records such as
``bench/corpus_replica.py`` writes), then starts ``newsweave serve`` in its own process and
runs ``--clients`` keep-alive HTTP/1.1 clients (asyncio, one process) for ``--seconds``. Each
request is one of three, in turn: the story list (``/``, with a search now and then), a story
page (``/stories/{id}``) and a story's brief (``/api/stories/{id}/brief``), the stories drawn
from the largest with a precomputed brief; each of their pages is first drawn once (the
server caches them), unless ``--cold``. Prints requests/s, p50/p95/p99 latency per kind and
errors (any status but 200, or a broken connection). ``--index RECORDS`` posts JSON Lines
records as one indexing run when the measured load starts (readers while the store writes).

Usage:
  .venv/bin/python bench/corpus_replica.py --out /tmp/corpus-10k --size 10000
  .venv/bin/python bench/bench_serve.py --store /tmp/serve-10k --build /tmp/corpus-10k \\
      [--clients 50] [--seconds 60] [--stories 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("list", "story", "brief")
# As a browser asks: keep-alive, gzip accepted (bodies are counted, not unpacked).
REQUEST = "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n"
SEARCHES = ("president", "court", "election", "police", "climate", "vaccine")
READY_TIMEOUT_S = 120.0


def build_store(store: Path, corpus: Path) -> None:
    """Index ``corpus`` into ``store``, then precompute every story's brief (timed apart)."""
    from newsweave.ingest import ReadOptions, iter_inputs
    from newsweave.store.api import UpdateOptions, update

    started = time.perf_counter()
    items = iter_inputs([str(corpus)], ReadOptions(), None, warnings=[])
    result = update(store, items, UpdateOptions(briefs=False), progress=_every(1000))
    indexed = time.perf_counter()
    print(f"indexed {result.added:,} articles in {indexed - started:.0f} s", flush=True)
    update(store, (), UpdateOptions(briefs=True))
    print(f"briefs precomputed in {time.perf_counter() - indexed:.0f} s", flush=True)


def _every(step: int) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if done % step == 0:
            print(f"  {done:,} read", flush=True)

    return report


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    reconnects: int = 0


async def fetch(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str
) -> tuple[int, int]:
    """One keep-alive GET: (status, body length)."""
    writer.write(REQUEST.format(path=path).encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(v) for k, _, v in (h.partition(":") for h in lines[1:]) if k.lower() == "content-length"
    )
    await reader.readexactly(length)
    return status, length


async def client(
    port: int, stories: list[str], until: float, tally: Tally, rng: random.Random
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    turn = rng.randrange(len(KINDS))
    while time.perf_counter() < until:
        kind = KINDS[turn % len(KINDS)]
        turn += 1
        path = request_path(kind, stories, rng)
        started = time.perf_counter()
        try:
            try:
                status, _ = await fetch(reader, writer, path)
            except asyncio.IncompleteReadError as exc:
                if exc.partial:
                    raise
                # The server closed the idle keep-alive connection: as HTTP clients do,
                # send the GET again on a new one.
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                tally.reconnects += 1
                status, _ = await fetch(reader, writer, path)
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            tally.errors.append(f"{path}: {exc!r}")
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            continue
        tally.latencies[kind].append(time.perf_counter() - started)
        if status != 200:
            tally.errors.append(f"{path}: HTTP {status}")
    writer.close()


def request_path(kind: str, stories: list[str], rng: random.Random) -> str:
    if kind == "list":
        if rng.random() < 0.25:
            return f"/?q={rng.choice(SEARCHES)}"
        return "/" if rng.random() < 0.5 else "/?sort=size"
    story = rng.choice(stories)
    return f"/stories/{story}" if kind == "story" else f"/api/stories/{story}/brief"


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "newsweave",
        "serve",
        "--state",
        str(store),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def briefed_stories(port: int, count: int) -> list[tuple[str, int]]:
    """(id, articles) of the largest stories with a precomputed brief, up to ``count``."""
    found: list[tuple[str, int]] = []
    offset = 0
    while len(found) < count:
        url = f"http://127.0.0.1:{port}/api/stories?sort=size&limit=200&offset={offset}"
        with urllib.request.urlopen(url, timeout=30) as response:
            page = json.load(response)
        if not page["stories"]:
            break
        found += [(s["id"], s["articles"]) for s in page["stories"] if s["has_brief"]]
        offset += 200
    return found[:count]


def start_indexing(port: int, records: Path) -> str:
    """Post the JSON Lines records under ``records`` as one indexing run; its status URL."""
    articles = [
        json.loads(line)
        for path in sorted(records.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    body = json.dumps({"articles": articles}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/articles",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        job = json.load(response)
    print(f"indexing run of {len(articles)} records started during the load", flush=True)
    return f"http://127.0.0.1:{port}/api/jobs/{job['id']}"


def job_state(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        job = json.load(response)
    return f"{job['state']}: {job['message']} ({job['done']} of {job['total']})"


def warm(port: int, stories: list[str]) -> float:
    """Visit every story page and brief once (drawn and cached, as after first readers);
    the seconds it took."""
    started = time.perf_counter()
    paths = [p for s in stories for p in (f"/stories/{s}", f"/api/stories/{s}/brief")]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda path: _get(port, path), paths))
    return time.perf_counter() - started


def _get(port: int, path: str) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=300) as response:
        response.read()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(tally: Tally, seconds: float) -> None:
    total = sum(len(v) for v in tally.latencies.values())
    print(f"{total:,} requests in {seconds:.0f} s: {total / seconds:,.0f} requests/s")
    for kind in KINDS:
        values = tally.latencies[kind]
        if values:
            p50, p95, p99 = (1000 * percentile(values, s) for s in (0.5, 0.95, 0.99))
            mean = 1000 * statistics.fmean(values)
            print(
                f"  {kind:6} {len(values):7,}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"p99 {p99:6.1f} ms  mean {mean:6.1f} ms"
            )
    kinds = Counter(error.rsplit(": ", 1)[-1] for error in tally.errors)
    print(
        f"errors: {len(tally.errors)} {dict(kinds) if kinds else ''}; idle connections "
        f"closed by the server and reopened: {tally.reconnects}",
        *tally.errors[:5],
        sep="\n  ",
    )


async def run_load(port: int, stories: list[str], clients: int, seconds: float) -> Tally:
    tally = Tally()
    until = time.perf_counter() + seconds
    rngs = [random.Random(n) for n in range(clients)]
    await asyncio.gather(*(client(port, stories, until, tally, rng) for rng in rngs))
    return tally


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the store's state folder")
    parser.add_argument("--build", type=Path, help="records to build the store from if missing")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--stories", type=int, default=200, help="stories the clients visit")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load not counted")
    parser.add_argument("--index", type=Path, help="JSON Lines records to add during the load")
    parser.add_argument("--cold", action="store_true", help="do not draw each page once first")
    args = parser.parse_args()
    if not (args.store / "index.sqlite").exists():
        if args.build is None:
            raise SystemExit(f"{args.store}: no store; give --build RECORDS to build one")
        build_store(args.store, args.build)
    port = free_port()
    server = start_server(args.store, port)
    try:
        sample = briefed_stories(port, args.stories)
        if not sample:
            raise SystemExit("no story has a precomputed brief")
        stories, sizes = [s for s, _ in sample], [n for _, n in sample]
        print(
            f"{len(stories)} stories with briefs ({statistics.median(sizes):.0f} articles "
            f"median, {max(sizes)} most); {args.clients} clients, {args.seconds:.0f} s"
        )
        if not args.cold:
            print(f"each page and brief drawn once in {warm(port, stories):.0f} s", flush=True)
        if args.warmup:
            asyncio.run(run_load(port, stories, args.clients, args.warmup))
        job = start_indexing(port, args.index) if args.index else None
        started = time.perf_counter()
        tally = asyncio.run(run_load(port, stories, args.clients, args.seconds))
        report(tally, time.perf_counter() - started)
        if job is not None:
            print(f"indexing run at the end of the load: {job_state(job)}")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
