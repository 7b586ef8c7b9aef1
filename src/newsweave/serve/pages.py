"""The web app's pages: server-rendered HTML over the store's readers, readable without
JavaScript (the story list, a story's brief, articles, outlets, adding articles)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from newsweave.errors import OptionsError
from newsweave.ingest import ReadOptions
from newsweave.serve.bodies import compress, gzipped_response
from newsweave.serve.briefview import find_fact, safe_url, story_view
from newsweave.serve.guard import TOKEN_FIELD, is_authorised
from newsweave.serve.query import story_query
from newsweave.serve.state import ServeState
from newsweave.serve.uploads import FILES_MAX, Upload, check_urls, paste_name, submission
from newsweave.store.api import BRIEF_MAX_ARTICLES
from newsweave.store.records import StoryQuery, StorySummary

OUTLETS_MAX = 500  # outlets offered by the filter's list; others can still be typed
HTML = "text/html; charset=utf-8"


def state_of(request: Request) -> ServeState:
    state: ServeState = request.app.state.serve
    return state


def html(state: ServeState, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(state.render(name, **context), status_code=status)


def story_list(request: Request) -> Response:
    state = state_of(request)
    query = story_query(request.query_params)
    key = ("page", query, state.jobs.current_generation)
    body = state.lists.get_or_make(key, lambda: compress(_draw_list(state, query).encode()))
    return gzipped_response(request, body, HTML)


def _draw_list(state: ServeState, query: StoryQuery) -> str:
    page = state.reader.story_page(query)
    options = state.lists.get_or_make(
        ("outlets", state.jobs.current_generation),
        lambda: state.render(
            "_outlet_options.html", outlets=state.reader.outlets()[:OUTLETS_MAX]
        ).encode(),
    )
    return state.render(
        "stories.html",
        query=query,
        page=page,
        outlet_options=options.decode(),
        previous=_page_url(query, query.offset - query.limit) if query.offset > 0 else None,
        next=_page_url(query, query.offset + query.limit)
        if query.offset + query.limit < page.total
        else None,
    )


def _page_url(query: StoryQuery, offset: int) -> str:
    params = {
        "q": query.text,
        "outlet": query.outlet or "",
        "since": query.since.isoformat() if query.since else "",
        "until": query.until.isoformat() if query.until else "",
        "disagreements": "on" if query.disagreements else "",
        "sort": query.sort,
        "offset": str(max(0, offset)),
    }
    return "/?" + urlencode({k: v for k, v in params.items() if v})


def story_page(request: Request) -> Response:
    state = state_of(request)
    summary = _summary(state, request.path_params["story_id"])
    key = ("story", summary, state.jobs.current_generation)
    body = state.pages.get_or_make(key, lambda: compress(_draw_story(state, summary).encode()))
    return gzipped_response(request, body or b"", HTML)


def _summary(state: ServeState, story_id: str) -> StorySummary:
    summary = state.summary(story_id)
    if summary is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return summary


def _draw_story(state: ServeState, summary: StorySummary) -> str:
    brief = state.reader.brief(summary.id)
    view = story_view(brief) if brief is not None else None
    articles = state.reader.story_articles(summary.id) if view is None else ()
    return state.render(
        "story.html", story=summary, view=view, articles=articles, brief_max=BRIEF_MAX_ARTICLES
    )


def fact_page(request: Request) -> Response:
    state = state_of(request)
    summary = _summary(state, request.path_params["story_id"])
    fact_id = request.path_params["fact_id"]
    key = ("fact", summary, fact_id, state.jobs.current_generation)
    page = state.pages.get_or_make(key, lambda: _draw_fact(state, summary, fact_id))
    if page is None:
        raise HTTPException(404, f"no fact {fact_id!r} in this story")
    return gzipped_response(request, page, HTML)


def _draw_fact(state: ServeState, summary: StorySummary, fact_id: str) -> bytes | None:
    brief = state.reader.brief(summary.id)
    fact = find_fact(brief, fact_id) if brief else None
    if fact is None:
        return None
    return compress(state.render("fact.html", story=summary, fact=fact).encode())


def article_page(request: Request) -> Response:
    state = state_of(request)
    article = state.reader.article(request.path_params["article_id"])
    if article is None:
        raise HTTPException(404, f"no article {request.path_params['article_id']!r}")
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    return html(
        state, "article.html", article=article, url=safe_url(article.url), paragraphs=paragraphs
    )


def outlet_page(request: Request) -> Response:
    state = state_of(request)
    outlet = state.reader.outlet(request.path_params["name"])
    if outlet is None:
        raise HTTPException(404, f"no outlet {request.path_params['name']!r}")
    stories = [s for s in (state.summary(i) for i in outlet.stories[:50]) if s is not None]
    return html(state, "outlet.html", outlet=outlet, stories=stories)


def outlets_page(request: Request) -> Response:
    state = state_of(request)
    return html(state, "outlets.html", outlets=state.reader.outlets())


def add_form(request: Request) -> Response:
    return html(state_of(request), "add.html", error=None)


async def add_articles(request: Request) -> Response:
    state = state_of(request)
    max_part = state.options.max_request_bytes
    async with request.form(max_files=FILES_MAX, max_fields=20, max_part_size=max_part) as form:
        if not is_authorised(state.options.token, None, _field(form, TOKEN_FIELD)):
            raise HTTPException(401, "the token is missing or wrong")
        uploads = await _uploads(form)
        urls = check_urls(_field(form, "urls").splitlines(), state.options.fetch)
        read = _read_options(form, state.options.fetch)
    job = state.jobs.submit(await run_in_threadpool(submission, uploads, urls, read))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _uploads(form: FormData) -> list[Upload]:
    uploads = [
        Upload(item.filename or "upload.txt", await item.read())
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and item.filename
    ]
    paste = _field(form, "paste")
    if paste.strip():
        uploads.append(Upload(paste_name(paste), paste.encode("utf-8")))
    return uploads


def _read_options(form: FormData, fetch: bool) -> ReadOptions:
    published = _field(form, "published").strip()
    try:
        day = dt.date.fromisoformat(published) if published else None
        outlet = _field(form, "outlet").strip() or None
        return ReadOptions(outlet=outlet, published=day, fetch=fetch)
    except (ValueError, OptionsError) as exc:
        raise HTTPException(400, str(exc)) from None


def job_page(request: Request) -> Response:
    state = state_of(request)
    job = state.jobs.get(request.path_params["job_id"])
    if job is None:
        raise HTTPException(404, "no such indexing run (runs are forgotten when the server stops)")
    joined = [s for s in (state.summary(i) for i in job.stories[:100]) if s is not None]
    return html(state, "job.html", job=job, joined=joined)


ROUTES = [
    Route("/", story_list, name="stories"),
    Route("/stories/{story_id}", story_page, name="story"),
    Route("/stories/{story_id}/facts/{fact_id}", fact_page, name="fact"),
    Route("/articles/{article_id:path}", article_page, name="article"),
    Route("/outlets", outlets_page, name="outlets"),
    Route("/outlets/{name:path}", outlet_page, name="outlet"),
    Route("/add", add_form, name="add_form", methods=["GET"]),
    Route("/add", add_articles, name="add", methods=["POST"]),
    Route("/jobs/{job_id}", job_page, name="job"),
]
