"""The faces of the Word output: the template's face (as the PDF's) for every style of a document made
here, and the page furniture in the face of the body text, on a department's own .docx too (whose header
and footer styles may name another).

Word finds a run's face in its own w:rFonts, then in its paragraph style and the styles that one is based
on, then in the document defaults; a theme face (w:asciiTheme: the theme's body or heading font) wins over
a plain name given beside it.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R

WORD_FACES = {"Liberation Sans": "Arial"}  # a shipped face -> the face Word has with the same metrics
# Each slot of w:rFonts: the face of Latin, other Latin, East Asian and complex-script text, by name or theme.
SLOTS = (("w:ascii", "w:asciiTheme"), ("w:hAnsi", "w:hAnsiTheme"), ("w:eastAsia", "w:eastAsiaTheme"),
         ("w:cs", "w:cstheme"))
HOUSE_SLOTS = (SLOTS[0], SLOTS[1], SLOTS[3])  # East Asian text keeps the theme's face: the house face lacks it
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

Fonts = dict[str, str]  # w:rFonts attributes (qualified name -> value)


def word_face(name: str) -> str:
    """The face Word is told to use for a template's face."""
    return WORD_FACES.get(name, name)


def set_house_face(word: WordDocument, face: str) -> None:
    """Every style of a document made here in `face`: the document defaults name it, and the theme faces
    the built-in styles (Title, headings) ask for give way to it."""
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        fonts = defaults.get_or_add_rFonts()
        for name, _theme in HOUSE_SLOTS:
            fonts.set(qn(name), face)
    for fonts in word.styles.element.iter(qn("w:rFonts")):
        for _name, theme in HOUSE_SLOTS:
            fonts.attrib.pop(qn(theme), None)


def body_fonts(word: WordDocument) -> Fonts:
    """The faces of the body text as Word resolves them: the document defaults overlaid, slot by slot, by
    the default paragraph style and the styles it is based on."""
    chain = []
    style = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    while style is not None:
        chain.append(style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"))
        style = style.base_style
    chain.append(word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"))
    resolved: Fonts = {}
    for fonts in reversed(chain):  # the defaults first, the paragraph style last
        if fonts is None:
            continue
        for slot in SLOTS:
            given = {qn(a): fonts.get(qn(a)) for a in slot if fonts.get(qn(a))}
            if given:
                for attribute in slot:
                    resolved.pop(qn(attribute), None)
                resolved.update(given)
    return resolved


def dress(run: CT_R, fonts: Fonts) -> None:
    """Set `run` in the faces `fonts` name, whatever its paragraph's style says."""
    element = run.get_or_add_rPr().get_or_add_rFonts()
    for attribute in list(element.attrib):
        del element.attrib[attribute]
    for attribute, value in fonts.items():
        element.set(attribute, value)


def latin_face(word: WordDocument, fonts: Fonts, fallback: str) -> str:
    """The name of the Latin face `fonts` give, a theme face looked up in the document's theme."""
    theme = fonts.get(qn("w:asciiTheme"))
    if theme is None:
        return fonts.get(qn("w:ascii"), fallback)
    try:
        root = parse_xml(word.part.part_related_by(RT.THEME).blob)
    except KeyError:
        return fallback
    latin = root.find(f".//{DRAWING}{'major' if theme.startswith('major') else 'minor'}Font/{DRAWING}latin")
    return latin.get("typeface", fallback) if latin is not None else fallback
