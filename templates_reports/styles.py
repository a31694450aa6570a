"""Typography of every brief in one place: sizes, spacing and colours a private office will accept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from templates_reports.fonts import BOLD, FONT, ITALIC, face, figures_in

INK = HexColor("#1a1a1a")
QUIET = HexColor("#555555")
RULE = HexColor("#9a9a9a")
SHADE = HexColor("#ececec")
MARGIN_X = 22 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 26 * mm
NUMBER_INDENT = 8 * mm
BULLET_INDENT = 5 * mm
FIGURE_WIDTH = 440.0  # points; the text column of an A4 or Letter page is wider
BODY_SIZE = 10.5  # the body text's size as written below; a template may choose another (house())

body = ParagraphStyle(
    "body", fontName=FONT, bulletFontName=FONT, fontSize=10.5, leading=15, textColor=INK, spaceAfter=7
)
numbered = ParagraphStyle("numbered", body, leftIndent=NUMBER_INDENT, bulletIndent=0)
# "4.1" under paragraph 4, and a recommendation's "(a)": hung from the paragraph's text edge
sub_point = ParagraphStyle(
    "sub_point", body, leftIndent=NUMBER_INDENT + 10 * mm, bulletIndent=NUMBER_INDENT, spaceAfter=4
)
lettered = ParagraphStyle("lettered", sub_point, leftIndent=NUMBER_INDENT + 8 * mm)
bullet = ParagraphStyle("bullet", body, leftIndent=BULLET_INDENT, bulletIndent=1.2 * mm, spaceAfter=3)
note = ParagraphStyle("note", body, fontName=ITALIC, textColor=QUIET)
department = ParagraphStyle("department", body, fontSize=9, leading=12, textColor=QUIET, spaceAfter=2)
heading = ParagraphStyle("heading", body, fontName=BOLD, fontSize=18, leading=22, spaceAfter=10)
section = ParagraphStyle(
    "section", body, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=5, keepWithNext=1
)
subheading = ParagraphStyle(
    "subheading", body, fontName=BOLD, fontSize=10.5, spaceBefore=6, spaceAfter=4, keepWithNext=1
)
caption = ParagraphStyle("caption", body, fontName=ITALIC, fontSize=8.5, leading=11, textColor=QUIET, spaceAfter=4)
figure_caption = ParagraphStyle("figure_caption", caption, alignment=TA_CENTER, spaceBefore=4, spaceAfter=10)
cell = ParagraphStyle("cell", body, fontSize=8.5, leading=10.5, spaceAfter=0)
cell_bold = ParagraphStyle("cell_bold", cell, fontName=BOLD)
cell_number = ParagraphStyle("cell_number", cell, alignment=TA_RIGHT)
cell_number_bold = ParagraphStyle("cell_number_bold", cell_number, fontName=BOLD)
header_label = ParagraphStyle("header_label", body, fontName=BOLD, fontSize=10, leading=13, spaceAfter=0)
header_value = ParagraphStyle("header_value", header_label, fontName=FONT)
contents_title = ParagraphStyle("contents_title", section, spaceBefore=14)

ALL = (  # every style above: house() changes each
    body, numbered, sub_point, lettered, bullet, note, department, heading, section, subheading, caption,
    figure_caption, cell, cell_bold, cell_number, cell_number_bold, header_label, header_value, contents_title,
)


@contextmanager
def house(face_name: str, size: float) -> Iterator[None]:
    """Lay out in a template's face and body size: every style and every figure takes that face, the styles
    grow or shrink with the body text, and all is put back afterwards. The styles are reportlab's
    module-level objects, so one brief is laid out at a time (as the window does; see
    ui.brief_export.laying_out)."""
    chosen = face(face_name)
    names = {FONT: chosen.regular[0], BOLD: chosen.bold[0], ITALIC: chosen.italic[0]}
    scale = size / BODY_SIZE
    kept = [(s, s.fontName, s.bulletFontName, s.fontSize, s.leading, s.bulletFontSize) for s in ALL]
    for s in ALL:
        s.fontName, s.bulletFontName = names.get(s.fontName, s.fontName), names.get(s.bulletFontName, s.bulletFontName)
        s.fontSize, s.leading, s.bulletFontSize = s.fontSize * scale, s.leading * scale, s.bulletFontSize * scale
    try:
        with figures_in(chosen):  # the figures' labels in the same face
            yield
    finally:
        for s, font, bullet_font, font_size, leading, bullet_size in kept:
            s.fontName, s.bulletFontName, s.fontSize, s.leading, s.bulletFontSize = (
                font, bullet_font, font_size, leading, bullet_size
            )
