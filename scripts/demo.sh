#!/usr/bin/env bash
# Quickstart 1: install, then brief the bundled example story and write its HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1
mkdir -p out  # the CLI refuses an output folder that does not exist, before doing any work
.venv/bin/newsweave brief examples/story --report out/example-report.html "$@"
