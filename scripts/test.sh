#!/usr/bin/env bash
# Quick start: set up what is missing, then run every check and test: ruff, mypy --strict,
# the layer contract, pytest (GUI tests offscreen, team tests on a real PostgreSQL server
# started here in a temporary folder and removed afterwards), the installed wheel used from
# outside the repository, and the desktop files. Arguments go to pytest.
#
# Without PostgreSQL (and without root to install it) everything else runs and the team tests
# are reported as skipped; under CI=true they must run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
started=$SECONDS

# Prints the step's name, runs it, and its duration after it.
timed() {
  local name=$1 begin=$SECONDS
  shift
  echo "== $name"
  local rc=0
  "$@" || rc=$?
  echo "   ($name: $((SECONDS - begin)) s)"
  return "$rc"
}
as_root_hint() {
  if command -v sudo >/dev/null 2>&1; then echo "sudo $*"; else echo "as root: $*"; fi
}
find_initdb() {
  command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n 1 \
    || true
}

optional=()
[ -n "$(find_initdb)" ] || optional+=(postgresql)
# LibreOffice reads exported workbooks back in a test (about 86 MB and 40 s to install, without
# its recommendations); the test skips with a reason where it is missing, and fails under CI.
command -v soffice >/dev/null 2>&1 || optional+=(libreoffice-calc-nogui)
timed "set-up" bash scripts/setup.sh --optional "${optional[@]}"
export PATH="$REPO/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen

timed ruff ruff check annotator tests benchmarks scripts setup.py
timed "ruff format" ruff format --check annotator tests benchmarks scripts setup.py
timed "mypy --strict" mypy
timed layers lint-imports --no-cache

pg_dir=""
pg_bin=""
as_pg() {
  # The server's files belong to the postgres user when run as root. Its commands run from
  # the server's own folder, which that user can read (not from a folder under /root).
  if [ "$(id -u)" = 0 ]; then
    (cd "$pg_dir" && runuser -u postgres -- "$@")
  else
    (cd "$pg_dir" && "$@")
  fi
}
stop_pg() {
  if [ -n "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
start_pg() {
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/annotator-pg.XXXXXX")
  trap stop_pg EXIT
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; fi
  chmod 700 "$pg_dir"
  # UTF8 whatever LANG says: an SQL_ASCII cluster hands text back as bytes. The locale is
  # removed from initdb's environment, so that only these options decide, here and in CI.
  as_pg env -u LANG -u LC_ALL -u LC_CTYPE -u LC_COLLATE "$pg_bin/initdb" -D "$pg_dir/data" \
    -U postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale \
    >"$pg_dir/initdb.log" 2>&1 || {
    cat "$pg_dir/initdb.log" >&2
    return 1
  }
  # Also on the loopback address, on a free port, with passwords asked: the team tests log in
  # as members there (a wrong password must be refused); the socket trusts its users.
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -k $pg_dir -p $port -c fsync=off" start >/dev/null
  export ANNOTATOR_TEST_PG_URL="postgresql+psycopg://postgres@/postgres?host=$pg_dir&port=$port"
  export ANNOTATOR_TEST_PG_TCP="127.0.0.1:$port"
}

initdb_path=$(find_initdb)
if [ -n "$initdb_path" ]; then
  pg_bin=$(dirname "$initdb_path")
  timed "PostgreSQL for the team tests" start_pg
else
  echo "== PostgreSQL is not installed: the team tests will be skipped."
  echo "   To run them: $(as_root_hint apt-get install postgresql), then run this again."
fi

mkdir -p build
timed pytest python -X faulthandler -m pytest "$@" 2>&1 | tee build/pytest.log
if [ "${PIPESTATUS[0]}" != 0 ]; then
  exit 1
fi
if [ $# -gt 0 ]; then
  exit 0 # only the tests asked for
fi
collect_without_corpus() {
  # As on a fresh clone: nothing may read the shared corpus before the tests that need it.
  ANNOTATOR_TEST_CORPUS=/nonexistent CI="" python -m pytest --collect-only -q \
    -p no:cacheprovider >build/collect.log 2>&1 || {
    tail -n 30 build/collect.log >&2
    return 1
  }
  tail -n 1 build/collect.log
}
if [ -d ../shared/corpus ]; then
  timed "collection without the shared corpus" collect_without_corpus
fi
timed "the wheel, installed outside the repository" bash scripts/check-wheel.sh
timed "desktop entry and AppStream metadata" bash scripts/check-desktop.sh
echo "== all checks passed in $((SECONDS - started)) s"
# pytest's counts once more as the last line, in the plain form CI reads.
summary=$(grep -E '^=+ .*(passed|failed).* in [0-9.]+s' build/pytest.log | tail -n 1)
count() { grep -oE "[0-9]+ $1" <<<"$summary" | grep -oE '^[0-9]+' || echo 0; }
echo "tests: $(count passed) passed, $(count failed) failed, $(count skipped) skipped" \
  | tee build/test-summary.txt
