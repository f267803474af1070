#!/usr/bin/env bash
# Sets up what is missing for Annotator on Debian or Ubuntu: the system libraries Qt needs
# (installed when run as root, otherwise the one command that would is printed), a virtual
# environment in .venv, and the package with its test tools in it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# The first Python 3.11 or newer on PATH, unless PYTHON names one.
if [ -z "${PYTHON:-}" ]; then
  for candidate in python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON=$candidate
      break
    fi
  done
fi
PYTHON=${PYTHON:-python3}
QT_LIBS=(libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0)
WINDOW_LIBS=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0)
EXTRA=("$@")   # more Debian packages a caller needs (the test command adds PostgreSQL)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${QT_LIBS[@]}" "${WINDOW_LIBS[@]}" "${EXTRA[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: Qt needs system libraries that are missing. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Annotator needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1)." >&2
  echo "  Set PYTHON=/path/to/python3.11 and run this again." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "setup: installing python3-venv"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$PYTHON" -m venv .venv
    else
      echo "setup: creating a virtual environment failed; on Debian install python3-venv:" >&2
      echo "  sudo apt-get install python3-venv" >&2
      exit 1
    fi
  fi
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Annotator and its test tools into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
