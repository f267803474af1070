#!/usr/bin/env bash
# Validates the desktop entry (desktop-file-validate) and the AppStream metainfo
# (appstreamcli validate), both from Debian's packages, installed here when run as root.
# Checks that the icon they name is shipped, in the sizes desktops look for.
set -euo pipefail
cd "$(dirname "$0")/.."
DESKTOP=packaging/org.annotator.Annotator.desktop
METAINFO=packaging/org.annotator.Annotator.metainfo.xml

missing() {
  local need=()
  command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)
  command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
  echo "${need[*]}"
}
need=$(missing)
if [ -n "$need" ]; then
  # Installed from Debian when run as root (the set-up waits for another apt), else named.
  # shellcheck disable=SC2086
  bash scripts/setup.sh --optional $need
  need=$(missing)
fi
if [ -n "$need" ]; then
  if [ -n "${CI:-}" ]; then
    echo "desktop: CI must validate the desktop files, but $need is missing" >&2
    exit 1
  fi
  echo "desktop: skipped, $need not installed"
  exit 0
fi

desktop-file-validate "$DESKTOP"
report=$(appstreamcli validate --no-net "$METAINFO" 2>&1) || {
  echo "$report" >&2
  exit 1
}
# Warnings do not fail appstreamcli itself; they fail here.
if grep -q '^[EW]:' <<<"$report"; then
  echo "$report" >&2
  exit 1
fi
icon=$(sed -n 's/^Icon=//p' "$DESKTOP")
[ -f "resources/icons/$icon.svg" ] || { echo "desktop: resources/icons/$icon.svg is missing" >&2; exit 1; }
for size in 16 22 24 32 48 64 128 256 512; do
  [ -f "resources/icons/${size}x${size}.png" ] \
    || { echo "desktop: the ${size}x${size} icon is missing" >&2; exit 1; }
done
echo "desktop: $DESKTOP and $METAINFO are valid; icon $icon in 9 sizes"
