#!/usr/bin/env bash
# The large-world benchmark (docs/performance.md): the same pages, signed in as Ava Patel (Super Admin of
# Brightwave Digital), at demo size and at a large size, side by side (two apps, each page measured on one and
# straight after on the other), on SQLite and on PostgreSQL.
#
#   bench/run.sh                 the full run: 10,000 clients, 500 employees, ~100,000 memberships; each page measured
#                                in 3 rounds of 5 s of wrk a world, the round with the median large/demo ratio reported
#   bench/run.sh --small         a smoke run the test command makes to keep it working: 60 clients, 5,000 audit entries,
#                                500 due relationships, the large world only and one start of the app for all of it; every
#                                page opened once (it must answer 2xx within its statement budget), no wrk (no figures)
#   BENCH_PROVIDERS=sqlite bench/run.sh   one database only; BENCH_SECONDS=10 longer wrk runs; BENCH_ROUNDS=5 more rounds
#   BENCH_ONLY=upload bench/run.sh         only the 1,000-row file of Partner Access requests, in the large world
#   BENCH_ONLY=audit bench/run.sh          only the audit trail (B1) with a million entries in the large world
#   BENCH_ONLY=bulk bench/run.sh           only Ava removed from 1, 200 and 1,000 clients (R10) in the large world
#
# Needs wrk, curl and (for PostgreSQL) the postgresql package. Prints a table per database and writes it to
# artifacts/bench/results.md: requests per second at both sizes and their ratio, p50 and p99 at the large size,
# SQL statements per request, page size and the app's resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
small=false
[ "${1:-}" = "--small" ] && small=true
if $small; then
  clients=60; employees=10; per_client=10; ava_every=10; seconds=1; rounds=${BENCH_ROUNDS:-1}; threads=1; connections=4; due=500; warmup=""
  audit_entries=5000
else
  clients=10000; employees=500; per_client=10; ava_every=10; seconds=${BENCH_SECONDS:-5}; rounds=${BENCH_ROUNDS:-3}; threads=2; connections=8
  due=100000; warmup=2s; audit_entries=${BENCH_AUDIT_ENTRIES:-1000000}
fi
providers=${BENCH_PROVIDERS:-sqlite,postgres}
out="$root/artifacts/bench"
rm -rf "$out" && mkdir -p "$out"
for tool in wrk curl; do command -v $tool >/dev/null || { echo "bench/run.sh needs $tool (apt-get install $tool)" >&2; exit 1; }; done

if [ -z "${BENCH_NO_BUILD:-}" ]; then # the test command has built already, and runs tests from the same folders meanwhile
  echo "== Building"
  dotnet build PartnerPortal.sln -c Release -nologo -v quiet >/dev/null
fi
app_dll="$root/src/PartnerPortal.Web/bin/Release/net10.0/PartnerPortal.Web.dll"
grow_dll="$root/bench/PartnerPortal.Bench/bin/Release/net10.0/PartnerPortal.Bench.dll"
if [[ $providers == *postgres* ]]; then
  source scripts/lib/postgres.sh
  start_postgres "${BENCH_PG_PORT:-55442}"
fi

# Two apps at once: the demo world on port 5590 and the large one on 5591, so that each page is measured on both
# within seconds of each other and a slower spell of the machine falls on both sides of the ratio.
declare -A app_pids=()
stop_apps() { for pid in "${app_pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done; app_pids=(); }
trap 'stop_apps; declare -F stop_postgres >/dev/null && stop_postgres' EXIT

port_of() { [ "$1" = demo ] && echo 5590 || echo 5591; }

# start_app <size> <log name> <provider> <connection string> [more VAR=value]: the app as a deployment runs it.
start_app() {
  local size=$1 name=$2 provider=$3 connection=$4 port; shift 4
  port=$(port_of "$size")
  (cd "$root/src/PartnerPortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production Security__HttpsOnly=false \
    Database__Provider="$provider" ConnectionStrings__Portal="$connection" DemoData__Seed=true Jobs__Enabled=false Mail__PublicUrl="http://127.0.0.1:$port" \
    RateLimits__SignInPerAddress=1000000 RateLimits__SignInPerAccount=1000000 RateLimits__AccessLinkPerAddress=1000000 \
    Serilog__Format=json Serilog__FilePath="$out/$name.log" Serilog__MinimumLevel__Default=Warning "$@" \
    dotnet "$app_dll" --urls "http://127.0.0.1:$port" >"$out/$name.out" 2>&1) &
  app_pids[$size]=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "The app did not start; see $out/$name.out" >&2; tail -20 "$out/$name.out" >&2; exit 1
}

# sign_in <size>: signs in with curl Ava (cookies[size], the header wrk sends), the Super Admin of the demo client Harbor
# Coffee (cookies[size-client]) and Brightwave's Partner Access reviewer (cookies[size-reviewer]).
declare -A cookies=()
sign_in() {
  local size=$1 who email jar token port
  port=$(port_of "$size")
  for who in "" client reviewer; do
    case $who in client) email=maria.lopez@harborcoffee.com ;; reviewer) email=rita.ramos@partnerportal.example ;; *) email=ava.patel@brightwave.io ;; esac
    jar="$out/cookies-$size-${who:-ava}"
    rm -f "$jar"
    token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/sign-in" | grep -o '__RequestVerificationToken[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Data.Email=$email" \
      --data-urlencode "Data.Password=partner-portal-demo" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/sign-in"
    cookies[$size${who:+-$who}]=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')
  done
}

# get <size> <path>
get() { curl -s -H "Cookie: ${cookies[$1]}" "http://127.0.0.1:$(port_of "$1")$2"; }

# A line of the page list is a path, Ava's, or "client: <path>" or "reviewer: <path>" for the other two.
cookie_for() { case $2 in client:*) echo "${cookies[$1-client]}" ;; reviewer:*) echo "${cookies[$1-reviewer]}" ;; *) echo "${cookies[$1]}" ;; esac; }
path_of() { case $1 in client:* | reviewer:*) echo "${1#*: }" ;; *) echo "$1" ;; esac; }
# url_of <size> <line>
url_of() { echo "http://127.0.0.1:$(port_of "$1")$(path_of "$2")"; }

# The pages Ava uses, with the ids of this world. The Clients tab also at 10 a page: the demo world fills 7 and 12 rows of
# its 25 where the large world fills 25, and a page of more rows costs more without anything having grown; at 10 both
# worlds show 10 rows (all types) or 7 and 10 (the default filter), which tells growth from a fuller page.
pages() {
  local size=$1 cam="/44010001/partner/client-access-manager" ava hana link
  ava=$(get "$size" "$cam/employees?q=ava.patel" | grep -o 'employees/[0-9a-f-]\{36\}' | head -1 | cut -d/ -f2)
  hana=$(get "$size" "$cam/employees?q=hana.sato" | grep -o 'employees/[0-9a-f-]\{36\}' | head -1 | cut -d/ -f2)
  link=$(get "$size" "$cam/access-link?employee=$hana" | grep -o '/access/[A-Za-z0-9_-]\{20,\}' | head -1)
  printf '%s\n' "/health/live" "/44010001/partner/dashboard" "$cam" "$cam?filtered=true&types=all" "$cam?filtered=true&types=all&q=client+12" \
    "$cam?size=10" "$cam?filtered=true&types=all&size=10" \
    "$cam/employees" "$cam/employees/$ava" "$cam/employees/$ava/remove-from-clients" "$cam/employees/$hana/link-clients" \
    "$cam/clients/45100001" "$cam/clients/45100001/add-employees" "/accounts" "$link" \
    "/44010001/settings/users" "/44010001/partner/access-reviews" "/notifications" \
    "/44010001/partner/audit-trail" "/44010001/partner/audit-trail?who=ava.patel%40brightwave.io" \
    "client: /45100001/client/users" "client: /45100001/client/partner-access" "client: /45100001/client/partners" \
    "client: /45100001/client/audit-trail" "client: /45100001/client/audit-trail?who=ava.patel%40brightwave.io" \
    "reviewer: /review/partner-access"
}

# rss <size>: the app's resident memory in KB.
rss() { ps -o rss= -p "$(pgrep -f "PartnerPortal.Web.dll --urls http://127.0.0.1:$(port_of "$1")" | head -1)" | tr -d ' '; }

command_log="Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Database.Command=Information"

# statements_so_far <log name>: the SQL statements the app has logged so far (in --small, the one app's log).
statements_so_far() {
  local log=$1
  $small && log=$smoke_log
  cat "$out/$log"*.log | grep -c 'Executed DbCommand' || true
}

# app_pid <size>: the app serving that world.
app_pid() { pgrep -f "PartnerPortal.Web.dll --urls http://127.0.0.1:$(port_of "$1")" | head -1; }

# cpu_ticks <size>: the app's processor time so far (user + system, in clock ticks).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$(app_pid "$1")/stat"; }

# run_wrk <size> <page> <file>: one measurement, appended as a line of the size's table — with the app's processor time per
# request (milliseconds), which a busier spell of the machine moves far less than requests a second.
run_wrk() {
  local size=$1 page=$2 file=$3 rps p50 p99 errors ticks requests cpu
  ticks=$(cpu_ticks "$size")
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "Cookie: $(cookie_for "$size" "$page")" "$(url_of "$size" "$page")" >"$out/wrk.txt" 2>&1 || true
  ticks=$(( $(cpu_ticks "$size") - ticks ))
  rps=$(awk '/Requests\/sec/ { print $2 }' "$out/wrk.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$out/wrk.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$out/wrk.txt")
  errors=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$out/wrk.txt")
  requests=$(awk '/requests in/ { print $1 }' "$out/wrk.txt")
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="${requests:-0}" 'BEGIN { printf "%.2f", (n > 0) ? 1000 * t / hz / n : 0 }')
  echo -e "$page\t${rps:-0}\t${p50:-?}\t${p99:-?}\t${errors:-0}\t$cpu" >>"$file"
}

# busy_percent: how busy the machine's processors are over 3 seconds (every process: the apps are idle then).
busy_percent() {
  local a b
  a=($(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)); sleep 3
  b=($(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat))
  awk -v busy=$((b[0] - a[0])) -v idle=$((b[1] - a[1])) 'BEGIN { printf "%.0f", ((busy + idle) > 0) ? 100 * busy / (busy + idle) : 0 }'
}

# quiet <what>: before a round, waits (up to a minute) for the machine to be quiet — under BENCH_QUIET_BUSY percent busy
# (15) while the apps are idle — and refuses to go on under load unless BENCH_FORCE=1 (the round is then marked forced).
# Appends "<what>\t<load average>\t<busy %>\t<forced?>" to $out/quiet.tsv.
quiet() {
  local what=$1 busy limit=${BENCH_QUIET_BUSY:-15} tries=0 forced=""
  sleep 2 # the apps finish what the last run left them (collections, compilation)
  busy=$(busy_percent)
  while (( busy > limit && tries < 20 )); do tries=$((tries + 1)); busy=$(busy_percent); done
  if (( busy > limit )); then
    if [ "${BENCH_FORCE:-}" != 1 ]; then
      echo "The machine is busy ($busy % of its processors with the apps idle, over $limit %): $what is not measured. Stop what runs, or set BENCH_FORCE=1." >&2
      top -bn1 | head -15 >&2
      exit 3
    fi
    forced="forced"
  fi
  echo -e "$what\t$(cut -d' ' -f1-3 /proc/loadavg)\t$busy\t$forced" >>"$out/quiet.tsv"
}

# median_round <provider>: for each page, the round whose large/demo ratio is the median of the rounds' goes to
# <provider>-{demo,large}.wrk (with the non-2xx answers of every round), and every round's ratio to <provider>.rounds.
median_round() {
  local provider=$1 files=() round
  for round in $(seq 1 "$rounds"); do files+=("$out/$provider-demo.wrk.$round" "$out/$provider-large.wrk.$round"); done
  paste "${files[@]}" | awk -F'\t' -v rounds="$rounds" -v demo="$out/$provider-demo.wrk" -v large="$out/$provider-large.wrk" \
    -v all="$out/$provider.rounds" '
    {
      errors = 0; list = ""
      for (r = 1; r <= rounds; r++) {
        d = (r - 1) * 12; ratio[r] = ($(d + 2) > 0) ? $(d + 8) / $(d + 2) : 0; order[r] = r
        errors += $(d + 5) + $(d + 11); list = list (r > 1 ? " " : "") sprintf("%.2f", ratio[r])
      }
      for (a = 2; a <= rounds; a++) for (b = a; b > 1 && ratio[order[b]] < ratio[order[b - 1]]; b--) { t = order[b]; order[b] = order[b - 1]; order[b - 1] = t }
      m = order[int((rounds + 1) / 2)]; d = (m - 1) * 12
      print $(d + 1) "\t" $(d + 2) "\t" $(d + 3) "\t" $(d + 4) "\t" errors "\t" $(d + 6) >demo
      print $(d + 7) "\t" $(d + 8) "\t" $(d + 9) "\t" $(d + 10) "\t" 0 "\t" $(d + 12) >large
      print list >all
    }'
}

# measure <provider> <demo connection string> <large connection string>: both apps up, every page warmed up on both,
# then each page with wrk on the demo world and at once on the large one; then statements and sizes from a second start.
measure() {
  local provider=$1 demo_cs=$2 large_cs=$3 size i
  start_app demo "$provider-demo" "$provider" "$demo_cs"
  start_app large "$provider-large" "$provider" "$large_cs"
  for size in demo large; do
    sign_in "$size"
    pages "$size" >"$out/$provider-$size.pages"
    get "$size" / >/dev/null
    # Every page warmed up before any is measured: otherwise the first pages run on code the JIT has not optimized yet.
    [ -n "$warmup" ] && while read -r page; do
      wrk -t1 -c2 -d"$warmup" -H "Cookie: $(cookie_for "$size" "$page")" "$(url_of "$size" "$page")" >/dev/null 2>&1 || true
    done <"$out/$provider-$size.pages"
  done
  mapfile -t demo_pages <"$out/$provider-demo.pages"
  mapfile -t large_pages <"$out/$provider-large.pages"
  # Rounds: one 5-second run of a page moves by ±0.2 in its ratio from run to run, and the world measured second
  # runs while the first one's app is still busy (collecting garbage, compiling): the order alternates round by round.
  local round
  for round in $(seq 1 "$rounds"); do
    quiet "$provider round $round"
    for i in "${!demo_pages[@]}"; do
      if (( round % 2 )); then
        run_wrk demo "${demo_pages[$i]}" "$out/$provider-demo.wrk.$round"
        run_wrk large "${large_pages[$i]}" "$out/$provider-large.wrk.$round"
      else
        run_wrk large "${large_pages[$i]}" "$out/$provider-large.wrk.$round"
        run_wrk demo "${demo_pages[$i]}" "$out/$provider-demo.wrk.$round"
      fi
    done
    echo -e "$provider round $round, after\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/quiet.tsv"
  done
  median_round "$provider"
  for size in demo large; do rss "$size" >"$out/$provider-$size.rss"; done
  stop_apps
  # Statements: the same pages once each, with EF Core's command log raised (a setting, not a rebuild).
  for size in demo large; do
    local cs=$demo_cs
    [ "$size" = large ] && cs=$large_cs
    start_app "$size" "$provider-$size-sql" "$provider" "$cs" "Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Database.Command=Information"
    sign_in "$size"
    while read -r page; do
      curl -s -o /dev/null -H "Cookie: $(cookie_for "$size" "$page")" "$(url_of "$size" "$page")" # warm
      sleep 0.3
      local before after bytes
      before=$(cat "$out/$provider-$size-sql"*.log | grep -c 'Executed DbCommand' || true)
      bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $(cookie_for "$size" "$page")" "$(url_of "$size" "$page")")
      sleep 0.3
      after=$(cat "$out/$provider-$size-sql"*.log | grep -c 'Executed DbCommand' || true)
      echo -e "$page\t$((after - before))\t$bytes" >>"$out/$provider-$size.sql"
    done <"$out/$provider-$size.pages"
    stop_apps
  done
}

# upload <provider> <large connection string>: R26 — a 1,000-row file of Partner Access requests uploaded to the large world
# as a partner does (curl, multipart, with the form's antiforgery token): Ava Patel in the 1,000 clients where she is
# Partner Admin (every ava_every-th), so that every row with a paid seat is submitted (and its client's primary admin
# emailed) and the others refused; then the same file again, every row now refused (an open request). A two-row file
# first warms the path up. The time is curl's, request to response; the statements come from EF Core's command log.
upload() {
  local provider=$1 cs=$2 port csv="$out/requests-1000.csv" warm="$out/requests-warm-up.csv" i attempt file token before after answer summary
  $small || { start_app large "$provider-upload" "$provider" "$cs" "$command_log"; sign_in large; }
  port=$(port_of large)
  { echo "User email,Hub ID"; for i in $(seq 1 1000); do echo "ava.patel@brightwave.io,$((60000000 + i * ava_every))"; done; } >"$csv"
  printf 'Hub ID,User email\n60000001,bench.employee0001@brightwave.io\n1,ava.patel@brightwave.io\n' >"$warm"
  for attempt in warm-up first again; do
    file=$csv
    [ "$attempt" = warm-up ] && file=$warm
    token=$(get large "/44010001/partner/partner-access/upload" | grep -o '__RequestVerificationToken[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
    sleep 0.3
    before=$(statements_so_far "$provider-upload")
    answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{redirect_url}' -H "Cookie: ${cookies[large]}" \
      -F "__RequestVerificationToken=$token" -F "file=@$file;type=text/csv" "http://127.0.0.1:$port/44010001/partner/partner-access/upload")
    sleep 0.3
    after=$(statements_so_far "$provider-upload")
    read -r code seconds location <<<"$answer"
    summary=$(get large "${location#http://127.0.0.1:$port}" | grep -o '[0-9]* submitted</strong>, [0-9]* refused, [0-9]* invalid' | sed 's#</strong>##')
    [ "$attempt" = warm-up ] && continue
    echo -e "$attempt\t$code\t$seconds\t$((after - before))\t${summary:-no result page}" >>"$out/$provider-upload.tsv"
  done
  $small || stop_apps
  {
    echo
    echo "$provider, a 1,000-row file of Partner Access requests (R26) in the large world:"
    echo
    echo "| upload | answer | seconds | statements | rows |"
    echo "|---|---:|---:|---:|---|"
    awk -F'\t' '{ printf "| %s | %s | %.2f | %s | %s |\n", $1, $2, $3, $4, $5 }' "$out/$provider-upload.tsv"
  } | tee -a "$out/results.md"
}

# audit <provider> <large connection string>: B1 — the audit trail at size. <entries> entries appended to the large world
# (bench/PartnerPortal.Bench audit), then each trail page five times with curl (the median time), its statements from
# EF Core's command log, and the CSV export of the whole partner trail with the app's resident memory sampled meanwhile.
audit() {
  local provider=$1 cs=$2 port page times median before after bytes code older rss0 peak csv_seconds started
  echo "== $provider: $audit_entries audit entries"
  # (A measured run grew the trail before the pages were measured: grow_audit.)
  $small || [ -f "$out/$provider-audit-grow.txt" ] || grow_audit "$provider" "$cs"
  $small || { start_app large "$provider-audit" "$provider" "$cs" "$command_log"; sign_in large; }
  port=$(port_of large)
  local trail="/44010001/partner/audit-trail" week_ago month_ago
  older=$(get large "$trail" | grep -o 'href="[^"]*after=[^"]*"' | head -1 | sed 's/^href="//;s/"$//;s/&amp;/\&/g')
  month_ago=$(date -u -d '-200 days' +%F); week_ago=$(date -u -d '-207 days' +%F)
  : >"$out/$provider-audit.tsv"
  for page in "$trail" "$older" "$trail?to=$month_ago" "$trail?who=ava.patel%40brightwave.io" "$trail?action=End+date+set" "$trail?client=60000042" \
    "$trail?whom=bench.subject0042%40brightwave.io" "$trail?from=$week_ago&to=$month_ago" "$trail?action=End+date+set&from=$week_ago&to=$month_ago" \
    "/45100001/client/audit-trail" "/45100001/client/audit-trail?who=ava.patel%40brightwave.io"; do
    get large "$page" >/dev/null # warm
    times=()
    for _ in 1 2 3 4 5; do times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: ${cookies[large]}" "http://127.0.0.1:$port$page")"); done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    sleep 0.3
    before=$(statements_so_far "$provider-audit")
    read -r code bytes <<<"$(curl -s -o "$out/audit-page.html" -w '%{http_code} %{size_download}' -H "Cookie: ${cookies[large]}" "http://127.0.0.1:$port$page")"
    sleep 0.3
    after=$(statements_so_far "$provider-audit")
    echo -e "$page\t$code\t$median\t$((after - before))\t$(grep -c 'data-entry=' "$out/audit-page.html")" >>"$out/$provider-audit.tsv"
  done
  # The whole partner trail as CSV: time, size, and the app's memory before and at its highest while it streams.
  rss0=$(rss large); peak=$rss0
  started=$(date +%s.%N)
  curl -s -o "$out/audit.csv" -H "Cookie: ${cookies[large]}" "http://127.0.0.1:$port$trail?handler=Csv" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do now_rss=$(rss large); (( now_rss > peak )) && peak=$now_rss; sleep 0.2; done
  wait "$curl_pid" || true
  csv_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  # And where the memory settles: 20 s after the download with the app idle (2 s in --small), and after one more page.
  if $small; then sleep 2; else sleep 20; fi
  local idle settled
  idle=$(rss large)
  get large "$trail" >/dev/null; sleep 2
  settled=$(rss large)
  echo -e "csv\t$(($(wc -l <"$out/audit.csv") - 1))\t$csv_seconds\t$(( $(stat -c %s "$out/audit.csv") / 1048576 ))\t$((rss0 / 1024))\t$((peak / 1024))\t$((idle / 1024))\t$((settled / 1024))" >"$out/$provider-audit-csv.tsv"
  rm -f "$out/audit.csv"
  $small || stop_apps
  {
    echo
    echo "$provider, the audit trail (B1) with $(grep -o 'Appended [0-9,]*' "$out/$provider-audit-grow.txt" | cut -d' ' -f2 || echo "$audit_entries") more entries in the large world:"
    echo
    echo "| page | answer | median s (5 runs) | statements | rows |"
    echo "|---|---:|---:|---:|---:|"
    sed -E 's#after=[0-9-]+#after={cursor}#; s#[0-9]{4}-[0-9]{2}-[0-9]{2}#{day}#g' "$out/$provider-audit.tsv" | awk -F'\t' '{ printf "| %s | %s | %.3f | %s | %s |\n", $1, $2, $3, $4, $5 }'
    echo
    awk -F'\t' '{ printf "The whole partner trail as CSV: %s rows, %s MB, in %.1f s; the app'"'"'s memory %s MB before, %s MB at most while it streamed, %s MB once idle after it, %s MB after the next page.\n", $2, $4, $3, $5, $6, $7, $8 }' "$out/$provider-audit-csv.tsv"
  } | tee -a "$out/results.md"
}

# bulk <provider> <large connection string>: R10's bulk removal as a partner admin posts it — Ava Patel removed from 1, 200
# and 1,000 of the clients where she is Partner Admin (every ava_every-th) — each on a copy of the large world (1 and 200 on
# one, 1,000 on another) after a warm-up removal from a demo client: curl's time, request to response, and the statements.
bulk() {
  local provider=$1 cs=$2 copy copy_cs port ava url token args i answer before after code seconds run what from to
  for copy in 1 2; do
    case $provider in
      Sqlite) cp "$out/large.db" "$out/bulk.db"; [ -f "$out/large.db-wal" ] && cp "$out/large.db-wal" "$out/bulk.db-wal"; copy_cs="Data Source=$out/bulk.db" ;;
      Postgres) as_pg "$pg_bin/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists bench_bulk
        as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres -T bench_large bench_bulk
        copy_cs="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench_bulk" ;;
    esac
    start_app large "$provider-bulk-$copy" "$provider" "$copy_cs" "$command_log"
    sign_in large
    port=$(port_of large)
    ava=$(get large "/44010001/partner/client-access-manager/employees?q=ava.patel" | grep -o 'employees/[0-9a-f-]\{36\}' | head -1 | cut -d/ -f2)
    url="http://127.0.0.1:$port/44010001/partner/client-access-manager/employees/$ava/remove-from-clients"
    local runs=("warm-up 45100001 45100001" "1 1 1" "200 2 201")
    [ "$copy" = 2 ] && runs=("warm-up 45100001 45100001" "1000 1 1000")
    for run in "${runs[@]}"; do
      read -r what from to <<<"$run"
      args=""
      if [ "$what" = warm-up ]; then args="&clients=$from"; else for i in $(seq "$from" "$to"); do args="$args&clients=$((60000000 + i * ava_every))"; done; fi
      token=$(curl -s -H "Cookie: ${cookies[large]}" "$url" | grep -o '__RequestVerificationToken[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
      sleep 0.3
      before=$(statements_so_far "$provider-bulk-$copy")
      answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: ${cookies[large]}" --data "__RequestVerificationToken=$token$args" "$url?handler=Done")
      sleep 0.3
      after=$(statements_so_far "$provider-bulk-$copy")
      read -r code seconds <<<"$answer"
      [ "$what" = warm-up ] || echo -e "$what\t$code\t$seconds\t$((after - before))" >>"$out/$provider-bulk.tsv"
    done
    stop_apps
  done
  {
    echo
    echo "$provider, Ava Patel removed from many clients at once (R10, Remove employee from clients) in the large world:"
    echo
    echo "| clients | answer | seconds | statements |"
    echo "|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %s | %.2f | %s |\n", $1, $2, $3, $4 }' "$out/$provider-bulk.tsv"
  } | tee -a "$out/results.md"
}

# grow_audit <provider> <large connection string>: a million audit entries (audit_entries) appended to the large world.
grow_audit() { dotnet "$grow_dll" audit "$1" "$2" "$audit_entries" "$clients" | tee "$out/$1-audit-grow.txt"; }

# smoke <provider> <large connection string>: --small's one start of the large world, with EF Core's command log raised:
# every page once (answer and statements, the same tables as a measured run with no figures), then the upload and the
# audit trail on the same app.
smoke() {
  local provider=$1 cs=$2 page code before after bytes
  smoke_log="$provider-smoke"
  dotnet "$grow_dll" audit "$provider" "$cs" "$audit_entries" "$clients" | tee "$out/$provider-audit-grow.txt"
  start_app large "$smoke_log" "$provider" "$cs" "$command_log"
  sign_in large
  pages large >"$out/$provider-large.pages"
  get large / >/dev/null
  : >"$out/$provider-large.sql"
  : >"$out/$provider-large.codes"
  while read -r page; do
    curl -s -o /dev/null -H "Cookie: $(cookie_for large "$page")" "$(url_of large "$page")" # warm
    sleep 0.3
    before=$(statements_so_far "$smoke_log")
    read -r code bytes <<<"$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "Cookie: $(cookie_for large "$page")" "$(url_of large "$page")")"
    sleep 0.3
    after=$(statements_so_far "$smoke_log")
    echo -e "$page\t$((after - before))\t$bytes" >>"$out/$provider-large.sql"
    echo -e "$page\t$code" >>"$out/$provider-large.codes"
  done <"$out/$provider-large.pages"
  {
    echo
    echo "### $provider — smoke run: demo + $clients clients, each page once"
    echo
    echo "| page | answer | statements | KB |"
    echo "|---|---:|---:|---:|"
    paste "$out/$provider-large.codes" "$out/$provider-large.sql" | \
      sed -E 's#/access/[A-Za-z0-9_-]+#/access/{token}#; s#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}#{id}#g; s#/44010001/partner/client-access-manager#{cam}#' | \
      awk -F'\t' '{ printf "| %s | %s | %s | %.0f |\n", $1, $2, $4, $5 / 1024 }'
  } | tee -a "$out/results.md"
}

report() {
  local provider=$1 grow_seconds=$2
  {
    echo
    echo "### $provider — demo world vs. demo + $clients clients, $employees employees, $((clients * per_client + clients / ava_every)) memberships"
    echo
    echo "wrk -t$threads -c$connections -d${seconds}s per page and world, $rounds round(s), the median round's figures; growing the world took ${grow_seconds} s; app memory (RSS) after the run: demo $(( $(cat "$out/$provider-demo.rss") / 1024 )) MB, large $(( $(cat "$out/$provider-large.rss") / 1024 )) MB."
    echo
    # The ceiling: /health/live with Ava's cookie in the demo world (the session's one statement), the first page.
    local ceiling
    ceiling=$(awk -F'\t' 'NR == 1 { print $2 }' "$out/$provider-demo.wrk")
    echo "The ceiling (\`/health/live\` with the same cookie, demo world): $ceiling requests a second; \"of ceiling\" is the large world's figure over it."
    echo
    echo "| page | demo req/s | large req/s | large/demo | every round | of ceiling | CPU ms/request demo / large | p50 large | p99 large | statements | KB large | non-2xx |"
    echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    paste "$out/$provider-demo.wrk" "$out/$provider-large.wrk" "$out/$provider-large.sql" "$out/$provider.rounds" | \
      sed -E 's#/access/[A-Za-z0-9_-]+#/access/{token}#; s#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}#{id}#g; s#/44010001/partner/client-access-manager#{cam}#' | \
      awk -F'\t' -v ceiling="$ceiling" '{ ratio = ($2 > 0) ? $8 / $2 : 0; page = $1;
        printf "| %s | %.0f | %.0f | %.2f | %s | %.2f | %s / %s | %s | %s | %s | %.0f | %s |\n", page, $2, $8, ratio, $16, (ceiling > 0) ? $8 / ceiling : 0, $6, $12, $9, $10, $14, $15 / 1024, $5 + $11 }'
    echo
    echo "How quiet the machine was ($(nproc) processors): load average (1, 5, 15 min) before each round and after it, and how busy the processors were with the apps idle just before it."
    echo
    echo "| round | load before / after | busy before |"
    echo "|---|---|---:|"
    awk -F'\t' -v p="$provider" '$1 ~ "^" p " round [0-9]+$" { name = $1; before = $2; busy = $3 ($4 ? " (" $4 ")" : "") }
      $1 ~ "^" p " round [0-9]+, after$" { printf "| %s | %s / %s | %s %% |\n", name, before, $2, busy }' "$out/quiet.tsv"
  } | tee -a "$out/results.md"
}

# --small checks what it measured: every page answered 2xx and none sent more than 6 SQL statements (the Partner
# dashboard and a Client Access Manager employee's panel, with Remove employee from clients over it, 7: StatementBudgetTests).
check() {
  local provider=$1
  paste "$out/$provider-large.codes" "$out/$provider-large.sql" | awk -F'\t' -v p="$provider" '
    $2 !~ /^2/ { print p ": " $1 " answered " $2; bad = 1 }
    $4 > ($1 ~ /partner\/dashboard$/ || ($1 ~ /client-access-manager\/employees\/[0-9a-f-]+(\/remove-from-clients)?$/) ? 7 : 6) { print p ": " $1 " sent " $4 " statements"; bad = 1 }
    END { exit bad }' >&2
}

IFS=',' read -ra wanted <<<"$providers"
for provider in "${wanted[@]}"; do
  case $provider in
    sqlite)
      demo_cs="Data Source=$out/demo.db"; large_cs="Data Source=$out/large.db"; name=Sqlite ;;
    postgres)
      demo_cs="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench_demo"
      large_cs="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench_large"; name=Postgres ;;
    *) echo "Unknown provider $provider" >&2; exit 1 ;;
  esac
  echo "== $name: the demo world, and the large world grown from it"
  $small || { start_app demo "$provider-seed-demo" "$name" "$demo_cs"; stop_apps; } # migrations and the demo world
  start_app large "$provider-seed-large" "$name" "$large_cs"; stop_apps
  started=$(date +%s)
  dotnet "$grow_dll" "$name" "$large_cs" "$clients" "$employees" "$per_client" "$ava_every"
  grow_seconds=$(( $(date +%s) - started ))
  if [ "${BENCH_ONLY:-}" = audit ]; then
    audit "$name" "$large_cs"
    continue
  fi
  if [ "${BENCH_ONLY:-}" = bulk ]; then
    bulk "$name" "$large_cs"
    continue
  fi
  if $small; then
    echo "== $name: every page once, on one start of the app"
    smoke "$name" "$large_cs"
    check "$name" || failed=1
  elif [ "${BENCH_ONLY:-}" != upload ]; then
    echo "== $name: $audit_entries audit entries in the large world, so that its trails are measured at that size"
    grow_audit "$name" "$large_cs"
    echo "== $name: both worlds, page by page"
    measure "$name" "$demo_cs" "$large_cs"
    report "$name" "$grow_seconds"
  fi
  echo "== $name: a 1,000-row file of Partner Access requests"
  upload "$name" "$large_cs"
  # Both uploads answered with the result page, within 5 s, in a few statements whatever the number of rows (as in
  # PartnerAccessRequestTests: the session, the gate, three reads, two for the notices, one batch of inserts).
  awk -F'\t' -v p="$name" '$2 != 302 || $3 > 5 || $4 > 14 { print p ": the upload (" $1 ") answered " $2 " in " $3 " s with " $4 " statements"; bad = 1 }
    END { exit bad }' \
    "$out/$name-upload.tsv" >&2 || failed=1
  [ "${BENCH_ONLY:-}" = upload ] && continue
  audit "$name" "$large_cs"
  $small && stop_apps
  # Every trail page answered 200 within 2 s in at most 6 statements (StatementBudgetTests: a page's budget).
  awk -F'\t' -v p="$name" '$2 != 200 || $3 > 2 || $4 > 6 { print p ": the audit trail page " $1 " answered " $2 " in " $3 " s with " $4 " statements"; bad = 1 }
    END { exit bad }' "$out/$name-audit.tsv" >&2 || failed=1
  if ! $small; then
    echo "== $name: Ava removed from 1, 200 and 1,000 clients"
    bulk "$name" "$large_cs"
    # Each answered with the result page within 5 s, in a number of statements that does not grow with the clients — but for
    # the save's batches of 1,000 (DatabaseSetup.MaxBatchStatements): two changes a client, one command more per 500 clients.
    awk -F'\t' -v p="$name" 'NR == 1 { first = $4 } $2 != 302 || $3 > 5 || $4 > first + int((2 * $1 - 1) / 1000) { print p ": removing from " $1 " clients answered " $2 " in " $3 " s with " $4 " statements"; bad = 1 }
      END { exit bad }' "$out/$name-bulk.tsv" >&2 || failed=1
  fi
  # The ending job (R12) on many due relationships, in a database of its own.
  case $provider in
    sqlite) ending_cs="Data Source=$out/ending.db" ;;
    postgres) ending_cs="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench_ending" ;;
  esac
  echo "== $name: the ending job on $due due relationships"
  { echo; echo -n "$name, "; dotnet "$grow_dll" ending "$name" "$ending_cs" "$due" | tail -n 1; } | tee -a "$out/results.md" || failed=1
done
echo
echo "Written to artifacts/bench/results.md"
exit "${failed:-0}"
