#!/usr/bin/env bash
# Creates .venv (if missing) and installs newsweave into it; "dev" also installs the test tools.
# Usage: scripts/setup.sh [dev]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "dev" ]; then
    .venv/bin/python -m pip install --quiet -e ".[dev]"
else
    .venv/bin/python -m pip install --quiet -e .
fi
