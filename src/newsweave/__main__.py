"""``python -m newsweave``: the ``newsweave`` command."""

from newsweave.cli import main

raise SystemExit(main())
