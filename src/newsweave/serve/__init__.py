"""``newsweave serve``: a local web app and HTTP API over a store of stories.

``create_app(StoreBackend(location), ServeOptions(...))`` is an ASGI application (Starlette);
``newsweave serve`` runs it on uvicorn. Pages are rendered on the server from the store's
precomputed briefs; adding articles queues an indexing run in a background thread.
"""

from newsweave.serve.app import create_app
from newsweave.serve.backend import Backend, StoreBackend
from newsweave.serve.options import ServeOptions

__all__ = ["Backend", "ServeOptions", "StoreBackend", "create_app"]
