#!/usr/bin/env bash
# Runs every test: domain rules, web slices and pages on SQLite and on PostgreSQL, and the
# browser procedures in Chromium. Installs Chromium, PostgreSQL and aiosmtpd with apt when they are absent
# (as root), starts a throw-away PostgreSQL on loopback and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

# --- what the tests need from the machine --------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd) # the real SMTP server of the mail tests
command -v nginx >/dev/null 2>&1 || missing+=(nginx) # the balancer of the three-instance tests
command -v wrk >/dev/null 2>&1 || missing+=(wrk)     # the benchmark's load generator
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Install them (apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "== Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- a throw-away PostgreSQL on loopback ------------------------------------------------------
source scripts/lib/postgres.sh
start_postgres "${PARTNERPORTAL_PG_PORT:-55432}"
pgport=$PG_PORT

# --- build once, then every test project ----------------------------------------------------
echo "== Building"
dotnet build PartnerPortal.sln -c Release -nologo -v quiet

run() { # name, project, then environment assignments
  local name=$1 project=$2; shift 2
  echo "== $name"
  env "$@" dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" 2>&1 | tee "$results/$name.log"
}
status=0
run domain tests/PartnerPortal.Domain.Tests || status=1
run web-sqlite tests/PartnerPortal.Web.Tests PARTNERPORTAL_TEST_DATABASE=Sqlite || status=1
run web-postgres tests/PartnerPortal.Web.Tests PARTNERPORTAL_TEST_DATABASE=Postgres \
  "PARTNERPORTAL_TEST_POSTGRES=Host=127.0.0.1;Port=$pgport;Username=postgres" || status=1
run browser tests/PartnerPortal.Browser.Tests PARTNERPORTAL_BROWSER_SCREENSHOTS="$results/screenshots" || status=1

# --- three instances behind nginx on one PostgreSQL database (last: it stops the database for 30 s) ---
cluster_db="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=cluster"
echo "== Starting three instances behind nginx"
if scripts/cluster.sh start "$cluster_db"; then
  run cluster tests/PartnerPortal.Cluster.Tests PARTNERPORTAL_CLUSTER_URL=http://127.0.0.1:5700 \
    PARTNERPORTAL_CLUSTER_INSTANCES=http://127.0.0.1:5701,http://127.0.0.1:5702,http://127.0.0.1:5703 \
    "PARTNERPORTAL_CLUSTER_DATABASE=$cluster_db" "PARTNERPORTAL_CLUSTER_MAIL=$root/artifacts/cluster/mail" \
    "PARTNERPORTAL_PG_STOP_SCRIPT=$PG_STOP_SCRIPT" "PARTNERPORTAL_PG_START_SCRIPT=$PG_START_SCRIPT" || status=1
else
  echo "The cluster did not start (artifacts/cluster/)" >&2; status=1
fi
scripts/cluster.sh stop

# --- the benchmark, small, on both databases: it keeps working, every page answers, statements stay in budget ---
echo "== bench (small)"
if bench/run.sh --small >"$results/bench.out" 2>&1; then
  tail -n 40 "$results/bench.out"
  echo "Failed: 0, Passed: 1, Skipped: 0 (bench/run.sh --small)" >"$results/bench.log"
else
  tail -n 40 "$results/bench.out"
  echo "Failed: 1, Passed: 0, Skipped: 0 (bench/run.sh --small)" >"$results/bench.log"; status=1
fi

# --- one closing line for the whole run -------------------------------------------------------
passed=0 failed=0 skipped=0
for log in "$results"/*.log; do
  line=$(grep -aEo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true) # -a: a log may hold any byte a test printed
  if [ -z "$line" ]; then echo "No test summary in $(basename "$log")" >&2; status=1; continue; fi
  read -r f p s <<<"$(echo "$line" | grep -Eo '[0-9]+' | tr '\n' ' ')"
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done
[ "$failed" -eq 0 ] || status=1
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
