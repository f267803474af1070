#!/usr/bin/env bash
# Builds the wheel, installs it into a fresh virtual environment outside the repository and
# uses every command from a folder there (scripts/wheel_smoke.py). Catches what the
# repository's own tests cannot: a module or resource missing from the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PYTHON=${PYTHON:-$(command -v python3)}
work=$(mktemp -d "${TMPDIR:-/tmp}/annotator-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$work/log

quiet() {
  if ! "$@" >>"$log" 2>&1; then
    echo "wheel: \`$*\` failed:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}
quiet .venv/bin/python -m pip wheel --no-deps -w "$work/dist" "$REPO"
wheel=$(ls "$work"/dist/annotator-*.whl)
echo "wheel: built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) kB)"
quiet "$PYTHON" -m venv "$work/venv"
quiet "$work/venv/bin/python" -m pip install "$wheel"
cp scripts/wheel_smoke.py "$work/"
cd "$work"
PATH="$work/venv/bin:$PATH" "$work/venv/bin/python" "$work/wheel_smoke.py" "$work/try"
