#!/usr/bin/env bash
# Installs the browser the Playwright tests drive (tests/browser/): Debian's own Chromium.
#
# Idempotent: does nothing when /usr/bin/chromium already exists. We never run
# `playwright install` (it downloads a browser build from a CDN at test time); the tests launch
# the system Chromium with executable_path="/usr/bin/chromium" instead.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
    echo "chromium already installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
    SUDO="sudo"
fi

# The package lists may be missing in a fresh container; refresh them only when the
# package is not known yet, so repeated runs stay fast.
if ! apt-cache show chromium >/dev/null 2>&1; then
    $SUDO apt-get update
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium

"$CHROMIUM" --version
