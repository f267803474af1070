#!/usr/bin/env bash
# Sets up what is missing for Annotator on Debian or Ubuntu, one line per step: the system
# libraries Qt needs (installed when run as root, otherwise the one command that would is
# printed), a virtual environment in .venv, and the package with its test tools in it.
# Each step's own output goes to build/setup.log, shown only when the step fails.
# Safe to run again.
#
#   bash scripts/setup.sh [--optional PACKAGE...]
#
# --optional names Debian packages that are installed when run as root and otherwise only
# reported as missing (the test command asks for PostgreSQL this way).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
LOG=$PWD/build/setup.log
: >"$LOG"
exec 3>&2 # the terminal, for a word while a quiet step waits

optional=()
if [ "${1:-}" = "--optional" ]; then
  shift
  optional=("$@")
fi

say() { echo "setup: $*"; }
fail() {
  echo "setup: $*" >&2
  exit 1
}
# Runs a step quietly; on failure shows the end of its output and stops.
step() {
  local what=$1
  shift
  say "$what"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "setup: failed while ${what}; the last lines of $LOG:" >&2
    tail -n 25 "$LOG" >&2
    exit 1
  fi
}
is_root() { [ "$(id -u)" = 0 ]; }
# How to run a command as root here: with sudo where it exists, else "as root".
as_root_hint() {
  if command -v sudo >/dev/null 2>&1; then echo "sudo $*"; else echo "as root: $*"; fi
}
# apt-get, waiting for another package manager to finish (an automatic update, another
# set-up) instead of failing at once: dpkg's lock is waited for by apt itself
# (DPkg::Lock::Timeout), the package lists' lock (apt-get update) by trying again.
apt_wait() {
  local waited=0 out
  while true; do
    if out=$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
      -o Dpkg::Use-Pty=0 -q "$@" 2>&1); then
      echo "$out"
      return 0
    fi
    if ! grep -qE "Could not get lock|Unable to lock|Unable to acquire" <<<"$out" \
      || [ "$waited" -ge 300 ]; then
      echo "$out"
      return 1
    fi
    [ "$waited" -gt 0 ] || echo "setup: another package manager is running; waiting for it" >&3
    sleep 5
    waited=$((waited + 5))
  done
}
apt_install() {
  apt_wait update && apt_wait -y install --no-install-recommends "$@"
}
missing_of() {
  local pkg
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || echo "$pkg"
  done
}

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
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  fail "Annotator needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1 || echo missing).
  Set PYTHON=/path/to/python3.11 and run this again."
fi

QT_LIBS=(libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0)
VENV_PKG=()
"$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || VENV_PKG=(python3-venv)
mapfile -t needed < <(missing_of "${QT_LIBS[@]}" "${VENV_PKG[@]}")
mapfile -t wanted < <(missing_of "${optional[@]}")

if [ ${#needed[@]} -gt 0 ] || [ ${#wanted[@]} -gt 0 ]; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    all=("${needed[@]}" "${wanted[@]}")
    step "installing ${all[*]} from Debian (waits up to 5 minutes for another apt)" \
      apt_install "${all[@]}"
  elif [ ${#needed[@]} -gt 0 ]; then
    fail "Qt (and the virtual environment) need system packages that are missing. Install them with:
  $(as_root_hint apt-get install "${needed[@]}")
then run this again."
  else
    say "not installed: ${wanted[*]} (optional; $(as_root_hint apt-get install "${wanted[@]}") to add)"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  step "creating the virtual environment .venv" "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
  step "updating pip in .venv" .venv/bin/python -m pip install --upgrade pip
  step "installing Annotator and its test tools into .venv (a minute or two the first time)" \
    .venv/bin/python -m pip install -e ".[test]"
  touch "$stamp"
fi
