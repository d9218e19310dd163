"""OCR of scanned PDF pages with Tesseract (through pytesseract), rendered by pypdfium2.

Only pages without a text layer come here. The first page is read in English; when its
text is in another language whose Tesseract data is installed, every page is read in that
language (plus English, for the names and acronyms such forms mix in).

A file's readings are cached by its SHA-256 (``Settings.ocr_cache_dir``), with the OCR
version, resolution, Tesseract version and installed languages in the key: the same scan
ingested into another index, or again after a parser upgrade, is not read again. The
cache keeps within ``Settings.ocr_cache_max_mb``, dropping the readings used longest ago.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import InputFileError
from assistant.settings import Settings, user_cache_dir

if TYPE_CHECKING:
    from PIL import Image

INSTALL_HINT = (
    "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng, "
    "plus tesseract-ocr-fra etc. for other languages; macOS: brew install tesseract)"
)
# Pages are rendered at this resolution: enough for 9 pt text on forms, and OCR time grows
# with the pixel count (300 dpi took twice as long for no better text on the scanned survey).
_DPI = 200
# Mean word confidence above which a reading of a turned page is taken without trying the
# opposite direction.
_CONFIDENT = 70.0
# A scan has no fonts, but its letters have heights: a short line set this much taller than
# the page's body text is a heading. OCR text marks it with HEADING, then its level (1, 2).
_HEADING_RATIO = 1.3
_TOP_HEADING_RATIO = 1.8
HEADING = "\x01"
# Bump when what a page's reading returns changes (rendering, reading, heading marks), so
# readings cached by an older version are not reused.
OCR_VERSION = 1
log = logging.getLogger(__name__)


def tesseract_languages() -> set[str]:
    """Installed Tesseract language codes ("eng", "fra", ...); raises when Tesseract is absent."""
    import pytesseract

    try:
        return set(pytesseract.get_languages(config="")) - {"osd"}
    except (pytesseract.TesseractNotFoundError, OSError):
        raise InputFileError(f"scanned PDF (no text layer) needs OCR: {INSTALL_HINT}") from None


def ocr_pdf_pages(
    data: bytes, page_indices: list[int], settings: Settings, started: float
) -> dict[int, str]:
    """Text of each listed page (0-based index -> text), read by OCR or from the cache."""
    installed = tesseract_languages()
    cache = _cache_file(data, page_indices, installed, settings)
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        os.utime(cache)  # used now: the size limit removes readings used longest ago
        return {int(index): str(text) for index, text in cached.items()}
    except (OSError, ValueError, AttributeError):
        pass  # not read before, or a damaged entry: read the pages
    texts = _ocr(data, page_indices, installed, settings, started)
    if settings.ocr_cache_max_mb > 0:
        _write_atomically(cache, json.dumps({str(i): t for i, t in texts.items()}))
        _limit_size(cache.parent.parent, int(settings.ocr_cache_max_mb * 1_000_000))
    return texts


def _cache_file(
    data: bytes, page_indices: list[int], installed: set[str], settings: Settings
) -> Path:
    import pytesseract

    key = json.dumps(
        [
            OCR_VERSION,
            _DPI,
            str(pytesseract.get_tesseract_version()),
            sorted(installed),
            page_indices,
        ]
    )
    digest = hashlib.sha256(data).hexdigest()
    folder = settings.ocr_cache_dir or user_cache_dir("ocr")
    return folder / digest[:2] / f"{digest}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


def _write_atomically(path: Path, text: str) -> None:
    """A cache entry appears whole or not at all; a cache that cannot be written (a
    read-only home) costs only the next reading's time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as out:
            out.write(text)
        os.replace(out.name, path)
    except OSError as exc:
        log.info("OCR cache not written (%s): the next ingest of this scan reads it again", exc)


def _limit_size(folder: Path, max_bytes: int) -> None:
    """Remove the readings used longest ago until the cache fits in ``max_bytes``."""
    try:
        entries = [(f.stat(), f) for f in folder.glob("*/*.json")]
    except OSError:
        return
    total = sum(st.st_size for st, _ in entries)
    for st, path in sorted(entries, key=lambda entry: entry[0].st_mtime):
        if total <= max_bytes:
            break
        try:
            path.unlink()
        except OSError:
            continue  # another process removed it, or a read-only cache: nothing to free
        total -= st.st_size


def _ocr(
    data: bytes,
    page_indices: list[int],
    installed: set[str],
    settings: Settings,
    started: float,
) -> dict[int, str]:
    import pypdfium2

    lang = min(installed) if installed and "eng" not in installed else "eng"
    pdf = pypdfium2.PdfDocument(data)
    texts: dict[int, str] = {}
    try:
        for n, index in enumerate(page_indices):
            image = pdf[index].render(scale=_DPI / 72).to_pil()
            text = _read_upright(image, lang)
            if n == 0:
                better = _language_pack(text, installed)
                if better and better != lang:
                    lang = f"{better}+eng" if "eng" in installed else better
                    text = _read_upright(image, lang)
            texts[index] = text
            if time.monotonic() - started > settings.max_seconds_per_file:
                raise InputFileError(
                    f"OCR took over {settings.max_seconds_per_file:g} s "
                    "(ASSISTANT_MAX_SECONDS_PER_FILE)"
                )
    finally:
        pdf.close()
    return texts


def _read_upright(image: Image.Image, lang: str) -> str:
    """Text of a page image turned upright: scans of landscape tables come rotated.

    Tesseract's orientation detection is unsure between opposite directions on forms, so
    when a turn is needed both directions are read and the more confident reading wins.
    """
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT)
        turn = int(osd.get("rotate", 0))
    except (pytesseract.TesseractError, ValueError):
        turn = 0  # too little text to tell: read it as it is
    text, confidence = _read(image.rotate(-turn, expand=True) if turn else image, lang)
    if turn and confidence < _CONFIDENT:
        flipped, flipped_confidence = _read(image.rotate(180 - turn, expand=True), lang)
        if flipped_confidence > confidence:
            text = flipped
    return text


def _read(image: Image.Image, lang: str) -> tuple[str, float]:
    """(text with a blank line between paragraphs and headings marked, mean word
    confidence 0-100)."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=lang, output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[str]] = {}
    heights: dict[tuple[int, int, int], list[int]] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        if not word.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(word)
        heights.setdefault(key, []).append(int(data["height"][i]))
        confidences.append(float(data["conf"][i]))
    body = _median([h for hs in heights.values() for h in hs])
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for key, words in lines.items():
        block, par, _ = key
        if previous is not None and (block, par) != previous:
            out.append("")  # paragraph break
        text = " ".join(words)
        level = _heading_level(text, _median(heights[key]) / body if body else 1.0)
        out.append(f"{HEADING}{level}{text}" if level else text)
        previous = (block, par)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(out), mean


def _heading_level(text: str, ratio: float) -> int:
    """1 or 2 for a line that reads like a heading and stands taller than the body text;
    0 otherwise. Word heights include ascenders, so only clear differences count."""
    letters = sum(c.isalpha() for c in text)
    if (
        ratio < _HEADING_RATIO
        or letters < 3
        or len(text.split()) > 12
        or not (text[0].isupper() or text[0].isdigit())
        or text.endswith((".", ",", ";"))
    ):
        return 0
    return 1 if ratio >= _TOP_HEADING_RATIO else 2


def _median(values: list[int] | list[float]) -> float:
    ordered = sorted(values)
    return float(ordered[len(ordered) // 2]) if ordered else 0.0


def _language_pack(text: str, installed: set[str]) -> str | None:
    """The installed Tesseract pack for the language of ``text``, if it is not English."""
    from assistant.language import detect_language_code3

    code = detect_language_code3(text)
    return code if code in installed and code != "eng" else None
