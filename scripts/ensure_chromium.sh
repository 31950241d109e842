#!/usr/bin/env bash
# Make sure headless Chromium is available for the browser tests (tests/report/test_report_browser.py).
# Idempotent and fast when present; non-interactive (works in CI with CI=true and no stdin).
# Installs Debian's `chromium` package when absent (needs root or passwordless sudo).
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: $CHROMIUM is missing and apt-get is not available; install Chromium by hand" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ensure_chromium: $CHROMIUM is missing; run as root (or with passwordless sudo): apt-get install chromium" >&2
        exit 1
    fi
fi

echo "ensure_chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
# refresh the package lists only when they are missing or older than a day
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
    $SUDO apt-get update -qq </dev/null
fi
$SUDO apt-get install -y -qq --no-install-recommends chromium </dev/null >/dev/null

if [ ! -x "$CHROMIUM" ]; then
    echo "ensure_chromium: installed chromium but $CHROMIUM is still missing" >&2
    exit 1
fi
echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium installed)" >&2
