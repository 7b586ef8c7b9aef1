"""``newsweave serve`` as users start it: a process that indexes the PATHs it is given in the
background, answers on 127.0.0.1 meanwhile, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.serve.test_browser import free_port

START_TIMEOUT_S = 60.0
INDEX_TIMEOUT_S = 120.0


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def wait_until(check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not ready after {timeout} s")


def test_serve_indexes_its_paths_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    article = tmp_path / "inputs" / "skarv-ferries.txt"
    article.parent.mkdir()
    article.write_text(
        "Ferries from Skarv to Lindqvist ran again on Wednesday after two days of storms, "
        "the ferry company said. About 40 lorries crossed on the first sailing.",
        encoding="utf-8",
    )
    port = free_port()
    command = [sys.executable, "-m", "newsweave", "serve", "--state", str(tmp_path / "state"),
               "--port", str(port), str(article.parent)]  # fmt: skip
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: get_json(f"{base}/api/stories") is not None, START_TIMEOUT_S)
        wait_until(lambda: get_json(f"{base}/api/stories?q=Skarv")["total"] == 1, INDEX_TIMEOUT_S)
        story = get_json(f"{base}/api/stories?q=Skarv")["stories"][0]
        assert story["articles"] == 1 and story["title"]
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert f"serving on {base}/" in stderr
