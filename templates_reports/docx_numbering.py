"""Word's own numbering for a brief's numbered paragraphs (1., 2.), sub-points (4.1) and recommendation
limbs ((a), (b)), so a private office inserting or deleting a paragraph in Word sees the numbers follow.

One multi-level list is added to the document's numbering part (beside a department's own lists, or in a
numbering part made for it when its template has none), and each paragraph names its list and level
(w:numPr). Word then counts as workbench.briefs.numbering does for the PDF: level 0 runs on through the
document, level 1 restarts under each paragraph, and each list of limbs is a w:num of its own that starts
level 2 again at (a), as Word's "Restart at" writes it.
"""

from __future__ import annotations

import zlib
from typing import cast

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.numbering import CT_Numbering
from docx.parts.numbering import NumberingPart
from docx.shared import Length
from docx.text.paragraph import Paragraph

PARAGRAPH, SUB_POINT, LIMB = 0, 1, 2
# (format, text) by level; level 3, (i) (ii), is there for a limb a user indents with Tab in Word.
LEVELS = (("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)"), ("lowerRoman", "(%4)"))
INDENTS = (1, 2, 2, 3)  # each level's left indent in hanging indents (a paragraph may set its own)
BULLET_LEVELS, BULLET_INDENTS = (("bullet", "•"),), (1,)  # the bullets of a section without numbers


def level_of(mark: str) -> int:
    """The level of a number workbench.briefs.numbering gives: "4." a paragraph, "4.1" a sub-point."""
    return PARAGRAPH if mark.endswith(".") else SUB_POINT


class WordLists:
    """The brief's lists in a Word document: one w:num for the paragraphs and their sub-points, a new one
    for each list of limbs, and one for the bullets of sections without numbers (Word's own bullets, so
    a bullet typed after one in Word is one too)."""

    def __init__(self, word: WordDocument, hang: Length):
        self.root = _numbering(word)
        twips = round(hang.twips)
        self.abstract = _define(self.root, twips, LEVELS, INDENTS)
        self.paragraphs: int = self.root.add_num(self.abstract).numId
        self.bullets: int = self.root.add_num(_define(self.root, twips, BULLET_LEVELS, BULLET_INDENTS)).numId

    def limbs(self) -> int:
        """A w:num for one recommendation's limbs: lettered from (a) again."""
        num = self.root.add_num(self.abstract)
        num.add_lvlOverride(ilvl=LIMB).add_startOverride(1)
        return num.numId


def number(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Make `paragraph` an item of list `num_id` at `level`: Word shows its number."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _numbering(word: WordDocument) -> CT_Numbering:
    """The document's numbering part, made when a department's template has none (python-docx cannot)."""
    part = word.part
    try:
        return cast(NumberingPart, part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        made = NumberingPart(
            part.package.next_partname("/word/numbering%d.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            part.package,
        )
        part.relate_to(made, RT.NUMBERING)
        return made.element


def _define(root: CT_Numbering, hang: int, formats: tuple, indents: tuple) -> int:
    """Add an abstract list of the brief, levels of (format, text) and indents, after the document's own
    (Word reads every w:abstractNum before the first w:num); its id."""
    ids = [int(a.get(qn("w:abstractNumId"))) for a in root.findall(qn("w:abstractNum"))]
    new_id = max(ids, default=-1) + 1
    nsid = zlib.crc32(f"IIP Workbench brief list {new_id}".encode())  # Word's id of a list, for pasting
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent * hang}" w:hanging="{hang}"/></w:pPr></w:lvl>'
        for n, ((fmt, text), indent) in enumerate(zip(formats, indents, strict=True))
    )
    kind = "multilevel" if len(formats) > 1 else "singleLevel"
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{new_id}"><w:nsid w:val="{nsid:08X}"/>'
        f'<w:multiLevelType w:val="{kind}"/>{levels}</w:abstractNum>'
    )
    before = root.findall(qn("w:abstractNum")) or root.findall(qn("w:numPicBullet"))
    if before:
        before[-1].addnext(abstract)
    else:
        root.insert(0, abstract)
    return new_id
