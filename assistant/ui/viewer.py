"""The in-app document viewer: its script, style and PDF.js, served by this server.

Clicking a citation ``[n]`` (in an answer, a chart or a source card) selects its answer's
sources, highlights the card and opens the cited document in a panel: a PDF at the cited
page with the quoted words highlighted (PDF.js renders the page and its text layer), any
other format as the quote with its locator. The work happens in static/viewer.js; this
module serves it and says how the page loads it.

PDF.js (npm ``pdfjs-dist``, Apache-2.0) is vendored under static/pdfjs/: its two minified
modules, 1.7 MB, with its LICENSE and VERSION. Vendored rather than installed by npm at
setup, so a fresh clone needs no node, npm or network and the viewer never touches a CDN;
``scripts/vendor-pdfjs.sh`` refreshes it from the npm package.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

STATIC = Path(__file__).parent / "static"
ROUTE = "/viewer"
# The only files served, by name: nothing under static/ is reachable by a path of its own.
FILES = {
    "viewer.js": "text/javascript; charset=utf-8",
    "viewer.css": "text/css; charset=utf-8",
    "pdfjs/pdf.min.mjs": "text/javascript; charset=utf-8",
    "pdfjs/pdf.worker.min.mjs": "text/javascript; charset=utf-8",
}
# What the page's <head> gets: the viewer's style and script (a module, deferred).
HEAD = (f'<link rel="stylesheet" href="{ROUTE}/viewer.css">'
        f'<script type="module" src="{ROUTE}/viewer.js"></script>')


def add_viewer_routes(app: FastAPI) -> None:
    """GET /viewer/<file>: the viewer's own files (revalidated on each load, so an upgrade
    shows at once) and PDF.js (cached for a day: it changes only with its version)."""

    @app.get(ROUTE + "/{name:path}", include_in_schema=False)
    def viewer_file(name: str) -> FileResponse:
        media_type = FILES.get(name)
        if media_type is None:
            raise HTTPException(status_code=404, detail="no such viewer file")
        cache = "public, max-age=86400" if name.startswith("pdfjs/") else "no-cache"
        return FileResponse(STATIC / name, media_type=media_type,
                            headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})
