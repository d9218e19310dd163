#!/usr/bin/env bash
# Install (first time), index the bundled corpus when the index is empty, start the web UI.
# Arguments go to `assistant serve` (e.g. --port 8080); ASSISTANT_* variables apply.
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh openai
export HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False GRADIO_ANALYTICS_ENABLED=False

has_documents() {
    local info
    info="$(.venv/bin/assistant info --json 2>/dev/null)" || return 1
    .venv/bin/python -c 'import json, sys; sys.exit(not json.loads(sys.argv[1])["documents"])' "$info"
}
if ! has_documents; then
    echo "run: the index is empty; ingesting corpus/ first"
    .venv/bin/assistant ingest corpus/
fi
exec .venv/bin/assistant serve "$@"
