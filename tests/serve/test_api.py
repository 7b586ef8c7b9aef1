"""The HTTP API on a real store: reads, search and filters, the brief, errors as JSON, adding
records in the background (stories update without a restart), the token and the limits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsweave.schema.schema import check_mentions, validate_brief_json
from newsweave.serve import ServeOptions
from tests.serve.conftest import MAIN_ARTICLE, make_client

TOKEN = "correct-horse-battery-staple"
JOB_TIMEOUT_S = 120.0


def stories(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def main_story(client: TestClient) -> dict[str, Any]:
    story_id = client.get(f"/api/articles/{MAIN_ARTICLE}").json()["story"]
    story: dict[str, Any] = client.get(f"/api/stories/{story_id}").json()
    return story


def wait_for(client: TestClient, job_url: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        job = client.get(job_url).json()
        if job["state"] in ("done", "failed"):
            return dict(job)
        time.sleep(0.1)
    raise AssertionError(f"indexing run {job_url} did not end in {JOB_TIMEOUT_S} s")


def test_story_list_sorted_by_size_with_counts(client: TestClient) -> None:
    page = stories(client, sort="size")
    assert page["total"] == len(page["stories"]) >= 2
    sizes = [s["articles"] for s in page["stories"]]
    assert sizes == sorted(sizes, reverse=True)
    story = page["stories"][0]
    assert story == main_story(client)  # the wire story and its reprints: the largest
    assert story["articles"] >= 3 and "Eastgate Daily" in story["outlets"]
    assert story["has_brief"] and story["facts"] > story["established"] > 0


def test_search_by_words_entities_and_outlets(client: TestClient) -> None:
    main = main_story(client)["id"]
    assert main in [s["id"] for s in stories(client, q="Halvik")["stories"]]
    assert main in [s["id"] for s in stories(client, q="Varga")["stories"]]
    by_outlet = stories(client, q="Northbridge")["stories"]
    assert [s["id"] for s in by_outlet] == [main]
    assert stories(client, q="zebra crossing unicorn")["total"] == 0


def test_filters_narrow_the_list(client: TestClient) -> None:
    everything = stories(client)["total"]
    herald = stories(client, outlet="The Northbridge Herald")["stories"]
    assert [s["id"] for s in herald] == [main_story(client)["id"]]
    disagreeing = stories(client, disagreements="true")["stories"]
    assert disagreeing and all(s["disagreements"] > 0 for s in disagreeing)
    assert stories(client, until="2026-02-15")["total"] == 1  # the hostile February article
    assert stories(client, since="2026-03-01")["total"] == everything - 1
    assert stories(client, limit="1", offset="1")["stories"][0] == stories(client)["stories"][1]


def test_story_and_its_brief(client: TestClient) -> None:
    story = main_story(client)
    assert client.get(f"/api/stories/{story['id']}").json() == story
    brief = client.get(f"/api/stories/{story['id']}/brief").json()
    validate_brief_json(brief)
    assert check_mentions(brief) == []
    assert len(brief["facts"]) == story["facts"]
    assert {d["outlet"] for d in brief["documents"]} == set(story["outlets"])


def test_article_and_outlet(client: TestClient) -> None:
    article = client.get("/api/articles/eastgate-halvik-talks").json()
    assert article["outlet"] == "Eastgate Daily" and article["published"] == "2026-03-12"
    assert article["story"] == main_story(client)["id"]
    assert [c["outlet"] for c in article["copies_of"]] == ["Continental Press Agency"]
    outlet = client.get("/api/outlets/Continental Press Agency").json()
    assert {name for name, _ in outlet["copied_by"]} >= {"Eastgate Daily"}
    assert outlet["only_here"]
    for fact in outlet["only_here"][:3]:  # each names its story and its id in the brief
        brief = client.get(f"/api/stories/{fact['story']}/brief").json()
        assert fact["text"] in [f["text"] for f in brief["facts"] if f["id"] == fact["fact"]]
    outlets = client.get("/api/outlets").json()
    assert {"name": "Korvask Courier", "articles": 2} in outlets


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/stories/s-nothing", 404),
        ("/api/stories/s-nothing/brief", 404),
        ("/api/articles/no-such-article", 404),
        ("/api/outlets/No Such Outlet", 404),
        ("/api/jobs/no-such-job", 404),
        ("/api/stories?since=yesterday", 400),
        ("/api/stories?limit=0", 400),
        ("/api/stories?limit=100000", 400),
        ("/api/stories?sort=random", 400),
        ("/api/stories?disagreements=maybe", 400),
        ("/api/nothing-here", 404),
    ],
)
def test_errors_are_json_with_a_message(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status and error["message"]


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", b'{"articles": []}', b'{"articles": [1, 2]}', b"[" * 100_000],
)
def test_bad_bodies_are_400(client: TestClient, body: bytes) -> None:
    response = client.post("/api/articles", content=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_every_response_carries_a_strict_policy(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/api/stories/none", "/openapi.json", "/static/app.css"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_foreign_host_headers_are_refused(client: TestClient) -> None:
    for host in ("attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example"):
        response = client.get("/api/stories", headers={"host": host})
        assert response.status_code == 400
        assert "does not answer for the host" in response.json()["error"]["message"]
    assert client.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200


def test_cross_site_writes_are_refused(client: TestClient) -> None:
    headers = {"origin": "https://attacker.example"}
    response = client.post("/api/articles", json={"articles": [{"text": "x"}]}, headers=headers)
    assert response.status_code == 403
    response = client.post("/add", data={"paste": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_request_size_is_limited(store: Path) -> None:
    with make_client(store, ServeOptions(max_request_bytes=10_000)) as client:
        record = {"articles": [{"text": "word " * 5_000}]}
        response = client.post("/api/articles", json=record)
        assert response.status_code == 413
        assert "10,000 bytes" in response.json()["error"]["message"]


def test_writes_need_the_token_when_one_is_set(store: Path) -> None:
    with make_client(store, ServeOptions(token=TOKEN)) as client:
        body = {"articles": [{"text": "x"}]}
        assert client.post("/api/articles", json=body).status_code == 401
        wrong = {"authorization": "Bearer not-the-token-at-all"}
        assert client.post("/api/articles", json=body, headers=wrong).status_code == 401
        assert client.post("/add", data={"paste": "x", "token": "nope"}).status_code == 401
        assert client.get("/api/stories").status_code == 200  # reads stay open
        assert 'name="token"' in client.get("/add").text
        right = {"authorization": f"Bearer {TOKEN}"}
        posted = client.post("/api/articles", json=body, headers=right)
        assert posted.status_code == 202
        form = client.post("/add", data={"paste": "x", "token": TOKEN}, follow_redirects=False)
        assert form.status_code == 303
        for job in (posted.headers["location"], "/api" + form.headers["location"]):
            assert wait_for(client, job)["state"] == "done"  # before the module's next writer


def test_added_records_join_a_story_without_a_restart(client: TestClient) -> None:
    record = {
        "id": "harbor-follow-up",
        "title": "Halvik talks: rail link to reopen, sailors to go home",
        "outlet": "Harbor Gazette",
        "published": "2026-03-13",
        "url": "https://harbor-gazette.example/halvik",
        "text": _example_text(),
    }
    bad = {"title": "no text here"}
    response = client.post("/api/articles", json={"articles": [record, bad]})
    assert response.status_code == 202
    job = wait_for(client, response.headers["location"])
    assert job["state"] == "done", job
    assert (job["added"], job["total"], job["done"]) == (1, 1, 1)
    assert [name for name, _ in job["rejected"]] == ["records.json#2"]
    assert "no text" in job["rejected"][0][1]
    story_id = client.get("/api/articles/harbor-follow-up").json()["story"]
    assert story_id in job["stories"]
    after = client.get(f"/api/stories/{story_id}").json()
    assert after["articles"] >= 2  # it joined the example's articles (which: the story pass's call)
    assert "Harbor Gazette" in after["outlets"] and len(after["outlets"]) >= 2
    brief = client.get(f"/api/stories/{after['id']}/brief").json()
    assert "harbor-follow-up" in {d["id"] for d in brief["documents"]}
    assert _example_text()[:40] in client.get("/api/articles/harbor-follow-up").json()["text"]


def _example_text() -> str:
    """An outlet's own wording of the talks, built from the example's facts (no copying)."""
    return (
        "Foreign ministers Aleksandr Varga of Valdora and Milena Dušková of Drevnia met for "
        "90 minutes at Vennerholm Palace in Halvik on Thursday and agreed to reopen the "
        "Northern Corridor rail link. The 12 sailors of the Selka Star will be allowed to go "
        "home within two weeks, the ministers said. Freight traffic on the corridor is "
        "expected to resume in April, and the Valmont Development Bank offered a loan of "
        "€2.4 billion to repair bridges and signals."
    )


def test_readers_answer_while_a_run_indexes(client: TestClient) -> None:
    record = {"id": "ferry-delays", "outlet": "Skarv Tidende", "text": _example_text()}
    job_url = client.post("/api/articles", json={"articles": [record]}).headers["location"]
    reads_while_running = 0
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while (job := client.get(job_url).json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        started = time.monotonic()
        assert client.get("/api/stories?sort=size").status_code == 200
        assert client.get("/").status_code == 200
        assert time.monotonic() - started < 5.0  # not queued behind the writer
        reads_while_running += job["state"] == "running"
    assert job["state"] == "done" and reads_while_running > 0


def test_big_answers_go_gzipped_to_clients_that_take_it(client: TestClient) -> None:
    url = f"/api/stories/{main_story(client)['id']}/brief"
    plain = client.get(url, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    packed = client.get(url, headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.json() == plain.json()
    assert int(packed.headers["content-length"]) < len(plain.content) / 4


def test_a_store_that_cannot_be_read_is_a_503_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "index.sqlite").write_bytes(b"not a database at all" * 100)
    with make_client(tmp_path) as client:
        response = client.get("/api/stories")
        assert response.status_code == 503
        assert str(tmp_path) in response.json()["error"]["message"]
        page = client.get("/")
        assert page.status_code == 503 and "The store cannot be read" in page.text
