#!/usr/bin/env bash
# Builds the one-folder Linux application with PyInstaller (packaging/annotator.spec) into
# dist/annotator/, then starts it offscreen with --self-test. One line per step; each step's
# output goes to build/bundle.log, shown when it fails.
#
#   bash scripts/build-bundle.sh
#
# The application is installed (not in editable mode) with PyInstaller into a virtual
# environment of its own, build/bundle-venv, so the bundle holds exactly what a user's
# installation would.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PYTHON=${PYTHON:-python3}
LOG=$REPO/build/bundle.log
VENV=$REPO/build/bundle-venv
mkdir -p build
: >"$LOG"
started=$SECONDS

step() {
  local what=$1 begin=$SECONDS
  shift
  if ! "$@" >>"$LOG" 2>&1; then
    echo "bundle: failed while ${what}; the last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  echo "bundle: ${what} ($((SECONDS - begin)) s)"
}

[ -x "$VENV/bin/python" ] || step "creating build/bundle-venv" "$PYTHON" -m venv "$VENV"
step "installing Annotator and PyInstaller into it" \
  "$VENV/bin/python" -m pip install --upgrade "$REPO[bundle]"
rm -rf dist/annotator build/pyinstaller
step "building dist/annotator/ with PyInstaller" \
  "$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist \
  --workpath build/pyinstaller packaging/annotator.spec
size=$(du -sh dist/annotator | cut -f1)
echo "bundle: dist/annotator/ is $size ($(find dist/annotator -type f | wc -l) files)"
# From a folder outside the repository, with no display and an empty environment of paths,
# as on a researcher's machine.
begin=$SECONDS
(cd "$(mktemp -d)" && env -u DISPLAY -u WAYLAND_DISPLAY -u PYTHONPATH QT_QPA_PLATFORM=offscreen \
  "$REPO/dist/annotator/annotator" --self-test)
echo "bundle: self-test passed ($((SECONDS - begin)) s); built and checked in $((SECONDS - started)) s"
