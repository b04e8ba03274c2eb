#!/usr/bin/env bash
# Start Rasa, the action server and the gateway, run bench/run_bench.py, stop everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=2
export RASA_PORT="${RASA_PORT:-5205}" ACTIONS_PORT="${ACTIONS_PORT:-5255}"
gateway_port="${BENCH_GATEWAY_PORT:-8205}"
db="$(mktemp -d)/bench.db"
trap 'scripts/services.sh stop; kill "${gateway_pid:-}" 2>/dev/null || true; rm -f .build/run/gateway.pid' EXIT
scripts/services.sh start
RASA_URL="http://127.0.0.1:$RASA_PORT" ACTION_SERVER_URL="http://127.0.0.1:$ACTIONS_PORT" \
  RUMBO_PORT="$gateway_port" RUMBO_DATABASE_URL="sqlite+aiosqlite:///$db" \
  .venv/gateway/bin/python -m bot serve > .build/run/gateway.log 2>&1 &
gateway_pid=$!
echo "$gateway_pid" > .build/run/gateway.pid
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$gateway_port/healthz" > /dev/null && break; sleep 1; done
mkdir -p bench/results
RASA_URL="http://127.0.0.1:$RASA_PORT" GATEWAY_URL="http://127.0.0.1:$gateway_port" \
  BENCH_OUT="bench/results/latest.json" .venv/gateway/bin/python -m bench.run_bench
