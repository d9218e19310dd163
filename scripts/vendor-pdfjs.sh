#!/usr/bin/env bash
# Refresh the vendored PDF.js (the in-app document viewer) from the npm package pdfjs-dist.
# Maintainers only: the built files are committed under assistant/ui/static/pdfjs/, so a
# fresh clone needs neither node nor npm nor a network, and the viewer never uses a CDN.
# Only the two minified modules the viewer loads are kept (about 1.7 MB), with the
# Apache-2.0 LICENSE the package ships.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-6.5.438}"
target="assistant/ui/static/pdfjs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "pdfjs-dist@$version" > /dev/null && tar xzf pdfjs-dist-*.tgz)
mkdir -p "$target"
cp "$work/package/build/pdf.min.mjs" "$work/package/build/pdf.worker.min.mjs" \
   "$work/package/LICENSE" "$target/"
echo "pdfjs-dist $version (https://www.npmjs.com/package/pdfjs-dist), build/pdf.min.mjs and build/pdf.worker.min.mjs" \
    > "$target/VERSION"
echo "vendored pdfjs-dist $version into $target: $(du -sh "$target" | cut -f1)"
