"""The serve package's small parts: options, query parameters, upload names, the cache, the
OpenAPI document, the command line; and every docstring example of the package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import newsweave.serve
from newsweave.cli import main
from newsweave.errors import OptionsError
from newsweave.serve.cache import TtlCache
from newsweave.serve.openapi import openapi_document
from newsweave.serve.options import ServeOptions, is_loopback
from newsweave.serve.query import story_query
from newsweave.serve.uploads import safe_name


def serve_modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(newsweave.serve.__path__, "newsweave.serve.")]


@pytest.mark.parametrize("name", serve_modules())
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.5.0.1", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_other_addresses_need_a_long_enough_token() -> None:
    with pytest.raises(OptionsError, match="needs a token"):
        ServeOptions(host="0.0.0.0")
    with pytest.raises(OptionsError, match="at least 16"):
        ServeOptions(host="0.0.0.0", token="short")
    assert ServeOptions(host="0.0.0.0", token="x" * 16).allowed_hosts == ("*",)
    assert "localhost" in ServeOptions().allowed_hosts


@pytest.mark.parametrize(
    ("params", "strict", "message"),
    [({"sort": "best"}, False, "sort must be one of"), ({"limit": "-1"}, False, "limit"),
     ({"limit": "٣"}, False, "limit"), ({"until": "2026-13-01"}, False, "until"),
     ({"disagreements": "on"}, True, "disagreements"), ({"offset": ""}, True, "offset is empty"),
     ({"q": "x" * 501}, False, "longer than")],
)  # fmt: skip
def test_bad_query_parameters_say_which(params: dict[str, str], strict: bool, message: str) -> None:
    from starlette.exceptions import HTTPException

    with pytest.raises(HTTPException, match=message) as raised:
        story_query(params, strict=strict)
    assert raised.value.status_code == 400


def test_form_query_reads_what_the_form_sends() -> None:
    form = {"q": " rail ", "outlet": "", "since": "", "until": "2026-03-14", "sort": "size"}
    query = story_query({**form, "disagreements": "on", "offset": "50"})
    assert (query.text, query.outlet, query.since, query.sort) == ("rail", None, None, "size")
    assert query.disagreements and query.offset == 50 and str(query.until) == "2026-03-14"


@pytest.mark.parametrize(
    ("name", "safe"),
    [("report.html", "report.html"), ("C:\\Users\\me\\a b.txt", "a-b.txt"),
     ("/etc/passwd", "passwd"), ("..", "upload.txt"), ("", "upload.txt"),
     ("évènement.txt", "v-nement.txt"), ("x" * 300 + ".json", "x" * 95 + ".json")],
)  # fmt: skip
def test_upload_names_stay_in_their_folder(name: str, safe: str) -> None:
    assert safe_name(name, set()) == safe


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_cache_entries_expire_and_are_evicted() -> None:
    clock = Clock()
    cache: TtlCache[str] = TtlCache(entries=2, ttl_s=10, clock=clock)
    calls: list[str] = []

    def make(key: str) -> str:
        calls.append(key)
        return key

    assert cache.get_or_make("a", lambda: make("a")) == cache.get_or_make("a", lambda: make("a"))
    clock.now = 11
    cache.get_or_make("a", lambda: make("a"))
    cache.get_or_make("b", lambda: make("b"))
    cache.get_or_make("c", lambda: make("c"))
    cache.get_or_make("a", lambda: make("a"))  # a is the oldest after expiry: evicted by c
    assert calls == ["a", "a", "b", "c", "a"]


def test_cache_holds_at_most_its_bytes() -> None:
    cache: TtlCache[bytes] = TtlCache(max_bytes=10)
    for key in "abc":
        cache.get_or_make(key, lambda: b"12345")
    assert list(cache.items) == ["b", "c"] and cache.size == 10
    cache.get_or_make("big", lambda: b"x" * 11)  # never kept, and evicts nothing
    assert list(cache.items) == ["b", "c"] and cache.size == 10


def test_openapi_document_refers_only_to_what_it_defines() -> None:
    document = openapi_document()
    schemas = document["components"]["schemas"]
    refs = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                refs.add(ref.removeprefix("#/components/schemas/"))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    assert refs <= set(schemas)
    assert "brief.Brief" in refs and "brief.mention" in refs


def test_cli_refuses_another_address_without_a_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    assert main(["serve", "--state", str(tmp_path / "state"), "--host", "0.0.0.0"]) == 1
    assert "needs a token" in capsys.readouterr().err
    assert not (tmp_path / "state").exists()  # refused before anything was created


def test_cli_needs_a_store(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve"])
    assert exited.value.code == 2
    assert "--state" in capsys.readouterr().err


def test_public_names_are_pinned() -> None:
    assert newsweave.serve.__all__ == ["Backend", "ServeOptions", "StoreBackend", "create_app"]


def test_cache_makes_a_value_once_for_concurrent_callers() -> None:
    clock = Clock()
    cache: TtlCache[str] = TtlCache(ttl_s=10, clock=clock)
    made: list[int] = []

    def slow() -> str:
        made.append(1)
        time.sleep(0.2)
        return f"v{len(made)}"

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(lambda _: cache.get_or_make("k", slow), range(8))) == {"v1"}
        clock.now = 11  # expired: one caller makes it again, the others get the old value
        assert set(pool.map(lambda _: cache.get_or_make("k", slow), range(8))) <= {"v1", "v2"}
    assert len(made) == 2 and cache.get_or_make("k", slow) == "v2"
