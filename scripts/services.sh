#!/usr/bin/env bash
# services.sh start|stop|wait: the Rasa server and the action server in the background,
# with pid files and logs in .build/run/ (used by `make test`; `make run` uses run.sh).
# Ports: RASA_PORT (5005), ACTIONS_PORT (5055).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=2
RASA_PORT="${RASA_PORT:-5005}"; ACTIONS_PORT="${ACTIONS_PORT:-5055}"
# endpoints.yml reads the action server's address from this variable.
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}"
run_dir=.build/run; mkdir -p "$run_dir"

start() {
  .venv/rasa/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" \
    > "$run_dir/actions.log" 2>&1 &
  echo $! > "$run_dir/actions.pid"
  .venv/rasa/bin/python -m rasa run --enable-api --model models/rumbo.tar.gz \
    --endpoints endpoints.yml --port "$RASA_PORT" > "$run_dir/rasa.log" 2>&1 &
  echo $! > "$run_dir/rasa.pid"
}

wait_ready() {
  # Rasa answers /status only once the model is loaded.
  for _ in $(seq 1 180); do
    if curl -fs "http://127.0.0.1:$RASA_PORT/status" > /dev/null \
       && curl -fs "http://127.0.0.1:$ACTIONS_PORT/health" > /dev/null; then
      return 0
    fi
    for name in rasa actions; do
      if ! kill -0 "$(cat "$run_dir/$name.pid")" 2>/dev/null; then
        echo "$name exited; last lines of $run_dir/$name.log:" >&2
        tail -20 "$run_dir/$name.log" >&2
        return 1
      fi
    done
    sleep 1
  done
  echo "Rasa or the action server did not become ready in 180 s" >&2
  return 1
}

stop() {
  for name in rasa actions; do
    if [ -f "$run_dir/$name.pid" ]; then
      kill "$(cat "$run_dir/$name.pid")" 2>/dev/null || true
      rm -f "$run_dir/$name.pid"
    fi
  done
}

case "${1:-}" in
  start) start; wait_ready ;;
  wait) wait_ready ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop|wait" >&2; exit 2 ;;
esac
