#!/usr/bin/env bash
# Quick start: set up what is missing, then run every check and test: ruff, mypy --strict,
# the layer contract, and pytest (GUI tests offscreen, team tests on a real PostgreSQL server
# started here in a temporary folder and removed afterwards). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
  || extra+=(postgresql)
bash scripts/setup.sh "${extra[@]}"
export PATH="$PWD/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen

echo "== ruff"; ruff check annotator tests benchmarks
echo "== ruff format"; ruff format --check annotator tests benchmarks
echo "== mypy --strict"; mypy
echo "== layers"; lint-imports --no-cache

pg_dir=""
stop_pg() {
  if [ -n "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")
if [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/annotator-pg.XXXXXX)
  trap stop_pg EXIT
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses='' -k $pg_dir -p 55432 -c fsync=off" start >/dev/null
  export ANNOTATOR_TEST_PG_URL="postgresql+psycopg://postgres@/postgres?host=$pg_dir&port=55432"
  echo "== PostgreSQL started for the team tests"
else
  echo "== PostgreSQL not found: team tests will be skipped (CI installs it)"
fi

echo "== pytest"
python -X faulthandler -m pytest "$@"
