"""``create_app``: the web app and HTTP API over one store, as an ASGI application."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Mapping
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from newsweave.errors import NewsweaveError
from newsweave.render.layout import format_day
from newsweave.serve import api, pages
from newsweave.serve.backend import Backend, SharedReader
from newsweave.serve.cache import TtlCache
from newsweave.serve.guard import Guard
from newsweave.serve.jobs import Jobs
from newsweave.serve.options import ServeOptions
from newsweave.serve.state import STATIC, ServeState, make_templates

# Rendered pages are small (capped story pages up to ~1 MB, most under 100 KB, gzipped).
PAGES_CACHE_BYTES = 64 * 1024 * 1024
# Story lists and summaries are read again after this many seconds (at once after a run of
# this server): under load most list requests are the same few (the front page, a sort, a
# popular search), and a story's summary is read on each of its page and brief requests.
LIST_TTL_S = 5.0
SUMMARIES_KEPT = 4096
TITLES = {400: "Bad request", 401: "Not allowed", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 413: "Too large", 500: "Server error",
          503: "The store cannot be read"}  # fmt: skip


def create_app(backend: Backend, options: ServeOptions | None = None) -> Starlette:
    """The app serving ``backend``'s stories; indexing runs go to one background thread."""
    options = options or ServeOptions()
    templates = make_templates()
    templates.filters["path"] = lambda value: quote(str(value), safe="")
    templates.filters["day"] = lambda value: format_day(value) if isinstance(value, dt.date) else ""
    state = ServeState(
        options=options,
        readers=SharedReader(backend),
        jobs=Jobs(backend),
        templates=templates,
        pages=TtlCache(max_bytes=PAGES_CACHE_BYTES),
        briefs=TtlCache(),
        lists=TtlCache(ttl_s=LIST_TTL_S, max_bytes=PAGES_CACHE_BYTES),
        summaries=TtlCache(entries=SUMMARIES_KEPT, ttl_s=LIST_TTL_S),
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        state.close()

    app = Starlette(
        routes=[*pages.ROUTES, *api.ROUTES, Mount("/static", StaticFiles(directory=STATIC))],
        middleware=[
            Middleware(
                Guard,
                max_request_bytes=options.max_request_bytes,
                allowed_hosts=options.allowed_hosts,
            ),
        ],
        exception_handlers={
            HTTPException: http_error,
            NewsweaveError: store_error,
            Exception: server_error,
        },
        lifespan=lifespan,
    )
    app.state.serve = state
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi")) or (
        "application/json" in request.headers.get("accept", "")
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(request, exc.status_code, exc.detail, exc.headers)


async def store_error(request: Request, exc: Exception) -> Response:
    """The store cannot be read (missing, damaged, another version's): 503, with its line."""
    return error_response(request, 503, str(exc))


async def server_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 500, "the server failed to answer; see its log")


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    if wants_json(request):
        error = {"error": {"status": status, "message": message}}
        return api.json_response(error, status, dict(headers or {}))
    state = pages.state_of(request)
    title = TITLES.get(status, "Error")
    body = state.render("error.html", status=status, title=title, message=message)
    return HTMLResponse(body, status, dict(headers or {}))
