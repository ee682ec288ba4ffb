# A throw-away PostgreSQL on loopback, for the tests and the benchmark: source this file, then
#   start_postgres <port>     starts it (data in a temporary folder) and sets PG_PORT;
#   stop_postgres             stops it and deletes the folder (also run at exit).
# As root, PostgreSQL runs as the postgres user.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_dir=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  PG_PORT=$1
  pg_dir=$(mktemp -d /tmp/partnerportal-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  trap stop_postgres EXIT
  echo "== Starting PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$PG_PORT"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $pg_dir -c fsync=off -c max_connections=300"
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "$options" start >/dev/null
  # For the outage test: stopping and starting this server again, as scripts of their own.
  PG_STOP_SCRIPT="$pg_dir/stop.sh"; PG_START_SCRIPT="$pg_dir/start.sh"
  local run=""; [ "$(id -u)" -eq 0 ] && run="runuser -u postgres --"
  echo "$run '$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >"$PG_STOP_SCRIPT"
  echo "$run '$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o '$options' start" >"$PG_START_SCRIPT"
}

stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"; pg_dir=""
}
