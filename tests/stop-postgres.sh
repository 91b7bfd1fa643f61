#!/usr/bin/env bash
# Stop the throwaway cluster of tests/start-postgres.sh (named by LED_TEST_PG_DIR) and remove its files.
set -euo pipefail
dir="${LED_TEST_PG_DIR:?no cluster to stop: LED_TEST_PG_DIR is set by eval \"\$(tests/start-postgres.sh)\"}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
fi
if [ -f "$dir/data/postmaster.pid" ]; then
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
fi
rm -rf "$dir"
