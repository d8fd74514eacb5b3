#!/usr/bin/env bash
# Runs the service locally: the pinned Azurite (installed from package-lock.json if missing, data kept
# in .azurite/) and the app on http://127.0.0.1:5080 with the 禄丰 2020 demo county loaded.
# Ctrl-C (or any signal) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${PORT:-5080}
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
dotnet build functions/Workflow.Host -c Release --nologo -v quiet

pids=()
# Both children run in the background so a signal reaches this script's trap at once.
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

mkdir -p .azurite
node_modules/.bin/azurite --silent --disableTelemetry --location .azurite \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
pids+=($!)

for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "Azurite did not start (is another one already using ports 10000-10002?)" >&2
    exit 1
  fi
  sleep 0.2
done

export ASPNETCORE_ENVIRONMENT=Development
export Storage__ConnectionString="UseDevelopmentStorage=true"
export Demo__Load=true
# The 7-day 公示 would stop a local walk-through for a week: locally it lasts two minutes.
export Exits__NoticePeriod="${EXITS_NOTICE_PERIOD:-00:02:00}"
echo "服务地址 / service: http://127.0.0.1:$port/   (Ctrl-C 停止 / stops)"
dotnet functions/Workflow.Host/bin/Release/net10.0/Workflow.Host.dll --urls "http://127.0.0.1:$port" &
pids+=($!)
wait -n "${pids[@]}"
