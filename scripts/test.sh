#!/usr/bin/env bash
# Runs the tests: domain rules, web slices and pages on SQLite and on PostgreSQL, the browser procedures in Chromium,
# three instances behind nginx, and the small benchmark. Installs what the chosen suites need with apt when it is absent
# (as root), starts throw-away PostgreSQL servers on loopback and stops them at the end.
#
#   scripts/test.sh                  every suite (what CI runs); ends with "tests: N passed, N failed, N skipped"
#   scripts/test.sh --fast           the inner loop: domain + web on SQLite, no database server, no browser
#   scripts/test.sh web-postgres     one suite or several, by name: domain web-sqlite web-postgres browser cluster bench
#
# The whole run overlaps its suites in three lanes on two cores: the web suite on PostgreSQL, the cluster then the
# benchmark (each on a PostgreSQL of its own: the cluster stops its database for 30 s), and the browser procedures then
# the web suite on SQLite. No test may depend on a quiet machine. Each suite's output is printed when its lane ends.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
all=(domain web-sqlite web-postgres browser cluster bench)
suites=()
for arg in "$@"; do
  case $arg in
    --fast) suites+=(domain web-sqlite) ;;
    domain | web-sqlite | web-postgres | browser | cluster | bench) suites+=("$arg") ;;
    *) echo "Unknown suite '$arg'. Suites: ${all[*]} (or --fast)." >&2; exit 2 ;;
  esac
done
((${#suites[@]})) || suites=("${all[@]}")
wants() { local s; for s in "${suites[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
rm -rf "$results" && mkdir -p "$results"
started_at=$(date +%s)

# --- what the chosen suites need from the machine ----------------------------------------------
missing=()
if wants browser; then command -v chromium >/dev/null 2>&1 || missing+=(chromium); fi
if wants web-postgres || wants cluster || wants bench; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
fi
if wants web-sqlite || wants web-postgres; then
  /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd) # the real SMTP server of the mail tests
fi
if wants cluster; then command -v nginx >/dev/null 2>&1 || missing+=(nginx); fi # the balancer of the three-instance tests
if wants bench; then command -v wrk >/dev/null 2>&1 || missing+=(wrk); fi        # the benchmark's load generator
if wants cluster || wants bench; then command -v curl >/dev/null 2>&1 || missing+=(curl); fi
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Install them (apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "== Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- build once -------------------------------------------------------------------------------
echo "== Building"
dotnet build PartnerPortal.sln -c Release -nologo -v quiet

# run <name> <project> [VAR=value...]: one test project; its output goes to artifacts/test-results/<name>.log.
run() {
  local name=$1 project=$2 began; shift 2
  began=$(date +%s)
  env "$@" dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" >"$results/$name.log" 2>&1 || true
  echo "$(( $(date +%s) - began ))" >"$results/$name.seconds"
}

# show <name>: prints a suite's output once it has ended, under its name and time.
show() {
  echo "== $1 ($(cat "$results/$1.seconds" 2>/dev/null || echo "?") s)"
  cat "$results/$1.log" 2>/dev/null || echo "(no output)"
}

# The web suite on PostgreSQL (on 55432, only for it): the longest suite, and the one that waits on its server most.
# SQLite's runs after the browser procedures, so that the three lanes end close together.
web_lane() {
  if wants web-postgres; then
    (
      source scripts/lib/postgres.sh
      start_postgres "${PARTNERPORTAL_PG_PORT:-55432}" >"$results/web-postgres.server.log"
      run web-postgres tests/PartnerPortal.Web.Tests PARTNERPORTAL_TEST_DATABASE=Postgres \
        "PARTNERPORTAL_TEST_POSTGRES=Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
    )
  fi
}

# Three instances behind nginx on a PostgreSQL of their own (the outage test stops it for 30 s), then the benchmark,
# small, on both databases: it keeps working, every page answers, statements stay in budget (it starts its own server).
services_lane() {
  if wants cluster; then
    (
      source scripts/lib/postgres.sh
      start_postgres "${PARTNERPORTAL_CLUSTER_PG_PORT:-55452}" >"$results/cluster.server.log"
      cluster_db="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=cluster"
      if scripts/cluster.sh start "$cluster_db" >>"$results/cluster.server.log" 2>&1; then
        run cluster tests/PartnerPortal.Cluster.Tests PARTNERPORTAL_CLUSTER_URL=http://127.0.0.1:5700 \
          PARTNERPORTAL_CLUSTER_INSTANCES=http://127.0.0.1:5701,http://127.0.0.1:5702,http://127.0.0.1:5703 \
          "PARTNERPORTAL_CLUSTER_DATABASE=$cluster_db" "PARTNERPORTAL_CLUSTER_MAIL=$root/artifacts/cluster/mail" \
          "PARTNERPORTAL_PG_STOP_SCRIPT=$PG_STOP_SCRIPT" "PARTNERPORTAL_PG_START_SCRIPT=$PG_START_SCRIPT"
      else
        echo "The cluster did not start (artifacts/cluster/, artifacts/test-results/cluster.server.log)" >"$results/cluster.log"
      fi
      scripts/cluster.sh stop
    )
  fi
  if wants bench; then
    local began; began=$(date +%s)
    if BENCH_NO_BUILD=1 bench/run.sh --small >"$results/bench.out" 2>&1; then
      echo "Failed: 0, Passed: 1, Skipped: 0 (bench/run.sh --small)" >"$results/bench.log"
    else
      echo "Failed: 1, Passed: 0, Skipped: 0 (bench/run.sh --small)" >"$results/bench.log"
    fi
    tail -n 40 "$results/bench.out" >>"$results/bench.log"
    echo "$(( $(date +%s) - began ))" >"$results/bench.seconds"
  fi
}

browser_lane() {
  if wants browser; then run browser tests/PartnerPortal.Browser.Tests PARTNERPORTAL_BROWSER_SCREENSHOTS="$results/screenshots"; fi
  if wants web-sqlite; then run web-sqlite tests/PartnerPortal.Web.Tests PARTNERPORTAL_TEST_DATABASE=Sqlite; fi
}

if wants domain; then run domain tests/PartnerPortal.Domain.Tests; show domain; fi
web_lane &
web_pid=$!
services_lane &
services_pid=$!
browser_lane &
browser_pid=$!
wait "$web_pid" || true
if wants web-postgres; then show web-postgres; fi
wait "$browser_pid" || true
for name in browser web-sqlite; do if wants "$name"; then show "$name"; fi; done
wait "$services_pid" || true
for name in cluster bench; do if wants "$name"; then show "$name"; fi; done

# --- one closing line for the whole run -------------------------------------------------------
status=0 passed=0 failed=0 skipped=0
for name in "${suites[@]}"; do
  log="$results/$name.log"
  line=$(grep -aEo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" 2>/dev/null | tail -n 1 || true) # -a: a log may hold any byte a test printed
  if [ -z "$line" ]; then echo "No test summary in $name.log" >&2; status=1; continue; fi
  read -r f p s <<<"$(echo "$line" | grep -Eo '[0-9]+' | tr '\n' ' ')"
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done
[ "$failed" -eq 0 ] || status=1
echo
echo "== wall: $(( $(date +%s) - started_at )) s; $(for name in "${suites[@]}"; do echo -n "$name $(cat "$results/$name.seconds" 2>/dev/null || echo '?') s  "; done)"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
