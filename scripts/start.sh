#!/usr/bin/env bash
# Quick start: set up what is missing, then open Annotator (the sample project the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/annotator "$@"
