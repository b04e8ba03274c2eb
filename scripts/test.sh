#!/usr/bin/env bash
# The whole test suite (what `make test` and CI run). Assumes `make setup` and a trained
# model (the Makefile does both). Every step runs; the script fails if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=2
export RASA_PORT="${RASA_PORT:-5105}" ACTIONS_PORT="${ACTIONS_PORT:-5155}"
export ACTION_ENDPOINT_URL="http://127.0.0.1:$ACTIONS_PORT/webhook"
failed=()
step() { local name="$1"; shift; echo; echo "=== $name"; "$@" || failed+=("$name"); }

step "lint (ruff)" .venv/gateway/bin/ruff check .
step "content check" .venv/gateway/bin/python -m rumbo_content.validate
step "rasa data validate" .venv/rasa/bin/python -m rasa data validate --data nlu_data \
  --domain domain.yml --config config.yml --fail-on-warnings
step "actions and NLU components" .venv/rasa/bin/python -m pytest -q -p no:cacheprovider \
  tests/actions tests/nlu_components

if pg_url="$(scripts/start_postgres.sh)"; then
  export RUMBO_TEST_POSTGRES_URL="$pg_url"
else
  failed+=("postgresql start")
fi
step "browser set-up" scripts/setup_browser.sh

trap 'scripts/services.sh stop; scripts/start_postgres.sh stop' EXIT
if step "start Rasa and the action server" scripts/services.sh start; then
  export RUMBO_E2E_RASA_URL="http://127.0.0.1:$RASA_PORT"
  export RUMBO_E2E_ACTIONS_URL="http://127.0.0.1:$ACTIONS_PORT"
  step "rasa test stories" .venv/rasa/bin/python -m rasa test core --stories tests/stories \
    --model models/rumbo.tar.gz --endpoints endpoints.yml --out .build/results \
    --fail-on-prediction-errors
fi
step "gateway, channels, console, content, end-to-end and browser tests" \
  .venv/gateway/bin/pytest -p no:cacheprovider --ignore=tests/actions \
  --ignore=tests/nlu_components tests

echo
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "All test steps passed."
