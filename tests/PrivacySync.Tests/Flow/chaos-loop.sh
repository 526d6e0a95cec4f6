#!/usr/bin/env bash
# Runs the chaos run (ChaosFlowTests) N times in a row (default 5), stopping at the first failure, against the published
# app in PRIVACYSYNC_TEST_APP (published into a temp folder when unset). Build the tests first (Release).
# Usage: tests/PrivacySync.Tests/Flow/chaos-loop.sh [N]   (PRIVACYSYNC_CHAOS_REQUESTS=200 for the issue's full size)
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
runs=${1:-5}
if [[ -z "${PRIVACYSYNC_TEST_APP:-}" ]]; then
  PRIVACYSYNC_TEST_APP="$(mktemp -d -t privacysync-chaos-app.XXXXXX)"
  trap 'rm -rf "$PRIVACYSYNC_TEST_APP"' EXIT
  dotnet publish functions/PrivacySync.Functions/PrivacySync.Functions.csproj -c Release -o "$PRIVACYSYNC_TEST_APP" -nologo -v quiet -clp:ErrorsOnly
fi
export PRIVACYSYNC_TEST_APP
for ((i = 1; i <= runs; i++)); do
  started=$SECONDS
  if ! dotnet test tests/PrivacySync.Tests/PrivacySync.Tests.csproj -c Release --no-build -nologo \
    --filter "FullyQualifiedName~ChaosFlowTests" --logger "console;verbosity=detailed"; then
    echo "chaos run $i of $runs FAILED after $((SECONDS - started)) s"
    exit 1
  fi
  echo "chaos run $i of $runs green in $((SECONDS - started)) s"
done
echo "chaos: $runs of $runs runs green"
