#!/usr/bin/env bash
# PrivacySync's one entry script. Usage: ./run.sh demo | serve | test | bench | publish | help
# Each command installs what is missing, builds, starts what it needs and stops it again on exit.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
CONFIGURATION="${CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip

log() { printf '[run.sh] %s\n' "$*" >&2; }
die() { printf '[run.sh] error: %s\n' "$*" >&2; exit 2; }

# --- clean-up of everything this script started, on success, failure or Ctrl-C -------------------
PIDS=()
TEMP_DIRS=()
CLEANUP_FILES=()
declare -A STOP_GRACE=() # seconds a process may take to stop after SIGTERM (default 10)
TEST_SUMMARY=""
# Stops one started process: SIGTERM (the .NET processes shut down gracefully on it), wait, then SIGKILL.
stop_process() {
  local pid=$1 grace=${STOP_GRACE[$1]:-10}
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $((grace * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  ((grace < 10)) || log "process $pid did not stop within $grace s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  # Last started first: the app stops while the storage and simulators it talks to are still up.
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    [[ -n "${PIDS[i]}" ]] && stop_process "${PIDS[i]}"
  done
  local path
  for path in "${CLEANUP_FILES[@]:-}"; do
    [[ -n "$path" ]] && rm -f "$path"
  done
  local dir
  for dir in "${TEMP_DIRS[@]:-}"; do
    [[ -n "$dir" && -d "$dir" ]] && rm -rf "$dir"
  done
  # The summary comes last, after everything started is stopped, so it is the run's final line.
  [[ -z "$TEST_SUMMARY" ]] || echo "$TEST_SUMMARY"
  return "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- installation --------------------------------------------------------------------------------
apt_updated=0
apt_install() {
  if ((apt_updated == 0)); then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not found on PATH)"
}

ensure_node() {
  if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
  # Reinstall only when the lockfile changed since the last install.
  local stamp="node_modules/.package-lock.stamp"
  if [[ ! -x node_modules/.bin/azurite ]] || ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
    log "npm ci (Azurite $(node -p "require('./package.json').devDependencies.azurite"))"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    cp package-lock.json "$stamp"
  fi
}

# Debian's Chromium renders the Teams cards (tests, demo's out/cards/); Playwright drives this system browser.
ensure_chromium() {
  [[ -x /usr/bin/chromium ]] || apt_install chromium fonts-dejavu-core
}

build() {
  log "dotnet build ($CONFIGURATION)"
  dotnet build PrivacySync.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly >&2
}

# --- local services ------------------------------------------------------------------------------
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for_port() {
  local port=$1 name=$2 log_file=${3:-}
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  [[ -z "$log_file" ]] || tail -n 20 "$log_file" >&2
  die "$name did not start listening on port $port within 60 s"
}

AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
start_azurite() {
  local data blob queue table
  data="$(mktemp -d -t privacysync-azurite.XXXXXX)"
  TEMP_DIRS+=("$data")
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  while [[ "$queue" == "$blob" ]]; do queue=$(free_port); done
  while [[ "$table" == "$blob" || "$table" == "$queue" ]]; do table=$(free_port); done
  log "starting Azurite (blob $blob, queue $queue, table $table) in $data"
  # Throwaway data, so in memory (saving the table database to disk every few seconds slows large tables down; Azurite
  # refuses a --location with it): $data holds only its log.
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --inMemoryPersistence \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$data/azurite.log" 2>&1 &
  PIDS+=("$!"); disown "$!"
  # Azurite closes its services at once on SIGTERM but its process lingers for many seconds; its data is throwaway.
  STOP_GRACE[$!]=2
  wait_for_port "$blob" "Azurite blob" "$data/azurite.log"; wait_for_port "$queue" "Azurite queue"; wait_for_port "$table" "Azurite table"
  AZURE_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  export AZURE_STORAGE
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [[ -x "$dir/initdb" ]] && { echo "$dir"; return 0; }; done
  return 1
}

ensure_postgres() {
  pg_bin >/dev/null || apt_install postgresql
  pg_bin >/dev/null || die "PostgreSQL server binaries not found after installing the postgresql package"
}

# A throwaway PostgreSQL cluster on a free port, data in a temp folder, trust auth on loopback only.
start_postgres() {
  ensure_postgres
  local bin data port run_as=()
  bin="$(pg_bin)"
  data="$(mktemp -d -t privacysync-pg.XXXXXX)"
  TEMP_DIRS+=("$data")
  port=$(free_port)
  if [[ $(id -u) -eq 0 ]]; then
    # The server refuses to run as root; run it as the packaged 'postgres' user (or create one).
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown -R postgres "$data"
    run_as=(runuser -u postgres --)
  fi
  log "starting PostgreSQL on port $port in $data"
  "${run_as[@]}" "$bin/initdb" -D "$data/db" -U postgres -A trust --no-sync -E UTF8 >"$data/initdb.log" 2>&1 \
    || { cat "$data/initdb.log" >&2; die "initdb failed"; }
  "${run_as[@]}" "$bin/postgres" -D "$data/db" -p "$port" -k "$data" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off >"$data/postgres.log" 2>&1 &
  PIDS+=("$!"); disown "$!"
  wait_for_port "$port" "PostgreSQL"
  POSTGRES_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export POSTGRES_CONNECTION
}

# --- the local environment (demo, serve) ---------------------------------------------------------
# Azurite, the sandbox simulators (one process), an HR database, the seeded fictional company, a local configuration
# and signing key, and the published app under the local Functions host. The simulators, seeding and officer-side demo are C# (tests/PrivacySync.Sandbox).
CLI_DLL="functions/PrivacySync.Cli/bin/$CONFIGURATION/net10.0/PrivacySync.Cli.dll"
HOST_DLL="tests/PrivacySync.FunctionsHost/bin/$CONFIGURATION/net10.0/PrivacySync.FunctionsHost.dll"
SANDBOX_DLL="tests/PrivacySync.Sandbox/bin/$CONFIGURATION/net10.0/PrivacySync.Sandbox.dll"
PUBLISH_DIR="artifacts/publish"

# The standard isolated-worker publish folder (functions.metadata, worker.config.json, .azurefunctions/): what Azure,
# the Functions container image, `func start` and the local host all run.
publish_app() {
  local out=$1
  rm -rf "$out"
  log "dotnet publish → $out"
  dotnet publish functions/PrivacySync.Functions/PrivacySync.Functions.csproj -c Release -o "$out" -nologo -v quiet -clp:ErrorsOnly >&2
  local file
  for file in host.json functions.metadata worker.config.json .azurefunctions; do
    [[ -e "$out/$file" ]] || die "publish did not produce $out/$file"
  done
}

random_secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# Prints the last lines of a log to stderr, so a failure shows its cause.
show_log() {
  local file=$1 name=$2
  [[ -s "$file" ]] || return 0
  printf '[run.sh] --- last lines of the %s log (%s) ---\n' "$name" "$file" >&2
  tail -n 40 "$file" >&2
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts the simulators as one process on free ports; sets SANDBOX_HUBSPOT, SANDBOX_GRAPH, SANDBOX_HR, SANDBOX_ENTRA,
# SANDBOX_TEAMS (base URLs).
start_sandbox() {
  local dir=$1 out="$1/sandbox.out" pid
  log "starting the sandbox simulators (HubSpot, Graph, HR REST, Entra-like issuer, Teams Workflows webhook)"
  dotnet "$SANDBOX_DLL" hubspot=0 graph=0 hr=0 entra=0 teams=0 >"$out" 2>"$dir/sandbox.log" &
  pid=$!; PIDS+=("$pid"); disown "$pid"
  for _ in $(seq 1 150); do
    [[ $(grep -c . "$out") -ge 5 ]] && break
    kill -0 "$pid" 2>/dev/null || { show_log "$dir/sandbox.log" sandbox; die "the sandbox simulators exited while starting"; }
    sleep 0.1
  done
  SANDBOX_HUBSPOT=$(awk '$1 == "hubspot" { print $2 }' "$out")
  SANDBOX_GRAPH=$(awk '$1 == "graph" { print $2 }' "$out")
  SANDBOX_HR=$(awk '$1 == "hr" { print $2 }' "$out")
  SANDBOX_ENTRA=$(awk '$1 == "entra" { print $2 }' "$out")
  SANDBOX_TEAMS=$(awk '$1 == "teams" { print $2 }' "$out")
  [[ -n "$SANDBOX_HUBSPOT" && -n "$SANDBOX_GRAPH" && -n "$SANDBOX_HR" && -n "$SANDBOX_ENTRA" && -n "$SANDBOX_TEAMS" ]] || { show_log "$dir/sandbox.log" sandbox; die "the sandbox did not report its simulators' addresses"; }
  log "sandbox: HubSpot $SANDBOX_HUBSPOT, Graph $SANDBOX_GRAPH/v1.0, HR REST $SANDBOX_HR, Entra $SANDBOX_ENTRA, Teams webhook $SANDBOX_TEAMS"
}

# Waits until GET /api/health answers 200; fails early when the host exits.
wait_for_health() {
  local url=$1 pid=$2 log_file=$3
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { show_log "$log_file" app; die "the app exited while starting (log: $log_file)"; }
    if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  show_log "$log_file" app
  die "the app did not answer $url within 60 s"
}

# Everything demo and serve share. Usage: start_environment <dir> <api-port> <hr-provider>
# Sets API (http://127.0.0.1:port/api), FUNCTION_KEY, AUDIT_KEY, WORKER_PID, WORKER_LOG; writes <dir>/endpoints.json.
start_environment() {
  local dir=$1 port=$2 provider=$3 hr_connection
  ensure_dotnet; ensure_node; build; publish_app "$PUBLISH_DIR"
  start_azurite
  if [[ "$provider" == postgresql ]]; then
    start_postgres
    hr_connection="$POSTGRES_CONNECTION"
  else
    hr_connection="Data Source=$dir/hr.db"
  fi
  start_sandbox "$dir"

  log "seeding the fictional company through the simulators' APIs and the HR database ($provider)"
  dotnet "$SANDBOX_DLL" seed --hubspot "$SANDBOX_HUBSPOT" --graph "$SANDBOX_GRAPH" --hr "$SANDBOX_HR" --entra "$SANDBOX_ENTRA" \
    --hr-db-provider "$provider" --hr-db "$hr_connection" \
    --sample-config functions/PrivacySync.Functions/config/privacysync.json --out "$dir" >&2 \
    || die "seeding failed"
  dotnet "$CLI_DLL" keygen --out "$dir/signing-key.pem" >/dev/null || die "keygen failed"

  FUNCTION_KEY=$(random_secret)
  # Kept for the CLI: verify --audit / verify-audit check the chain's MACs with it.
  AUDIT_KEY=$(random_secret)
  API="http://127.0.0.1:$port/api"
  WORKER_LOG="$dir/app.log"
  log "starting the published app under the local Functions host (queues, timers, API on $API); log: $WORKER_LOG"
  (
    set -a
    # The systems' credentials, by the names the local configuration references.
    . "$dir/worker.env"
    set +a
    export AzureWebJobsStorage="$AZURE_STORAGE" \
      PrivacySync__ConfigPath="$dir/privacysync.local.json" \
      PrivacySync__SigningKeyPath="$dir/signing-key.pem" \
      PrivacySync__SubjectSalt="$(random_secret)" \
      PrivacySync__LinkSecret="$(random_secret)" \
      PrivacySync__AuditKey="$AUDIT_KEY" \
      PrivacySync__PackageKey="$(random_secret)" \
      PrivacySync__Telemetry__LocalExporter="${PRIVACYSYNC_TELEMETRY:-none}" \
      PrivacySync__Reconciliation__Schedule="0 0 2 * * *" \
      PrivacySync__Teams__StatusBaseUrl="http://127.0.0.1:$port" \
      PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_NO="$SANDBOX_TEAMS/workflows/nordvik-no/triggers/manual/paths/invoke?api-version=2016-06-01&sig=sandbox" \
      PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_SE="$SANDBOX_TEAMS/workflows/nordvik-se/triggers/manual/paths/invoke?api-version=2016-06-01&sig=sandbox"
    exec dotnet "$HOST_DLL" --app "$PUBLISH_DIR" --port "$port" --function-key "$FUNCTION_KEY" --master-key "$(random_secret)"
  ) >"$WORKER_LOG" 2>&1 &
  WORKER_PID=$!; PIDS+=("$WORKER_PID"); disown "$WORKER_PID"
  wait_for_health "$API/health" "$WORKER_PID" "$WORKER_LOG"

  # endpoints.json: the sandbox part from the seeder plus the API, its key and the storage connection.
  node -e '
    const fs = require("fs");
    const [sandbox, out, api, key, storage, teams] = process.argv.slice(1);
    const e = JSON.parse(fs.readFileSync(sandbox, "utf8"));
    const endpoints = { api, functionKey: key, storageConnectionString: storage, ...e, teams };
    fs.writeFileSync(out, JSON.stringify(endpoints, null, 2) + "\n");
  ' "$dir/sandbox.json" "$dir/endpoints.json" "$API" "$FUNCTION_KEY" "$AZURE_STORAGE" "$SANDBOX_TEAMS"
}

hr_provider_from_args() {
  local provider=sqlite arg
  for arg in "$@"; do
    case "$arg" in
      --postgres) provider=postgresql ;;
      *) die "unknown option '$arg' (only --postgres)" ;;
    esac
  done
  echo "$provider"
}

# Repeats each failed test's name and the head of its message just above the summary line, so the tail of a CI log
# says what failed without scrolling back through a thousand passing lines.
print_failed_tests() {
  node -e '
    const fs = require("fs"), path = require("path");
    const unescape = s => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&apos;/g, "'"'"'").replace(/&amp;/g, "&");
    const files = []; const walk = d => { for (const f of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, f.name); if (f.isDirectory()) walk(p); else if (p.endsWith(".trx")) files.push(p); } };
    walk(process.argv[1]);
    for (const file of files) {
      const xml = fs.readFileSync(file, "utf8");
      for (const m of xml.matchAll(/<UnitTestResult\b[^>]*?testName="([^"]*)"[^>]*?outcome="Failed"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
        const message = (m[2].match(/<Message>([\s\S]*?)<\/Message>/) || [, ""])[1];
        const stack = (m[2].match(/<StackTrace>([\s\S]*?)<\/StackTrace>/) || [, ""])[1];
        console.log("FAILED " + unescape(m[1]));
        for (const line of unescape(message).split("\n").slice(0, 12)) console.log("    " + line);
        for (const line of unescape(stack).split("\n").slice(0, 6)) console.log("    " + line);
      }
    }
  ' "$1" || true
}

# --- commands ------------------------------------------------------------------------------------
cmd_test() {
  ensure_dotnet; ensure_node; ensure_chromium; build
  local results; results="$(mktemp -d -t privacysync-tests.XXXXXX)"; TEMP_DIRS+=("$results")
  publish_app "$results/app"
  log "dotnet publish (local host's probe app) → $results/probe-app"
  dotnet publish tests/PrivacySync.FunctionsHost.ProbeApp -c Release -o "$results/probe-app" -nologo -v quiet -clp:ErrorsOnly >&2
  start_azurite
  start_postgres
  log "running tests"
  local rc=0
  PRIVACYSYNC_TEST_APP="$results/app" PRIVACYSYNC_TEST_PROBE_APP="$results/probe-app" \
  PRIVACYSYNC_TEST_STORAGE="$AZURE_STORAGE" PRIVACYSYNC_TEST_POSTGRES="$POSTGRES_CONNECTION" dotnet test PrivacySync.sln -c "$CONFIGURATION" --no-build -nologo \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || rc=$?
  local passed=0 failed=0 trx
  for trx in "$results"/*.trx "$results"/**/*.trx; do
    [[ -f "$trx" ]] || continue
    local counters; counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
  done
  if ((rc != 0 && failed == 0)); then failed=1; fi # the runner failed without a test failing: count it
  ((failed == 0)) || print_failed_tests "$results"
  TEST_SUMMARY="tests: $passed passed, $failed failed"
  ((failed == 0)) || exit 1
}

# The figures of issue 11, in the order bench/results.json lists them.
BENCH_KEYS=(overhead_ms_p50 overhead_ms_p95 realistic_access_s_p50 hubspot_quota_ratio hubspot_429_share
  hubspot_quota_ratio_3_instances hubspot_429_share_3_instances large_subject_peak_rss_mb large_subject_export_ratio
  storage_ops_per_dsr_system reconcile_50k_seconds)

# Runs the benchmark scenarios (tests/PrivacySync.Tests/Bench, trait Category=Bench; skipped by `test`) one after another
# against their own Azurite, the simulators and the published app under the local host, then merges their figures into
# bench/results.json (plus machine, date, commit) and prints them as a table. A scenario that failed leaves its figures
# null, with the reason in "notes".
# Usage: ./run.sh bench [--no-build] [dotnet test options]; --no-build reuses the build and, when PRIVACYSYNC_TEST_APP names
# one, that published app; PRIVACYSYNC_BENCH_FILTER narrows the scenarios (a dotnet test filter, e.g.
# FullyQualifiedName~FlowOverheadBench). Sizes: PRIVACYSYNC_BENCH_*_REQUESTS (the issue's sizes by default; results.json notes say what ran).
cmd_bench() {
  local rebuild=1
  if [[ "${1:-}" == --no-build ]]; then rebuild=0; shift; fi
  ensure_dotnet; ensure_node
  # The commit measured is the one built now (the checkout may move on during a run of half an hour).
  local commit; commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
  git diff --quiet HEAD 2>/dev/null || commit="$commit-dirty"
  ((rebuild == 0)) || build
  local work; work="$(mktemp -d -t privacysync-bench.XXXXXX)"; TEMP_DIRS+=("$work")
  local app="$work/app"
  if ((rebuild == 0)) && [[ -f "${PRIVACYSYNC_TEST_APP:-}/functions.metadata" ]]; then app="$PRIVACYSYNC_TEST_APP"; else publish_app "$app"; fi
  mkdir -p "$work/figures" bench
  log "running the benchmarks one after another (about half an hour on 2 cores)"
  local rc=0 started=$SECONDS
  PRIVACYSYNC_TEST_APP="$app" PRIVACYSYNC_BENCH_OUT="$work/figures" \
    dotnet test tests/PrivacySync.Tests/PrivacySync.Tests.csproj -c "$CONFIGURATION" --no-build -nologo \
    --filter "Category=Bench${PRIVACYSYNC_BENCH_FILTER:+&$PRIVACYSYNC_BENCH_FILTER}" --logger "console;verbosity=normal" "$@" >&2 || rc=$?
  local machine
  machine="$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(uname -sr)"
  node -e '
    const fs = require("fs"), path = require("path");
    const [dir, out, machine, commit, seconds, ...keys] = process.argv.slice(1);
    const figures = {}, notes = {};
    for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".json")).sort()) {
      const part = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      Object.assign(figures, part.figures); Object.assign(notes, part.notes);
    }
    const results = {};
    for (const key of keys) {
      results[key] = key in figures ? figures[key] : null;
      if (!(key in figures) && !(key in notes)) notes[key] = "not measured: its scenario failed or was filtered out (see the run output)";
    }
    Object.assign(results, { machine, date: new Date().toISOString(), commit, duration_s: Number(seconds), notes });
    fs.writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
    const width = Math.max(...keys.map(k => k.length));
    console.log("figure".padEnd(width) + "  value");
    for (const key of keys) console.log(key.padEnd(width) + "  " + (results[key] === null ? "null" : results[key]));
    console.log("machine".padEnd(width) + "  " + machine);
  ' "$work/figures" bench/results.json "$machine" "$commit" "$((SECONDS - started))" "${BENCH_KEYS[@]}"
  cp "$work"/figures/*.log bench/ 2>/dev/null || true
  log "wrote bench/results.json"
  ((rc == 0)) || { log "a benchmark failed (see above); its figures are null"; exit 1; }
}

cmd_publish() {
  ensure_dotnet
  local out="${1:-$PUBLISH_DIR}"
  publish_app "$out"
  log "zip-deployable folder ready: $out (host.json, functions.metadata, worker.config.json, .azurefunctions/)"
}

cmd_demo() {
  local provider; provider=$(hr_provider_from_args "$@")
  local dir; dir="$(mktemp -d -t privacysync-demo.XXXXXX)"; TEMP_DIRS+=("$dir")
  ensure_chromium
  start_environment "$dir" "$(free_port)" "$provider"
  log "set-up done; running the demo"
  local started=$SECONDS
  if ! dotnet "$SANDBOX_DLL" demo --endpoints "$dir/endpoints.json" --out out --certificate-path-file "$dir/certificate-path" --confirmation-path-file "$dir/confirmation-path" --restriction-path-file "$dir/restriction-path"; then
    show_log "$WORKER_LOG" app
    log "the demo failed (see above)"
    exit 1
  fi
  local certificate; certificate=$(cat "$dir/certificate-path")
  local confirmation; confirmation=$(cat "$dir/confirmation-path")
  local restriction; restriction=$(cat "$dir/restriction-path")
  echo
  echo "5. Verify the rectification and restriction confirmations with the CLI: privacysync verify <confirmation> --api ${API%/api}"
  local signed
  for signed in "$confirmation" "$restriction"; do
    if ! dotnet "$CLI_DLL" verify "$signed" --api "${API%/api}"; then
      log "the confirmation $signed did not verify"
      exit 1
    fi
  done
  echo
  echo "6. Verify the certificate and its request's audit chain with the CLI: privacysync verify $certificate --api ${API%/api} --audit"
  if ! AzureWebJobsStorage="$AZURE_STORAGE" PrivacySync__AuditKey="$AUDIT_KEY" dotnet "$CLI_DLL" verify "$certificate" --api "${API%/api}" --audit; then
    log "the certificate did not verify"
    exit 1
  fi
  demo_reconciliation "$dir" "$certificate"
  echo
  echo "Demo finished in $((SECONDS - started)) s after set-up; stopping everything it started."
}

# The demo's last step: the nightly reconciliation for a night after the certificate's retention periods end (the
# latest the sample configuration keeps is to 2031-12-31), run by hand as an operator would, with the app's settings.
# It erases the retained categories, adds a signed addendum to the certificate and writes the night's report.
DEMO_NIGHT=2032-01-01
demo_reconciliation() {
  local dir=$1 certificate=$2 id
  id=$(basename "$certificate" -certificate.json)
  echo
  echo "7. Nightly reconciliation for $DEMO_NIGHT, after the retention periods end: privacysync reconcile --date $DEMO_NIGHT"
  if ! (
    set -a
    . "$dir/worker.env"
    set +a
    export AzureWebJobsStorage="$AZURE_STORAGE" PrivacySync__ConfigPath="$dir/privacysync.local.json" \
      PrivacySync__SigningKeyPath="$dir/signing-key.pem" PrivacySync__AuditKey="$AUDIT_KEY"
    dotnet "$CLI_DLL" reconcile --date "$DEMO_NIGHT"
  ) | cut -c1-220; then
    log "the reconciliation failed"
    exit 1
  fi
  if ! dotnet "$SANDBOX_DLL" addenda --endpoints "$dir/endpoints.json" --request "$id" --report-date "$DEMO_NIGHT" --out out; then
    log "the demo found no addendum"
    exit 1
  fi
  local addendum
  while read -r addendum; do
    echo "   Verify it and the audit chain up to it with the CLI: privacysync verify $addendum --certificate $certificate --api ${API%/api} --audit"
    AzureWebJobsStorage="$AZURE_STORAGE" PrivacySync__AuditKey="$AUDIT_KEY" \
      dotnet "$CLI_DLL" verify "$addendum" --certificate "$certificate" --api "${API%/api}" --audit || { log "the addendum did not verify"; exit 1; }
  done <out/.addenda
  rm -f out/.addenda
  echo "   The report is in blob storage: dsr-reports/reports/$DEMO_NIGHT/reconciliation.{html,csv,json} (GET /api/reports/$DEMO_NIGHT)"
}

cmd_serve() {
  local provider; provider=$(hr_provider_from_args "$@")
  port_in_use 7071 && die "port 7071 is in use; stop what listens there (another ./run.sh serve?) and try again"
  local dir; dir="$(mktemp -d -t privacysync-serve.XXXXXX)"; TEMP_DIRS+=("$dir")
  start_environment "$dir" 7071 "$provider"
  mkdir -p .local
  cp "$dir/endpoints.json" .local/endpoints.json
  CLEANUP_FILES+=("$ROOT/.local/endpoints.json")
  cat <<READY

PrivacySync is running on local defaults (Ctrl-C or SIGTERM stops everything).
  API:        $API   (officers: Authorization: Bearer <token from the sandbox issuer>; README shows how)
  HubSpot:    $SANDBOX_HUBSPOT   Graph: $SANDBOX_GRAPH/v1.0   HR REST: $SANDBOX_HR
  Endpoints:  .local/endpoints.json   App log: $WORKER_LOG
  Try:        the README's curl lines (sign an officer in, then curl -H "Authorization: Bearer \$TOKEN" "$API/requests")
READY
  # Keep running while every started process is alive.
  while true; do
    local pid
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { show_log "$WORKER_LOG" app; die "a started process ($pid) exited; stopping"; }
    done
    sleep 1 &
    wait $! || true
  done
}

usage() {
  cat <<USAGE
usage: ./run.sh <command>
  demo [--postgres]   set up and run one access, one rectification, one restriction and one erasure request end to end on local defaults
  serve [--postgres]  set up and keep the local environment running (API on http://127.0.0.1:7071/api,
                      .local/endpoints.json); the HR database is SQLite unless --postgres
  test      set up and run the whole test suite (what CI runs); ends with 'tests: N passed, M failed'
  bench     run the benchmarks (release build, Azurite, simulators, local host) → bench/results.json and a table
  publish [DIR]  build the standard isolated-worker publish folder (default artifacts/publish)
USAGE
}

command="${1:-help}"; shift || true
case "$command" in
  test) cmd_test "$@" ;;
  bench) cmd_bench "$@" ;;
  publish) cmd_publish "$@" ;;
  demo) cmd_demo "$@" ;;
  serve) cmd_serve "$@" ;;
  help|-h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
