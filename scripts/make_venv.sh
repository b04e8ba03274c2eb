#!/usr/bin/env bash
# make_venv.sh DIR REQUIREMENTS: create (or update) a Python 3.10 virtualenv with pinned deps.
# Re-installs only when the requirements file changed (a copy is kept inside the venv).
set -euo pipefail
venv="$1"; requirements="$2"
if [ -f "$venv/.requirements" ] && cmp -s "$requirements" "$venv/.requirements" \
   && [ -x "$venv/bin/python" ]; then
  exit 0
fi
python310="$(scripts/find_python310.sh)"
[ -x "$venv/bin/python" ] || "$python310" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip==24.2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$venv/.requirements"
echo "$venv ready ($requirements)"
