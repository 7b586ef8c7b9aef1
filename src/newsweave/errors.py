"""newsweave's one exception hierarchy.

::

    NewsweaveError                 base: every error newsweave raises on purpose
    ├── InputError                 nothing usable was given (no inputs, every input rejected)
    ├── OptionsError               an options object or command-line value is invalid
    ├── OutputError                an output path cannot be written (checked before work starts)
    ├── ModelUnavailableError      a model/package is missing (the message has the install hint)
    ├── SchemaError                output does not validate against the shipped JSON Schema
    ├── EngineError                an execution engine failed (a worker process died)
    └── StateError                 a corpus state folder cannot be used (damaged, locked, ...)

A single bad article is *not* an exception: it becomes ``model.Rejected`` data.
Foreign exceptions are translated at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""


class InputError(NewsweaveError):
    """Nothing usable was given."""


class OptionsError(NewsweaveError, ValueError):
    """An option value is invalid; the message lists the allowed values."""


class ModelUnavailableError(NewsweaveError):
    """A model or optional package is missing; the message says how to install it."""


class SchemaError(NewsweaveError):
    """Output does not validate against the shipped JSON Schema."""


class EngineError(NewsweaveError):
    """An execution engine failed (a worker process died)."""


class StateError(NewsweaveError):
    """A corpus state folder that cannot be used (another version's, or damaged)."""


class OutputError(NewsweaveError):
    """An output path cannot be written: a missing folder, a folder given as a file, no
    permission."""
