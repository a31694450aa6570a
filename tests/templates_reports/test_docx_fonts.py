"""The Word output is set in the face the template chooses (as the PDF is): body, headings and the page
furniture (the marking at the top and bottom of every page, the page numbers). On a department's own
.docx the furniture follows the department's body text, whatever its header and footer styles say."""

from __future__ import annotations

import base64
import dataclasses
import io

import pytest
from docx import Document as open_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

import templates_reports.docx as docx_module
from templates_reports.catalogue import load_template
from templates_reports.docx import render_docx
from templates_reports.picture import Text
from tests.templates_reports.test_docx import brief_of, sample_docx
from workbench.briefs.blocks import Figure, Para
from workbench.briefs.theory_of_change import theory_of_change_diagram
from workbench.document import Document
from workbench.spheres.items import Item

DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def theme_faces(word) -> dict[str, str]:
    """The theme's body ("minor") and heading ("major") Latin faces."""
    theme = etree.fromstring(word.part.part_related_by(RT.THEME).blob)
    return {
        kind: theme.find(f".//{DRAWING}{kind}Font/{DRAWING}latin").get("typeface") for kind in ("minor", "major")
    }


def ascii_face(rpr) -> tuple[str, str] | None:
    """("theme" or "font", name) of the Latin face a w:rPr sets, or None if it sets none."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    if fonts.get(qn("w:asciiTheme")):
        return "theme", fonts.get(qn("w:asciiTheme"))
    return ("font", fonts.get(qn("w:ascii"))) if fonts.get(qn("w:ascii")) else None


def face_of(word, run, paragraph_style: str | None) -> str:
    """The Latin face Word draws `run` in: the run's own, else its paragraph style's (up the basedOn chain),
    else the document defaults; a theme face looked up in the theme."""
    styles = {s.get(qn("w:styleId")): s for s in word.styles.element.findall(qn("w:style"))}
    default = next(s.get(qn("w:styleId")) for s in styles.values() if s.get(qn("w:default")) == "1"
                   and s.get(qn("w:type")) == "paragraph")
    found = ascii_face(run.find(qn("w:rPr")))
    style_id = paragraph_style if paragraph_style in styles else default
    while found is None and style_id is not None:
        style = styles[style_id]
        found = ascii_face(style.find(qn("w:rPr")))
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    if found is None:
        found = ascii_face(word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    kind, name = found
    return theme_faces(word)["major" if name.startswith("major") else "minor"] if kind == "theme" else name


def paragraph_faces(word, paragraph) -> set[str]:
    style = paragraph.pPr.find(qn("w:pStyle")) if paragraph.pPr is not None else None
    style_id = style.get(qn("w:val")) if style is not None else None
    return {face_of(word, run, style_id) for run in paragraph.iter(qn("w:r")) if run.find(qn("w:t")) is not None}


def furniture_faces(word) -> set[str]:
    faces = set()
    for section in word.sections:
        for part in (section.header, section.footer):
            for paragraph in part._element.findall(qn("w:p")):
                faces |= paragraph_faces(word, paragraph)
    return faces


def watermark_style(word) -> str:
    paths = word.sections[0].header._element.iter("{urn:schemas-microsoft-com:vml}textpath")
    (watermark,) = (path for path in paths if path.get("string") == "DRAFT")
    return watermark.get("style")


def body_face(word) -> str:
    (face,) = paragraph_faces(word, next(p for p in word.paragraphs if p.text == "x" or len(p.text) > 40)._p)
    return face


def test_the_page_furniture_and_headings_are_in_the_body_face_arial_for_liberation_sans():
    word = sample_docx()
    assert body_face(word) == "Arial"  # Word's face with Liberation Sans's metrics
    assert furniture_faces(word) == {"Arial"}
    for heading in (p for p in word.paragraphs if p.style.name in ("Title", "Heading 1")):
        assert paragraph_faces(word, heading._p) == {"Arial"}


def test_a_template_choosing_dejavu_sans_gets_it_in_word_too(monkeypatch):
    spec = dataclasses.replace(load_template("ministerial"), font="DejaVu Sans")
    monkeypatch.setattr(docx_module, "load_template", lambda _id: spec)
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("x"), draft=True), None)))
    assert body_face(word) == "DejaVu Sans"
    assert furniture_faces(word) == {"DejaVu Sans"}
    assert watermark_style(word).startswith('font-family:"DejaVu Sans"')


@pytest.mark.parametrize("normal", ["Georgia", None])
def test_on_a_department_template_the_furniture_follows_its_body_text(tmp_path, normal):
    template = open_docx()
    if normal:
        template.styles["Normal"].font.name = normal
    template.styles["Header"].font.name = "Times New Roman"
    template.styles["Footer"].font.name = "Courier New"
    path = tmp_path / "department.docx"
    template.save(str(path))
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("x"), draft=True), None, template=path)))
    face = body_face(word)
    assert face == (normal or theme_faces(word)["minor"])
    assert furniture_faces(word) == {face}
    assert watermark_style(word).startswith(f'font-family:"{face}"')


ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_word_figures_are_drawn_in_the_face_the_template_chooses(monkeypatch):
    spec = dataclasses.replace(load_template("ministerial"), font="DejaVu Sans")
    monkeypatch.setattr(docx_module, "load_template", lambda _id: spec)
    fonts: set[str] = set()

    def rasterise(picture) -> bytes:
        fonts.update(item.font for item in picture.items if isinstance(item, Text))
        return ONE_PIXEL_PNG

    diagram = theory_of_change_diagram(Document.of([Item.create(name="Pilot-line grant")]))
    render_docx(brief_of(Figure(diagram, "The chain")), rasterise)
    assert fonts and all(font.startswith("DejaVuSans") for font in fonts), fonts
