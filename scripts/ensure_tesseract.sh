#!/usr/bin/env bash
# Make sure Tesseract OCR with English data is available (extractors/readers/pdf_ocr.py reads scanned PDF pages with it;
# tests/readers/test_pdf_ocr.py checks it). Idempotent and fast when present; non-interactive (works in CI with CI=true
# and no stdin). Installs Debian's `tesseract-ocr` and `tesseract-ocr-eng` when absent (needs root or sudo).
set -euo pipefail

if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx eng; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_tesseract: tesseract (with English data) is missing and apt-get is not available; install it by hand" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ensure_tesseract: tesseract is missing; run as root (or with passwordless sudo): apt-get install tesseract-ocr tesseract-ocr-eng" >&2
        exit 1
    fi
fi

echo "ensure_tesseract: installing Debian's tesseract-ocr and tesseract-ocr-eng" >&2
export DEBIAN_FRONTEND=noninteractive
# refresh the package lists only when they are missing or older than a day
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
    $SUDO apt-get update -qq </dev/null
fi
$SUDO apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-eng </dev/null >/dev/null

if ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
    echo "ensure_tesseract: installed tesseract but its English data is still missing" >&2
    exit 1
fi
echo "ensure_tesseract: $(tesseract --version 2>/dev/null | head -n 1)" >&2
