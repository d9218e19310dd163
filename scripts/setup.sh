#!/usr/bin/env bash
# Create or refresh .venv and install the package with the given extras (e.g. "dev,llm").
# Safe to re-run: it does the work only when pyproject.toml, the packages or the extras changed.
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
spec="."
[ -n "$extras" ] && spec=".[$extras]"

if [ ! -x .venv/bin/python ]; then
    if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "error: python3 3.11 or newer is needed to create .venv (found: $(python3 --version 2>&1))" >&2
        exit 1
    fi
    echo "setup: creating .venv with $(python3 --version)"
    python3 -m venv .venv
fi

stamp=".venv/.setup-${extras:-base}"
# Redo the install when the dependencies or the set of packages change (an editable
# install maps the packages that existed when it ran).
wanted="$({ cat pyproject.toml; ls -1 ./*/__init__.py 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi

# pip -q still warns once per package that the local mirrors (extra-index-url) lack it.
pip_install() {
    .venv/bin/python -m pip install -q "$@" 2>&1 \
        | { grep -v -e "is ignored: it is neither a file nor a directory" || true; }
}

echo "setup: installing policy-assistant${extras:+ [$extras]} into .venv (quiet; takes minutes the first time)"
pip_install --upgrade pip
# Torch first and pinned: unpinned, the resolver picks the multi-GB CUDA build; pinned,
# it takes the CPU wheel that pip's find-links (/opt/wheels here) offers as 2.13.0+cpu.
pip_install "torch==2.13.0"
pip_install -e "$spec"
echo "$wanted" > "$stamp"
echo "setup: done"
