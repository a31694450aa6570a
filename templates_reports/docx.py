"""A composed brief -> a Word document (.docx), the same composition as the PDF.

Private offices edit a submission in Word before it goes in the box, so the document uses Word's own
structure: the built-in Title and Heading styles (the navigation pane lists the sections), paragraphs
numbered and recommendation limbs lettered by Word's own numbering (docx_numbering: inserting a paragraph
renumbers), tables whose header row repeats on every page, figures as 200 dpi pictures with alt text,
the marking centred in every page's header and footer in the body's face (docx_fonts), Word's DRAFT
watermark on a draft (docx_watermark), and the document's properties (title, author, subject, keywords,
category, language).

Built on a department's own .docx when given: its styles, page set-up and lists stay (the brief's list
is added to them), its body is replaced. Figures are drawn by the caller (`rasterise`: a recorded
figure -> PNG bytes), because reportlab has no raster backend here and this layer may not paint with Qt.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as open_docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from templates_reports.catalogue import load_template
from templates_reports.docx_fonts import Fonts, body_fonts, dress, latin_face, set_house_face, word_face
from templates_reports.docx_numbering import LIMB, WordLists, level_of, number
from templates_reports.docx_watermark import add_watermark
from templates_reports.flowables import column_widths, figure_drawing
from templates_reports.fonts import face as shipped_face
from templates_reports.fonts import figures_in, register_fonts
from templates_reports.pdf import footer_line
from templates_reports.picture import Picture, drawing_picture
from workbench import __version__
from workbench.briefs.blocks import (
    Block,
    Bullets,
    ComposedBrief,
    ComposedSection,
    Figure,
    Lettered,
    Note,
    Para,
    Subheading,
    Table,
)
from workbench.briefs.numbering import Numbering, marks
from workbench.errors import WorkbenchError

Rasterise = Callable[[Picture], bytes]  # a recorded figure -> PNG bytes
PAGE_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
HANG = Mm(10)  # the hanging indent of a paragraph number or a limb's letter
QUIET = RGBColor(0x55, 0x55, 0x55)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TABLE_TEXT = "Table text"
TEXT_WIDTH = Mm(166)  # the text column of an A4 page within its margins
TEXT_WIDTH_TWIPS = round(TEXT_WIDTH.twips)
WORD_CELLS = 0.85  # a PDF table cell's text and padding against a Word cell's
LABEL_WIDTH = Mm(32)  # of the header block's labels (From, To, ...)


def render_docx(
    brief: ComposedBrief,
    rasterise: Rasterise | None,
    *,
    page_size: str = "a4",
    template: Path | None = None,
    fixed_date: dt.date | None = None,
) -> bytes:
    """The brief as .docx bytes. Without `rasterise` each figure is left as its caption and alt text."""
    if page_size not in PAGE_MM:
        raise WorkbenchError(f"Unknown page size {page_size!r}; choose one of {', '.join(PAGE_MM)}.")
    register_fonts()  # tables take the PDF's column widths, measured in the house face
    word = _start(template)
    spec = load_template(brief.template_id)
    face = word_face(spec.font)
    if template is None:
        set_house_face(word, face)
        word.styles["Normal"].font.size = Pt(spec.font_size)
    _page_setup(word, page_size)
    _properties(word, brief, fixed_date)
    fonts = body_fonts(word)
    _furniture(word, brief, fonts, latin_face(word, fonts, face))
    writer = _Writer(word, rasterise)
    writer.title_block(brief)
    with figures_in(shipped_face(spec.font)):  # figures in the template's face, as in the PDF
        for section in brief.sections:
            writer.section(section)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _start(template: Path | None) -> WordDocument:
    """A new document, or the department's template emptied of its body (its section set-up kept)."""
    if template is None:
        return open_docx()
    try:
        word = open_docx(str(template))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        name = Path(template).name
        raise WorkbenchError(f"{name} cannot be used as a template: it is not a Word document.") from None
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return word


def _page_setup(word: WordDocument, page_size: str) -> None:
    width, height = PAGE_MM[page_size]
    for section in word.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = Mm(22)
        section.top_margin, section.bottom_margin = Mm(25), Mm(26)
        section.header_distance, section.footer_distance = Mm(10), Mm(8)


def _properties(word: WordDocument, brief: ComposedBrief, fixed_date: dt.date | None) -> None:
    props = word.core_properties
    props.title = clean(f"{brief.heading}: {brief.title}")
    props.author = props.last_modified_by = clean(brief.author or brief.department)
    props.subject = clean(brief.subject or brief.title)
    props.keywords = clean(brief.marking)
    props.category = clean(brief.heading)
    props.comments = f"Written by IIP Workbench {__version__}"
    props.language = "en-GB"
    props.revision = 1
    when = dt.datetime.combine(fixed_date, dt.time()) if fixed_date else dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = when
    _language(word, "en-GB")


def _language(word: WordDocument, tag: str) -> None:
    """The proofing language of the text (Word's spelling and a screen reader's voice)."""
    run_defaults = word.styles.element.find(qn("w:docDefaults"))
    if run_defaults is None:
        return
    rpr = run_defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _furniture(word: WordDocument, brief: ComposedBrief, fonts: Fonts, face: str) -> None:
    """The marking centred at the top and bottom of every page (first and even pages included: one header
    for all), DRAFT under the top one and across the page while the brief is a draft, and the footer line
    with page N of M; all in the body's faces `fonts` (`face` its Latin one)."""
    footer_text = footer_line(brief)
    word.settings.odd_and_even_pages_header_footer = False
    for n, section in enumerate(word.sections):
        section.different_first_page_header_footer = False
        header, footer = section.header, section.footer
        header.is_linked_to_previous = footer.is_linked_to_previous = False
        runs = [_marking(header.paragraphs[0], brief.marking)]
        if brief.draft:
            draft = header.add_paragraph()
            draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = draft.add_run("DRAFT")
            run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RGBColor(0xA1, 0x00, 0x1C)
            runs.append(run)
            add_watermark(header.paragraphs[0], "DRAFT", face, n)
        line = footer.paragraphs[0]
        runs += [line.add_run(f"{clean(footer_text)}  ·  Page "), line.add_run(" of ")]
        runs[-1].font.size = runs[-2].font.size = Pt(8)
        runs.append(_marking(footer.add_paragraph(), brief.marking))
        for run in runs:
            dress(run._r, fonts)
        line._p.insert(line._p.index(runs[-2]._r), _field("PAGE", fonts))
        line._p.append(_field("NUMPAGES", fonts))


def _marking(paragraph: Paragraph, marking: str) -> Run:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(clean(marking))
    run.bold, run.font.size = True, Pt(10)
    return run


def _field(name: str, fonts: Fonts) -> BaseOxmlElement:
    """A field Word fills in when it lays the page out (PAGE, NUMPAGES), 8 pt in the faces `fonts`."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), name)
    run = OxmlElement("w:r")
    dress(run, fonts)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    run.get_or_add_rPr().append(size)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


class _Writer:
    """Blocks -> paragraphs, in order; paragraph numbers run on through the numbered sections."""

    def __init__(self, word: WordDocument, rasterise: Rasterise | None):
        self.word, self.rasterise = word, rasterise
        self.numbering = Numbering()
        self.lists = WordLists(word, HANG)
        # Style ids by name, set on each paragraph directly: python-docx looks a name up afresh each time.
        self.ids = {s.name: s.style_id for s in word.styles}
        self.cell_style = _cell_style(word)

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """A new paragraph in a built-in style, if the (department's) document defines it."""
        p = self.word.add_paragraph(clean(text))
        if style in self.ids:
            p._p.style = self.ids[style]
        return p

    def grid(self, table: WordTable) -> None:
        if "Table Grid" in self.ids:
            table._tbl.tblPr.style = self.ids["Table Grid"]

    def title_block(self, brief: ComposedBrief) -> None:
        if brief.department:
            p = self.paragraph(brief.department)
            p.runs[0].font.color.rgb = QUIET
        self.paragraph(brief.heading, "Title")
        if brief.header:
            table = self.word.add_table(rows=0, cols=2)
            self.grid(table)
            for label, value in brief.header:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(clean(label)).bold = True
                _lines(cells[1].paragraphs[0], value)
                cells[0].width, cells[1].width = LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH
            table.autofit = False
            table.columns[0].width, table.columns[1].width = LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH
            self.word.add_paragraph()

    def section(self, section: ComposedSection) -> None:
        heading = self.paragraph(section.title, "Heading 1")
        if section.annex:
            heading.paragraph_format.page_break_before = True
        previous: Block | None = None
        for block in section.blocks:
            self.block(block, section.numbered, under=section.numbered and isinstance(previous, Para))
            previous = block

    def block(self, block: Block, numbered: bool, under: bool = False) -> None:
        indent = HANG if numbered else Mm(0)
        match block:
            case Para(text):
                if numbered:
                    (mark,) = marks(block, self.numbering, under)
                    self.listed(text, Mm(0), self.lists.paragraphs, level_of(mark))
                else:
                    _lines(self.word.add_paragraph(), text)
            case Bullets(items) if numbered:  # numbered as the PDF numbers them (workbench.briefs.numbering)
                for item, mark in zip(items, marks(block, self.numbering, under), strict=True):
                    self.listed(item, HANG if under else Mm(0), self.lists.paragraphs, level_of(mark))
            case Bullets(items):
                for item in items:
                    self.listed(item, indent, self.lists.bullets, 0)
            case Lettered(items):
                limbs = self.lists.limbs()
                for item in items:
                    self.listed(item, indent, limbs, LIMB)
            case Subheading(text):
                self.paragraph(text, "Heading 2")
            case Note(text):
                p = self.word.add_paragraph()
                p.paragraph_format.left_indent = indent
                _lines(p, text, italic=True)
            case Table():
                self.table(block)
            case Figure():
                self.figure(block)

    def hanging(self, indent: Length) -> Paragraph:
        """A new paragraph whose number, letter or bullet will hang in the margin of its text."""
        p = self.word.add_paragraph()
        fmt = p.paragraph_format
        fmt.left_indent, fmt.first_line_indent = indent + HANG, -HANG
        return p

    def listed(self, text: str, indent: Length, num_id: int, level: int) -> None:
        """A paragraph Word numbers or letters itself (the numbers follow when a paragraph is inserted)."""
        p = self.hanging(indent)
        number(p, num_id, level)
        _lines(p, text)

    def table(self, block: Table) -> None:
        if block.caption:
            caption = self.paragraph(block.caption, "Caption")
            caption.paragraph_format.keep_with_next = True
        self.word.element.body._insert_tbl(parse_xml(_table_xml(block, self.ids.get("Table Grid"), self.cell_style)))
        self.word.add_paragraph()

    def figure(self, block: Figure) -> None:
        caption = f"Figure {block.number}: {block.caption}" if block.number else block.caption
        if self.rasterise is not None:
            drawing = figure_drawing(block.diagram)
            png = self.rasterise(drawing_picture(drawing))
            p = self.word.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            shape = p.add_run().add_picture(io.BytesIO(png), width=Pt(drawing.width))
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", clean(block.alt or caption))
            doc_pr.set("title", clean(caption))
        else:
            self.word.add_paragraph(clean(f"[{block.alt or caption}]"))
        self.paragraph(caption, "Caption")


def _cell_style(word: WordDocument) -> str:
    """The style of table text (9 pt, no space after), added to the document unless it has one."""
    for style in word.styles:
        if style.name == TABLE_TEXT:
            return style.style_id
    style = word.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return style.style_id


def _table_xml(block: Table, grid: str | None, cell_style: str) -> str:
    """The table as WordprocessingML, written in one piece (python-docx takes a tenth of a second per
    table of a hundred rows, cell by cell): header row repeated on every page and never split, numbers
    right-aligned, the total row bold."""
    # As the PDF sizes them (no column narrower than its longest word), measured on a page WORD_CELLS
    # narrower: Word's cells are 9 pt (the PDF's 8.5 pt) with wider margins.
    widths = [round(w / WORD_CELLS * 20) for w in column_widths(block, TEXT_WIDTH_TWIPS / 20 * WORD_CELLS)]
    rows = [tuple(c.title for c in block.columns), *block.rows, *([block.total] if block.total else [])]
    out = [f"<w:tbl {nsdecls('w')}><w:tblPr>"]
    if grid:
        out.append(f'<w:tblStyle w:val="{grid}"/>')
    out.append('<w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
               ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>')
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    last = len(rows) - 1
    for r, values in enumerate(rows):
        bold = r == 0 or (block.total is not None and r == last)
        out.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' if r == 0 else "<w:tr>")
        for column, width, value in zip(block.columns, widths, values, strict=True):
            align = '<w:jc w:val="right"/>' if column.numeric else ""
            run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
            text = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(t)}</w:t>' for t in clean(value).split("\n"))
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
                f'<w:pStyle w:val="{cell_style}"/>{align}</w:pPr><w:r>{run_props}{text}</w:r></w:p></w:tc>'
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _lines(
    paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: Length | None = None
) -> None:
    """Text with its line breaks kept as line breaks inside one paragraph."""
    for n, line in enumerate(clean(text).split("\n")):
        run = paragraph.add_run()
        if n:
            run.add_break(WD_BREAK.LINE)
        run.add_text(line)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size is not None:
            run.font.size = size


def clean(text: str) -> str:
    """Text Word can hold: control characters a document cannot store are dropped."""
    return _NOT_XML.sub("", text)

