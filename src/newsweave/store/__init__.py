"""The store: a collection's articles, features, copies, stories and precomputed briefs in one
database (SQLite in a state folder, or PostgreSQL), behind one interface.

``open_reader`` and ``update`` (``store.api``) are what the web app, the HTTP API and other
tools use; ``Store`` (``store.index``) is what the corpus pipeline writes through.
"""

from newsweave.store.api import StoreReader, UpdateOptions, UpdateResult, open_reader, update

__all__ = ["StoreReader", "UpdateOptions", "UpdateResult", "open_reader", "update"]
