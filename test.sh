#!/usr/bin/env bash
# Install the dev and local-LLM extras, make sure Chromium is there, run ruff, mypy and the
# test suite.
# Arguments go to pytest (e.g. `bash test.sh -m "not slow"`).
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh dev,llm

# Browser tests drive the system Chromium; Playwright never downloads one.
if [ ! -x /usr/bin/chromium ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "test: installing chromium with apt-get"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# Scanned PDFs are read by Tesseract (OCR tests); English, French and Romanian packs.
if ! command -v tesseract >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "test: installing tesseract-ocr with apt-get"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq tesseract-ocr tesseract-ocr-eng \
        tesseract-ocr-fra tesseract-ocr-ron >/dev/null
fi

# axe-core (MPL-2.0) for the accessibility test, pinned by tests/axe/package-lock.json and
# installed from the npm registry into the git-ignored tests/axe/node_modules; the page
# loads it from disk, never from a CDN.
if [ ! -f tests/axe/node_modules/axe-core/axe.min.js ]; then
    if ! command -v npm >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "test: installing npm with apt-get"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
    fi
    echo "test: npm ci in tests/axe (axe-core)"
    npm ci --prefix tests/axe --no-audit --no-fund --silent
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False \
    GRADIO_ANALYTICS_ENABLED=False

# Lint and type checks gate the tests (configured in pyproject.toml). mypy takes about a
# minute on a cold cache, seconds after that.
echo "test: ruff check"
.venv/bin/ruff check .
echo "test: mypy (assistant/, including assistant/ui)"
.venv/bin/python -m mypy
# Tests run in a shuffled order (the seed is printed; rerun it with --random-order-seed=N)
# so that none can depend on another's side effects.
exec .venv/bin/python -m pytest -q --random-order "$@"
