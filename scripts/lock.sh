#!/usr/bin/env bash
# Re-pin requirements/{rasa,gateway}.txt from the .in files in fresh throwaway venvs.
set -euo pipefail
cd "$(dirname "$0")/.."
python310="$(scripts/find_python310.sh)"
for env in rasa gateway; do
  tmp="$(mktemp -d)"
  "$python310" -m venv "$tmp"
  "$tmp/bin/python" -m pip install --quiet --upgrade pip==24.2
  "$tmp/bin/python" -m pip install --quiet -r "requirements/$env.in"
  { echo "# Pinned from requirements/$env.in with pip freeze (Python 3.10). Regenerate with \`make lock\`."
    "$tmp/bin/python" -m pip freeze; } > "requirements/$env.txt"
  rm -rf "$tmp"
  echo "requirements/$env.txt re-pinned"
done
