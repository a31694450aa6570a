"""The typefaces of every brief: DejaVu Sans, shipped in resources/fonts and embedded in each PDF.

DejaVu covers Latin, Greek and Cyrillic in full (and Armenian, Georgian, most of Hebrew and Arabic
letters), so names like 'Ελλάδα' or 'Москва' print without a font on the reader's machine.
Characters the font has no glyph for (emoji, CJK) print as U+FFFD rather than as nothing.
"""

from __future__ import annotations

import functools
import io
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
_FILES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}
MISSING = "\ufffd"


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register the brief fonts with reportlab once; return the code points the regular face covers."""
    folder = resources.files("resources").joinpath("fonts")
    faces = {name: TTFont(name, io.BytesIO(folder.joinpath(file).read_bytes())) for name, file in _FILES.items()}
    for face in faces.values():
        pdfmetrics.registerFont(face)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    return frozenset(faces[FONT].face.charToGlyph)


def printable(text: str) -> str:
    """`text` with every character the fonts cannot draw replaced by U+FFFD (line breaks kept)."""
    covered = register_fonts()
    if all(ord(c) in covered or c in "\n\t" for c in text):
        return text
    return "".join(c if ord(c) in covered or c in "\n\t" else MISSING for c in text)
