"""OCR of scanned PDF pages with Tesseract (through pytesseract), rendered by pypdfium2.

Only pages without a text layer come here. The first page is read in English; when its
text is in another language whose Tesseract data is installed, every page is read in that
language (plus English, for the names and acronyms such forms mix in).
"""

from __future__ import annotations

import time

from assistant.errors import InputFileError
from assistant.settings import Settings

INSTALL_HINT = (
    "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng, "
    "plus tesseract-ocr-fra etc. for other languages; macOS: brew install tesseract)"
)
# Pages are rendered at this resolution: Tesseract reads body text best at about 300 dpi.
_DPI = 300


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
    """Text of each listed page (0-based index -> text), read by OCR."""
    import pypdfium2
    import pytesseract

    installed = tesseract_languages()
    if "eng" not in installed and installed:
        lang = min(installed)
    else:
        lang = "eng"
    pdf = pypdfium2.PdfDocument(data)
    texts: dict[int, str] = {}
    try:
        for n, index in enumerate(page_indices):
            image = pdf[index].render(scale=_DPI / 72).to_pil()
            text = pytesseract.image_to_string(image, lang=lang)
            if n == 0:
                better = _language_pack(text, installed)
                if better and better != lang:
                    lang = f"{better}+eng" if "eng" in installed else better
                    text = pytesseract.image_to_string(image, lang=lang)
            texts[index] = text
            if time.monotonic() - started > settings.max_seconds_per_file:
                raise InputFileError(
                    f"OCR took over {settings.max_seconds_per_file:g} s "
                    "(ASSISTANT_MAX_SECONDS_PER_FILE)"
                )
    finally:
        pdf.close()
    return texts


def _language_pack(text: str, installed: set[str]) -> str | None:
    """The installed Tesseract pack for the language of ``text``, if it is not English."""
    from assistant.language import detect_language_code3

    code = detect_language_code3(text)
    return code if code in installed and code != "eng" else None
