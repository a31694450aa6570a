"""The typefaces of every brief, shipped in resources/fonts and embedded in each PDF.

The house face is Liberation Sans (OFL), metrically compatible with Arial, so a department's page
breaks hold when the brief is reopened in Word; a template may choose DejaVu Sans instead. Text the
house face has no glyph for is drawn, character by character, in the first fallback that has one:
DejaVu Sans (Armenian, Georgian, Hebrew, Arabic letters), Droid Sans Fallback (Chinese, Japanese) and
NanumGothic (Korean). The large fallbacks are read only when a brief needs them. Characters no font
covers (emoji) print as U+FFFD rather than as nothing.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from importlib import resources
from weakref import WeakKeyDictionary

from reportlab import Version, rl_config
from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from templates_reports import kept_faces
from templates_reports.typefaces import BOLD, BOLD_ITALIC, FACES, FALLBACKS, FONT, HOUSE, ITALIC, Face
from workbench.errors import WorkbenchError

__all__ = ["BOLD", "BOLD_ITALIC", "FACES", "FALLBACKS", "FONT", "HOUSE", "ITALIC", "Face"]


MISSING = "\ufffd"
_LOCK = threading.Lock()
_figure_face = HOUSE  # the face figures are drawn in (see figures_in)


def face(name: str) -> Face:
    """A shipped face by the name a template gives, registered with reportlab."""
    if name not in FACES:
        raise WorkbenchError(f"The brief font {name!r} is not shipped; choose one of {', '.join(FACES)}.")
    return register_face(FACES[name])


@contextmanager
def figures_in(chosen: Face) -> Iterator[None]:
    """Draw and measure figures in `chosen` meanwhile (a template's face), as the layout's text is; one
    brief is laid out at a time (see styles.house)."""
    global _figure_face
    kept, _figure_face = _figure_face, register_face(chosen)
    try:
        yield
    finally:
        _figure_face = kept


def figure_font() -> str:
    """The regular style of the face figures are drawn in now (the house face unless a template chose one)."""
    return _figure_face.regular[0]


def figure_bold() -> str:
    return _figure_face.bold[0]


def _read(file: str) -> bytes:
    return resources.files("resources").joinpath("fonts", file).read_bytes()


class SubsetFont(TTFont):
    """A TrueType font whose plain ASCII text goes to the PDF as it is, and whose other lines are mapped
    once per document.

    reportlab maps a line to the font's subsets character by character, in Python; every line of a
    brief passes through it (a tenth of a large brief's layout). With ASCII kept readable (reportlab's
    default), printable ASCII is always subset 0 at its own codes, so such a line maps to itself. Other
    lines repeat ('–' for an amount not given, three thousand times in a large brief), and a character
    keeps the code it was given for the rest of the document, so a line seen before maps as it did."""

    def __init__(self, name: str, face: TTFontFace):
        """reportlab's TTFont as it makes itself, but with a face already read (see _face)."""
        self.fontName, self.face = name, face
        self.encoding, self.state = TTEncoding(), WeakKeyDictionary[object, TTFont.State]()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
        self._ascii_as_is = bool(self._asciiReadable) and all(c in self.face.charToGlyph for c in range(32, 127))
        self._mapped: WeakKeyDictionary[object, dict[str, list]] = WeakKeyDictionary()

    def splitString(self, text, doc, encoding="utf-8"):
        if not isinstance(text, str) or doc not in self.state:
            return super().splitString(text, doc, encoding)
        if self._ascii_as_is and text.isascii() and text.isprintable():
            return [(0, text.encode("ascii"))] if text else []
        mapped = self._mapped.setdefault(doc, {})
        if text not in mapped:
            mapped[text] = super().splitString(text, doc, encoding)
        return list(mapped[text])


def _face(data: bytes) -> TTFontFace:
    """The face of a font file, its tables read from the copy kept by an earlier run if there is one
    (templates_reports.kept_faces); the tables read here are kept for the next."""
    tables = kept_faces.kept(data, Version)
    if tables is not None:
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(tables, _ttf_data=data, _pdfScale=_scale(tables["unitsPerEm"]))
        return face
    face = TTFontFace(io.BytesIO(data))
    kept_faces.keep(data, Version, {k: v for k, v in vars(face).items() if k not in _NOT_KEPT})
    return face


_NOT_KEPT = ("_ttf_data", "_pdfScale")  # the file itself, and a function of unitsPerEm


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to a PDF's thousandths of an em, as reportlab scales them."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


@functools.cache
def _font(name: str, file: str) -> frozenset[int]:
    """Register one font with reportlab (once); the code points it covers."""
    font = SubsetFont(name, _face(_read(file)))
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


@functools.cache
def register_face(chosen: Face) -> Face:
    """Register a face's four styles with reportlab (once), as a family (so <b> and <i> find them)."""
    for name, file in chosen.styles():
        _font(name, file)
    pdfmetrics.registerFontFamily(
        chosen.regular[0],
        normal=chosen.regular[0],
        bold=chosen.bold[0],
        italic=chosen.italic[0],
        boldItalic=chosen.bold_italic[0],
    )
    return chosen


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register the house face with reportlab once; return the code points it covers."""
    register_face(HOUSE)
    # A figure starts from reportlab's default font (Helvetica, never embedded) before its first label.
    shapes.STATE_DEFAULTS["fontName"] = FONT
    return _font(*HOUSE.regular)


def _fallback_for(code: int) -> str | None:
    """The first fallback font drawing `code`, reading fallbacks as far as needed; None if none does."""
    with _LOCK:
        for name, file in FALLBACKS:
            if code in _font(name, file):
                return name
    return None


@functools.cache
def _house_characters() -> frozenset[str]:
    return frozenset(map(chr, register_fonts())) | {"\n", "\t"}


def covered(text: str) -> bool:
    """True when the house face draws every character of `text` (a set test: a brief asks it of every cell)."""
    return _house_characters().issuperset(text)


def runs(text: str, font: str = FONT) -> Iterator[tuple[str, str]]:
    """`text` cut into (font, piece): pieces the house face draws keep `font`, others go to the fallback
    that draws them; characters nobody draws become U+FFFD in `font`."""
    house = register_fonts()
    current, piece = font, list[str]()
    for c in text:
        code = ord(c)
        if code in house or c in "\n\t":
            chosen, char = font, c
        else:
            found = _fallback_for(code)
            chosen, char = (found, c) if found else (_fallback_for(ord(MISSING)) or font, MISSING)
        if chosen != current and piece:
            yield current, "".join(piece)
            piece = []
        current = chosen
        piece.append(char)
    if piece:
        yield current, "".join(piece)


def printable(text: str) -> str:
    """`text` with every character no shipped font can draw replaced by U+FFFD (line breaks kept)."""
    if covered(text):
        return text
    return "".join(piece for _, piece in runs(text))


def face_for(text: str, font: str = FONT) -> str:
    """One font for a short label drawn in one piece (a figure's label, the page furniture): `font` when
    it draws all of `text`, else the fallback drawing most of the rest."""
    if covered(text):
        return font
    counts: dict[str, int] = {}
    for name, piece in runs(text, font):
        if name != font:
            counts[name] = counts.get(name, 0) + len(piece)
    return max(counts, key=lambda n: counts[n]) if counts else font


def draw_text(canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> None:
    """Draw one line on a reportlab canvas in runs of the font that has each character (page furniture)."""
    pieces = list(runs(text, font))
    total = sum(pdfmetrics.stringWidth(piece, face, size) for face, piece in pieces)
    left = x - {"start": 0.0, "middle": total / 2, "end": total}[anchor]
    for face, piece in pieces:
        canvas.setFont(face, size)
        canvas.drawString(left, y, piece)
        left += pdfmetrics.stringWidth(piece, face, size)
