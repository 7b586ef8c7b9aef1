#!/usr/bin/env bash
# Quickstart 2: install with the dev tools, then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export HF_HUB_OFFLINE=1
.venv/bin/ruff check src tests eval bench
.venv/bin/ruff format --check src tests eval bench
.venv/bin/mypy
.venv/bin/pytest -q "$@"
