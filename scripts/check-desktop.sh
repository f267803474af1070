#!/usr/bin/env bash
# Validates the desktop entry (desktop-file-validate) and the AppStream metainfo
# (appstreamcli validate), both from Debian's packages, installed here when run as root.
# Checks that the icon they name is shipped, in the sizes desktops look for.
set -euo pipefail
cd "$(dirname "$0")/.."
DESKTOP=packaging/org.annotator.Annotator.desktop
METAINFO=packaging/org.annotator.Annotator.metainfo.xml

need=()
command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "desktop: installing ${need[*]} from Debian (waits up to 5 minutes for another apt)"
    log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q update &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q -y \
        install --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      exit 1
    fi
    rm -f "$log"
  elif [ -n "${CI:-}" ]; then
    echo "desktop: CI must validate the desktop files, but ${need[*]} is missing" >&2
    exit 1
  else
    hint="apt-get install ${need[*]}"
    if command -v sudo >/dev/null 2>&1; then hint="sudo $hint"; else hint="as root: $hint"; fi
    echo "desktop: skipped, ${need[*]} not installed ($hint to check the desktop files)"
    exit 0
  fi
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
