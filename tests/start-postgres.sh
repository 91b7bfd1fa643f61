#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on loopback for the PostgreSQL half of the suite.
# Prints the line to export; use it as:   eval "$(tests/start-postgres.sh)"
# Installs Debian's postgresql package when no server binaries are present (needs root).
set -euo pipefail
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/led-pg.XXXXXX")"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_owner=()
if [ "$(id -u)" = 0 ]; then            # initdb refuses to run as root
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U led --auth=trust >"$dir/initdb.log" 2>&1
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off" start >&2
echo "export LED_TEST_PG_URL=postgresql+psycopg://led@127.0.0.1:$port/postgres"
echo "export LED_TEST_PG_DIR=$dir"
echo "# stop it and remove its files with: tests/stop-postgres.sh" >&2
