"""A page (or a figure) recorded as drawing operations (templates_reports.picture), painted with QPainter
into an image: the brief preview's page 1, and the Word output's figures as PNG.

The shipped typefaces are registered with Qt (on the window's thread, once), so the image uses the
typeface the PDF embeds, the house face or the one a template chose.
"""

from __future__ import annotations

import struct
import zlib
from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath, QPen

from templates_reports.typefaces import FACES, HOUSE

if TYPE_CHECKING:  # the layout machinery loads beside the window (ui.brief_preview), never for a type
    from templates_reports.picture import Path, Picture, Text

DOTS_PER_METRE_AT_72_DPI = round(72 / 0.0254)  # so a font's point size equals the page's points
FIGURE_DPI = 200  # a figure in a Word document: sharp when printed, a few hundred kilobytes
PNG_LEVEL = 1  # zlib's fastest: flat colours compress well at any level
LAID_OUT_AT = 16  # times its size: text is laid out that large and drawn scaled down. At a preview's few
# pixels a letter, Qt rounds each glyph's advance to whole pixels, which made a line some 6% wider than the
# PDF's and ran it into the piece of text placed after it; at sixteen times the size the rounding is lost.


# Every style of every shipped typeface, the house face first: (reportlab font name, file)
SHIPPED = [style for face in sorted(FACES.values(), key=lambda f: f is not HOUSE) for style in face.styles()]
BOLD_STYLES = {name for face in FACES.values() for name in (face.bold[0], face.bold_italic[0])}
ITALIC_STYLES = {name for face in FACES.values() for name in (face.italic[0], face.bold_italic[0])}
_families: dict[str, tuple[str, ...]] = {}  # a shipped style's reportlab name -> its Qt families, once Qt has it


def _register(name: str, file: str) -> tuple[str, ...]:
    """Hand Qt one shipped style (on the window's thread), once; the families it holds."""
    if name not in _families:
        data = resources.files("resources").joinpath("fonts", file).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        _families[name] = tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()
    return _families[name]


def register_next_style() -> bool:
    """Hand Qt the next shipped style it does not have yet (the house face's first); False once it has
    them all. A section that shows pages calls it once per turn of the event loop: all at once held the
    window for tens of milliseconds."""
    style = next((style for style in SHIPPED if style[0] not in _families), None)
    if style is None:
        return False
    _register(*style)
    return True


def house_family() -> str:
    """The house face's Qt family, every shipped face registered with Qt first (page images then draw
    each piece of text in the face its page names: a template's choice too)."""
    for style in SHIPPED:
        _register(*style)
    return (_families[HOUSE.regular[0]] or (HOUSE.name,))[0]


def page_image(picture: Picture, width: int, family: str | None = None) -> QImage:
    """The page, `width` pixels wide, white paper, in `family` (the brief's own typeface when not given,
    which only the window's thread may ask Qt for the first time)."""
    from templates_reports.picture import Text

    scale = width / picture.width
    image = QImage(width, round(picture.height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(DOTS_PER_METRE_AT_72_DPI)
    image.setDotsPerMeterY(DOTS_PER_METRE_AT_72_DPI)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    family = family or house_family()
    for item in picture.items:
        if isinstance(item, Text):
            _text(painter, item, picture.height, family)
        else:
            _path(painter, item, picture.height)
    painter.end()
    return image


def _text(painter: QPainter, item: Text, height: float, family: str) -> None:
    """`item` in its shipped face (`family` for a fallback face: Qt finds the glyphs itself)."""
    font = QFont((_families.get(item.font) or (family,))[0])
    font.setPointSizeF(item.size * LAID_OUT_AT)
    font.setBold(item.font in BOLD_STYLES)
    font.setItalic(item.font in ITALIC_STYLES)
    painter.save()
    painter.translate(item.x, height - item.y)
    painter.scale(1 / LAID_OUT_AT, 1 / LAID_OUT_AT)
    painter.setFont(font)
    painter.setPen(QColor.fromRgbF(*item.colour))
    painter.drawText(QPointF(0, 0), item.text)
    painter.restore()


def _path(painter: QPainter, item: Path, height: float) -> None:
    path = QPainterPath()
    for op, *values in item.segments:
        points = [QPointF(values[i], height - values[i + 1]) for i in range(0, len(values), 2)]
        if op == "m":
            path.moveTo(points[0])
        elif op == "l":
            path.lineTo(points[0])
        elif op == "c":
            path.cubicTo(*points)
        else:
            path.closeSubpath()
    if item.stroke is None:
        painter.setPen(Qt.PenStyle.NoPen)
    else:
        pen = QPen(QColor.fromRgbF(*item.stroke), item.width)
        if item.dash and item.width:
            pen.setDashPattern([d / item.width for d in item.dash])
        painter.setPen(pen)
    painter.setBrush(QBrush(QColor.fromRgbF(*item.fill)) if item.fill else Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def png_bytes(picture: Picture, family_name: str, dpi: int = FIGURE_DPI) -> bytes:
    """The picture as a PNG at `dpi` (its points are 1/72 inch), white behind it, no alpha.

    Written here rather than by Qt's PNG writer, which filters every row and takes three times as long
    for a file no smaller on line art like this."""
    painted = page_image(picture, round(picture.width * dpi / 72), family_name)
    image = painted.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = bytes(image.constBits())
    rows = b"".join(b"\x00" + pixels[y * stride : y * stride + width * 3] for y in range(height))
    per_metre = round(dpi / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),  # 8-bit RGB
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(rows, PNG_LEVEL)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def ensure_gui() -> None:
    """Painting text needs a QGuiApplication: the command line starts one that shows nothing."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["iip-workbench", "-platform", "offscreen"])
