#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 does not install on 3.11+).
# Order: $PYTHON310, python3.10 on PATH, then pyenv's versions folder.
set -euo pipefail
for candidate in "${PYTHON310:-}" "$(command -v python3.10 || true)" \
    "$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V | tail -1)"; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
echo "Python 3.10 not found: install it (e.g. 'pyenv install 3.10') or set PYTHON310=/path/to/python3.10" >&2
exit 1
