#!/usr/bin/env bash
# PrivacySync's one entry script. Usage: ./run.sh demo | serve | test | publish | worker | help
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
TEST_SUMMARY=""
cleanup() {
  local status=$?
  local pid
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] || continue
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
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

build() {
  log "dotnet build ($CONFIGURATION)"
  dotnet build PrivacySync.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly >&2
}

# --- local services ------------------------------------------------------------------------------
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  die "$name did not start listening on port $port"
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
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location "$data" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$data/azurite.log" 2>&1 &
  PIDS+=("$!"); disown "$!"
  wait_for_port "$blob" "Azurite blob"; wait_for_port "$queue" "Azurite queue"; wait_for_port "$table" "Azurite table"
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

# --- commands ------------------------------------------------------------------------------------
cmd_test() {
  ensure_dotnet; ensure_node; build
  start_azurite
  start_postgres
  local results; results="$(mktemp -d -t privacysync-tests.XXXXXX)"; TEMP_DIRS+=("$results")
  log "running tests"
  local rc=0
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
  TEST_SUMMARY="tests: $passed passed, $failed failed"
  ((failed == 0)) || exit 1
}

cmd_publish() {
  ensure_dotnet
  local out="${1:-artifacts/publish}"
  rm -rf "$out"
  log "dotnet publish → $out"
  dotnet publish functions/PrivacySync.Functions/PrivacySync.Functions.csproj -c Release -o "$out" -nologo -v quiet >&2
  [[ -f "$out/host.json" ]] || die "publish did not place host.json at $out"
  log "zip-deployable folder ready: $out (host.json, one folder per function, the handler executable)"
}

cmd_worker() {
  ensure_dotnet; ensure_node; build
  start_azurite
  AzureWebJobsStorage="$AZURE_STORAGE" dotnet run --no-build -c "$CONFIGURATION" --project functions/PrivacySync.Functions -- worker "$@"
}

usage() {
  cat <<USAGE
usage: ./run.sh <command>
  demo      set up and run one access and one erasure request end to end on local defaults
  serve     set up and keep the local environment running (API on http://127.0.0.1:7071/api)
  test      set up and run the whole test suite (what CI runs); ends with 'tests: N passed, M failed'
  publish   build the zip-deployable function app folder (artifacts/publish)
  worker    start Azurite and the worker (queue/timer/HTTP host) on local defaults
USAGE
}

command="${1:-help}"; shift || true
case "$command" in
  test) cmd_test "$@" ;;
  publish) cmd_publish "$@" ;;
  worker) cmd_worker "$@" ;;
  demo|serve) die "'$command' arrives with the orchestration work; use ./run.sh worker for now" ;;
  help|-h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
