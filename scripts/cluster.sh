#!/usr/bin/env bash
# Three app instances behind nginx on one PostgreSQL database, as docs/operations.md describes a
# multi-instance deployment (the test command starts it for the cluster tests):
#
#   scripts/cluster.sh start "<PostgreSQL connection string>"   builds nothing: run after dotnet build -c Release
#   scripts/cluster.sh stop
#
# nginx listens on 127.0.0.1:5700 and balances over the instances on 5701–5703 (round robin). The first instance
# applies the migrations and creates the demo world; the others start once it is ready. Every instance runs the
# background jobs (relationship ending every 2 s, mail every second) into one shared mail pickup folder.
# State (pids, logs, nginx config, mail) lives in artifacts/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir="$root/artifacts/cluster"
app_dll="$root/src/PartnerPortal.Web/bin/Release/net10.0/PartnerPortal.Web.dll"
ports=(5701 5702 5703)

stop() {
  for pidfile in "$dir"/app-*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  [ -f "$dir/nginx.pid" ] && nginx -p "$dir" -c "$dir/nginx.conf" -s stop 2>/dev/null || true
  return 0
}

wait_ready() { # url
  for _ in $(seq 1 120); do
    curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "Not ready: $1 (see $dir/*.out)" >&2
  return 1
}

start_instance() { # index, seed?
  local i=$1 seed=$2 port=${ports[$1]}
  (cd "$root/src/PartnerPortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production Security__HttpsOnly=false \
    Database__Provider=Postgres ConnectionStrings__Portal="$connection" DemoData__Seed="$seed" \
    Jobs__Enabled=true Jobs__RelationshipEndingIntervalSeconds=2 Mail__IntervalSeconds=1 Mail__PickupFolder="$dir/mail" Mail__PublicUrl=http://127.0.0.1:5700 \
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Serilog__Format=json Serilog__FilePath="$dir/app-$i.log" \
    dotnet "$app_dll" --urls "http://127.0.0.1:$port" >"$dir/app-$i.out" 2>&1) &
  echo $! >"$dir/app-$i.pid"
}

case "${1:-}" in
  start)
    connection=${2:?usage: scripts/cluster.sh start "<PostgreSQL connection string>"}
    command -v nginx >/dev/null || { echo "scripts/cluster.sh needs nginx (apt-get install nginx)" >&2; exit 1; }
    stop
    rm -rf "$dir" && mkdir -p "$dir/mail" "$dir/temp" "$dir/logs"
    chmod 777 "$dir/temp"
    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  upstream partnerportal {
    server 127.0.0.1:${ports[0]} max_fails=0;
    server 127.0.0.1:${ports[1]} max_fails=0;
    server 127.0.0.1:${ports[2]} max_fails=0;
  }
  server {
    listen 127.0.0.1:5700;
    location / {
      proxy_pass http://partnerportal;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream off;
    }
  }
}
EOF
    start_instance 0 true
    wait_ready "http://127.0.0.1:${ports[0]}"
    start_instance 1 false
    start_instance 2 false
    wait_ready "http://127.0.0.1:${ports[1]}"
    wait_ready "http://127.0.0.1:${ports[2]}"
    nginx -p "$dir" -c "$dir/nginx.conf"
    wait_ready "http://127.0.0.1:5700"
    echo "Cluster ready: http://127.0.0.1:5700 (instances on ${ports[*]})"
    ;;
  stop) stop ;;
  *) echo "usage: scripts/cluster.sh start \"<PostgreSQL connection string>\" | stop" >&2; exit 2 ;;
esac
