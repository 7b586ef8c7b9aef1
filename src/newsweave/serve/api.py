"""The HTTP API: JSON over HTTP, described by the OpenAPI document at ``/openapi.json``.

Reads return the store's records (``newsweave.store.records``) as JSON and a story's brief as
brief JSON (schema 2.0); ``POST /api/articles`` queues records for indexing and answers with
the run's status, which ``GET /api/jobs/{id}`` follows. Errors are
``{"error": {"status": ..., "message": ...}}`` with the matching status code.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsweave.ingest import ReadOptions
from newsweave.serve.bodies import compress, gzipped_response
from newsweave.serve.guard import is_authorised
from newsweave.serve.openapi import openapi_document
from newsweave.serve.pages import state_of
from newsweave.serve.query import story_query, to_json
from newsweave.serve.uploads import records_upload, submission

RECORDS_MAX = 1000  # records one request may add
JSON = "application/json"


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(_dumps(data), status, headers, media_type=JSON)


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def list_stories(request: Request) -> Response:
    state = state_of(request)
    query = story_query(request.query_params, strict=True)

    def draw() -> bytes:
        return compress(_dumps(to_json(state.reader.story_page(query))))

    body = state.lists.get_or_make(("api", query, state.jobs.current_generation), draw)
    return gzipped_response(request, body, JSON)


def get_story(request: Request) -> Response:
    story = state_of(request).summary(request.path_params["story_id"])
    if story is None:
        raise HTTPException(404, f"no story {request.path_params['story_id']!r}")
    return json_response(to_json(story))


def get_brief(request: Request) -> Response:
    state = state_of(request)
    story = state.summary(request.path_params["story_id"])
    if story is None:
        raise HTTPException(404, f"no story {request.path_params['story_id']!r}")

    def serialise() -> bytes | None:
        text = state.reader.brief_json(story.id)  # passed on as stored, not parsed
        return None if text is None else compress(text.encode("utf-8"))

    body = state.briefs.get_or_make(("brief", story, state.jobs.current_generation), serialise)
    if body is None:
        raise HTTPException(404, f"the brief of story {story.id!r} is not computed yet")
    return gzipped_response(request, body, JSON)


def get_article(request: Request) -> Response:
    article = state_of(request).reader.article(request.path_params["article_id"])
    if article is None:
        raise HTTPException(404, f"no article {request.path_params['article_id']!r}")
    return json_response(to_json(article))


def list_outlets(request: Request) -> Response:
    outlets = state_of(request).reader.outlets()
    return json_response([{"name": name, "articles": count} for name, count in outlets])


def get_outlet(request: Request) -> Response:
    outlet = state_of(request).reader.outlet(request.path_params["name"])
    if outlet is None:
        raise HTTPException(404, f"no outlet {request.path_params['name']!r}")
    return json_response(to_json(outlet))


async def add_articles(request: Request) -> Response:
    state = state_of(request)
    if not is_authorised(state.options.token, request.headers.get("authorization")):
        raise HTTPException(401, "the token is missing or wrong", {"WWW-Authenticate": "Bearer"})
    records = _records(await request.body())
    read = ReadOptions(fetch=False)
    work = await run_in_threadpool(submission, [records_upload(records)], [], read)
    job = state.jobs.submit(work)
    return json_response(to_json(job), 202, {"Location": f"/api/jobs/{job.id}"})


def _records(body: bytes) -> list[dict[str, Any]]:
    """The request's ``{"articles": [...]}``; each record is checked later by the ingest
    readers (a bad one is reported in the run's ``rejected``, the others are added)."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise HTTPException(400, 'the body must be JSON: {"articles": [{"text": ...}]}') from None
    records = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(records, list) or not records:
        raise HTTPException(400, 'the body must be {"articles": [...]} with at least one record')
    if len(records) > RECORDS_MAX:
        raise HTTPException(400, f"at most {RECORDS_MAX} records at once, got {len(records)}")
    if not all(isinstance(record, dict) for record in records):
        raise HTTPException(400, "each record must be a JSON object")
    return records


def get_job(request: Request) -> Response:
    job = state_of(request).jobs.get(request.path_params["job_id"])
    if job is None:
        raise HTTPException(404, f"no indexing run {request.path_params['job_id']!r}")
    return json_response(to_json(job))


def openapi(request: Request) -> Response:
    return json_response(openapi_document())


ROUTES = [
    Route("/openapi.json", openapi, name="openapi"),
    Route("/api/stories", list_stories, name="api_stories"),
    Route("/api/stories/{story_id}", get_story, name="api_story"),
    Route("/api/stories/{story_id}/brief", get_brief, name="api_brief"),
    Route("/api/articles", add_articles, name="api_add", methods=["POST"]),
    Route("/api/articles/{article_id:path}", get_article, name="api_article"),
    Route("/api/outlets", list_outlets, name="api_outlets"),
    Route("/api/outlets/{name:path}", get_outlet, name="api_outlet"),
    Route("/api/jobs/{job_id}", get_job, name="api_job"),
]
