"""Page images (the brief's preview, the Word figures) draw text in the shipped face its page names, and
those faces reach Qt a style per turn of the window's event loop, not all at once."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from templates_reports.typefaces import FACES, HOUSE
from ui import page_image


def test_each_step_hands_qt_one_style_and_the_family_asks_for_none_again(qapp, monkeypatch):
    handed: list[int] = []
    add = QFontDatabase.addApplicationFontFromData

    def counting(data):
        handed.append(len(data))
        return add(data)

    monkeypatch.setattr(page_image, "_families", {})
    monkeypatch.setattr(QFontDatabase, "addApplicationFontFromData", staticmethod(counting))
    styles = sum(len(face.styles()) for face in FACES.values())
    for step in range(1, styles + 1):
        assert page_image.register_next_style()
        assert len(handed) == step
        if step == len(HOUSE.styles()):  # the house face comes first
            assert {name for name, _ in HOUSE.styles()} == set(page_image._families)
    assert not page_image.register_next_style()
    assert page_image.house_family() == HOUSE.name and len(handed) == styles


def test_text_is_painted_in_the_face_its_page_names(qapp, monkeypatch):
    from templates_reports.picture import Picture, Text

    page_image.house_family()
    painted: list[tuple[str, bool]] = []
    monkeypatch.setattr(page_image.QPainter, "setFont", lambda self, font: painted.append((font.family(), font.bold())))
    dejavu = FACES["DejaVu Sans"]
    items = [
        Text(x=10, y=10, text="Grant", font=HOUSE.regular[0], size=8, colour=(0, 0, 0, 1)),
        Text(x=10, y=30, text="Grant", font=dejavu.bold[0], size=8, colour=(0, 0, 0, 1)),
    ]
    page_image.page_image(Picture(100, 50, items), 100)
    assert painted == [("Liberation Sans", False), ("DejaVu Sans", True)]


def test_a_line_in_a_small_preview_ends_where_the_pdf_ends_it(qapp):
    """The piece of text after it on the same line is placed where the PDF's own measure ends it; a line
    painted wider runs into it (it did, by 6%, in a preview a third of a page wide)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from templates_reports.fonts import register_fonts
    from templates_reports.picture import Picture, Text

    register_fonts()
    page_image.house_family()
    face = HOUSE.italic[0]
    text = "measures sit in each part: in one sphere alone, or where two or all three overlap (the table names them)."
    picture = Picture(595, 40, [Text(x=20, y=20, text=text, font=face, size=7.5, colour=(0, 0, 0, 1))])
    image = page_image.page_image(picture, 380)
    scale = 380 / 595
    inked = [x for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).value() < 200]
    assert abs(max(inked) - (20 + stringWidth(text, face, 7.5)) * scale) < 3
