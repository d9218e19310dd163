#!/usr/bin/env bash
# Create or refresh .venv and install the package with the given extras (e.g. "dev,llm").
# Safe to re-run: it does the work only when pyproject.toml, the packages or the extras changed.
# Never silent for long: each step is announced, and a line every 20 s says what pip is
# doing (for llama-cpp-python, the compiler's percentage). The full pip output goes to
# .venv/setup.log.
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

# The package's bytecode, written here once: where Python may not write it at run time
# (PYTHONDONTWRITEBYTECODE=1, as in many containers and on our CI machines) every start
# compiled the ~60 modules from source, 0.05-0.1 s of each `assistant ask`. Each run
# compiles only what changed since (a pull, an edit), so it stays here, before the early exit.
.venv/bin/python -m compileall -q assistant ui > /dev/null

stamp=".venv/.setup-${extras:-base}"
# Redo the install when the dependencies or the set of packages change (an editable
# install maps the packages that existed when it ran).
wanted="$({ cat pyproject.toml; ls -1 ./*/__init__.py 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi

log=".venv/setup.log"
: > "$log"
started=$SECONDS

# What pip is doing, from the end of its log: the package being built or fetched, and the
# compiler's "[ 42%]" while llama-cpp-python builds.
current_step() {
    local percent last
    percent="$(grep -o '^\s*\[ *[0-9]*%\]' "$log" 2>/dev/null | tail -1 | tr -d ' []' || true)"
    last="$(grep -E '^(Collecting|Building wheel for|Installing collected|  Building editable|Successfully)' \
        "$log" 2>/dev/null | tail -1 | cut -c1-80 || true)"
    echo "${last:-starting pip}${percent:+ (compiling: $percent)}"
}

# Run pip with its full output in the log; print a progress line every 20 s while it runs.
# On failure, show the end of the log. Two kinds of noise are kept out of the terminal:
# pip's note that the local mirrors (extra-index-url) lack a package, and setuptools'
# 11-line "Editable installation ... folders in your working directory with the same name
# as your package" notice, which every editable install of a flat layout prints (our
# packages are those top-level folders, so there is nothing to act on).
pip_install() {
    local what="$1"
    shift
    .venv/bin/python -m pip install -v --progress-bar off "$@" >> "$log" 2>&1 &
    local pid=$! beat=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do
        sleep 2
        if (( SECONDS - beat >= 20 )); then
            beat=$SECONDS
            echo "setup: ... $what, $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s so far: $(current_step)"
        fi
    done
    if ! wait "$pid"; then
        echo "error: pip failed while installing $what; the end of $log:" >&2
        grep -v -e "is ignored: it is neither a file nor a directory" "$log" | tail -30 >&2
        exit 1
    fi
}

echo "setup: installing policy-assistant${extras:+ [$extras]} into .venv (log: $log)"
pip_install "pip" --upgrade pip

# Torch first and pinned: unpinned, the resolver picks the multi-GB CUDA build. Here pip's
# find-links (/opt/wheels) offers the CPU wheel as 2.13.0+cpu; elsewhere, when the pin
# would resolve to PyPI's CUDA build, take the same version from PyTorch's CPU index.
torch_pin="torch==2.13.0"
torch_index="${TORCH_INDEX_URL:-}"
if [ -z "$torch_index" ] && ! .venv/bin/python -c 'import torch' 2>/dev/null; then
    resolved="$(.venv/bin/python -m pip install --dry-run --no-deps --quiet --report - "$torch_pin" 2>/dev/null \
        | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["install"][0]["metadata"]["version"])' \
        2>/dev/null || true)"
    if [[ "$resolved" != *+cpu ]]; then
        torch_index="https://download.pytorch.org/whl/cpu"
    fi
fi
echo "setup: step 1/2, $torch_pin (CPU build${torch_index:+ from $torch_index}): about 1 min"
pip_install "torch" "$torch_pin" ${torch_index:+--index-url "$torch_index"}

step="step 2/2, the package and its dependencies: about 3 min"
if [[ ",$extras," == *",llm,"* ]] && ! .venv/bin/python -c 'import llama_cpp' 2>/dev/null; then
    # No wheel of llama-cpp-python on PyPI: it compiles llama.cpp (C++). Measured on 2
    # cores: about 4 min idle, 22 min shared with other jobs. A portable build (no
    # -march=native): the native one segfaulted on a CPU with AVX-512/AMX as soon as a
    # prompt of more than one token was decoded. CMAKE_ARGS from the environment wins.
    export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
    export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
    step="$step, plus compiling llama-cpp-python (extra 'llm'): 4-25 min on 2 cores"
fi
echo "setup: $step"
if [[ "$step" == *llama-cpp-python* ]]; then
    # Built alone and never from pip's wheel cache: a wheel cached by an earlier build with
    # other flags (a native one) would be reused silently and crash.
    pip_install "llama-cpp-python" --no-cache-dir "llama-cpp-python[server]>=0.3"
fi
pip_install "policy-assistant${extras:+ [$extras]}" -e "$spec"
echo "$wanted" > "$stamp"
echo "setup: done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s; .venv is $(du -sh .venv/ | cut -f1)"
