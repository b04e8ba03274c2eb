#!/usr/bin/env bash
# Start the action server, the Rasa server and the gateway; Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=2
# Channel credentials and settings (see .env.example); without them channels run dry.
if [ -f .env ]; then set -a; . ./.env; set +a; fi
port="${RUMBO_PORT:-8000}"
trap 'scripts/services.sh stop; kill "${gateway_pid:-}" 2>/dev/null || true; wait 2>/dev/null; echo "Rumbo stopped."' EXIT
trap 'exit 130' INT TERM
echo "Starting the action server and the Rasa server (about a minute)..."
scripts/services.sh start
.venv/gateway/bin/python -m bot serve &
gateway_pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 1
done
cat <<MSG

Rumbo is running:
  web chat        http://127.0.0.1:$port/
  staff console   http://127.0.0.1:$port/staff   (create an account: .venv/gateway/bin/python -m bot staff create --help)
  chat API        POST http://127.0.0.1:$port/api/chat  {"user": "...", "text": "..."}
  health          http://127.0.0.1:$port/healthz
Logs: .build/run/*.log. Press Ctrl-C to stop everything.
MSG
wait "$gateway_pid"
