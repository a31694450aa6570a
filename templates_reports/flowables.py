"""Composed blocks -> reportlab platypus flowables (the thin layout layer under the templates)."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from templates_reports import styles
from templates_reports.figures.ecosystem import ecosystem_drawing
from templates_reports.figures.spheres import spheres_drawing
from templates_reports.figures.theory_of_change import theory_of_change_drawing
from templates_reports.figures.trajectory import trajectory_drawing
from templates_reports.figures.value_chain import value_chain_drawing
from templates_reports.fonts import printable
from templates_reports.long_text import paragraphs
from templates_reports.markup import literal
from templates_reports.row_table import RowTable, width_of
from workbench.briefs.blocks import (
    Block,
    Bullets,
    ComposedBrief,
    ComposedSection,
    Diagram,
    EcosystemDiagram,
    Figure,
    Lettered,
    Note,
    Para,
    SpheresDiagram,
    Subheading,
    TheoryOfChangeDiagram,
    TrajectoryDiagram,
    ValueChainDiagram,
)
from workbench.briefs.blocks import Table as TableBlock
from workbench.briefs.numbering import Numbering, letter, marks

CELL_PADDING = 9  # left + right padding of a cell, plus a hair
KEEP_WHOLE = 4  # items: a list this short is never split between pages


def section_heading(section: ComposedSection, key: str) -> Paragraph:
    """A section title that also becomes a PDF bookmark and a contents entry (see pdf.BriefDoc)."""
    p = Paragraph(literal(section.title), styles.section)
    p.bookmark = (key, section.title)
    return p


def title_block(brief: ComposedBrief, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    if brief.department:
        out.append(Paragraph(literal(brief.department), styles.department))
    out.append(Paragraph(literal(brief.heading), styles.heading))
    if brief.header:
        out.append(header_table(brief.header, width))
    return out


def header_table(rows: list[tuple[str, str]], width: float) -> Table:
    label_width = 32 * mm
    data = [
        [Paragraph(literal(label), styles.header_label), Paragraph(literal(value), styles.header_value)]
        for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, width - label_width], splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.header_value.fontName),  # cells are paragraphs: no Helvetica
                ("BACKGROUND", (0, 0), (0, -1), styles.SHADE),
                ("GRID", (0, 0), (-1, -1), 0.6, styles.RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


Drawings = dict[int, Drawing]  # a brief's figure drawings by id(diagram), made once however often it is laid out


def section_body(
    section: ComposedSection, numbering: Numbering, width: float, drawings: Drawings
) -> Iterator[Flowable]:
    """In a numbered section every paragraph has a number, and bullets after a paragraph are its
    sub-points (4.1, 4.2); bullets with no paragraph before them are numbered paragraphs themselves.
    A paragraph leading into a list stays on the page of the list's first point."""
    previous: Block | None = None
    for n, block in enumerate(section.blocks):
        under = section.numbered and isinstance(previous, Para)
        out = list(block_flowables(block, numbering if section.numbered else None, width, drawings, under=under))
        following = section.blocks[n + 1] if n + 1 < len(section.blocks) else None
        if isinstance(block, Para) and isinstance(following, (Bullets, Lettered)) and out:
            out[-1].keepWithNext = 1
        yield from out
        previous = block


def block_flowables(
    block: Block, numbering: Numbering | None, width: float, drawings: Drawings, under: bool = False
) -> Iterator[Flowable]:
    indent = styles.NUMBER_INDENT if numbering else 0
    match block:
        case Para(text):
            if numbering:
                yield from paragraphs(text, styles.numbered, numbering.next())
            else:
                yield from paragraphs(text, styles.body)
        case Bullets(items) if numbering:
            style = styles.sub_point if under else styles.numbered
            yield from kept(
                [
                    paragraphs(item, style, mark)
                    for item, mark in zip(items, marks(block, numbering, under), strict=True)
                ]
            )
            yield Spacer(0, 3)
        case Bullets(items):
            yield from kept([paragraphs(item, styles.bullet, "•") for item in items])
            yield Spacer(0, 4)
        case Lettered(items):
            yield from kept([paragraphs(item, styles.lettered, letter(n)) for n, item in enumerate(items)])
            yield Spacer(0, 3)
        case Subheading(text):
            yield Paragraph(literal(text), styles.subheading)
        case Note(text):
            yield from paragraphs(text, _indented(styles.note, indent))
        case TableBlock():
            yield from table_flowables(block, width)
        case Figure():
            yield from figure_flowables(block, drawings)


def kept(items: list[list[Paragraph]]) -> list[Paragraph]:
    """A list's points, none left alone on a page: a short list is kept whole; a long one keeps its
    first two points together, and its last two."""
    joined = set(range(len(items) - 1)) if len(items) <= KEEP_WHOLE else {0, len(items) - 2}
    for n in joined:
        items[n][-1].keepWithNext = 1
    return [p for item in items for p in item]


def table_flowables(block: TableBlock, width: float) -> Iterator[Flowable]:
    if block.caption:
        caption = Paragraph(literal(block.caption), styles.caption)
        caption.keepWithNext = 1  # with the table's first rows
        yield caption
    widths = column_widths(block, width)
    header = [printable(c.title) for c in block.columns]
    body = [[printable(v) for v in row] for row in block.rows]
    total = [printable(v) for v in block.total] if block.total else None
    table = RowTable.of(header, body, total, widths, [c.numeric for c in block.columns])
    yield table
    yield Spacer(0, 8)


def column_widths(block: TableBlock, width: float) -> list[float]:
    """Shares of `width` by weight, but no column narrower than its longest word (up to a third of
    the table), so 'Independence' or 'Infrastructure' is never broken in two."""
    floors = [min(width / 3, _longest_word(block, n) + CELL_PADDING) for n in range(len(block.columns))]
    fixed: dict[int, float] = {}
    while True:
        free = width - sum(fixed.values())
        weight = sum(c.weight for n, c in enumerate(block.columns) if n not in fixed)
        widths = [fixed.get(n, free * c.weight / weight if weight else 0.0) for n, c in enumerate(block.columns)]
        narrow = [n for n, w in enumerate(widths) if n not in fixed and w < floors[n]]
        if not narrow:
            break
        fixed.update((n, floors[n]) for n in narrow)
        if len(fixed) == len(widths):
            return [width * f / sum(floors) for f in floors]
    return widths


def _longest_word(block: TableBlock, column: int) -> float:
    """The widest unbreakable piece of a column: a word, or a whole value in a one-line column."""
    spec = block.columns[column]
    size = styles.cell.fontSize
    longest = max((width_of(w, styles.cell_bold.fontName, size) for w in spec.title.split()), default=0.0)
    whole = spec.numeric or spec.nowrap
    rows = [([row[column] for row in block.rows], styles.cell.fontName)]
    rows += [([block.total[column]], styles.cell_bold.fontName)] if block.total else []
    for cells, font in rows:  # each distinct piece measured once: a column repeats its words
        text = printable("\n".join(cells))
        pieces = set(text.split("\n") if whole else text.split())
        longest = max(longest, *(width_of(p, font, size) for p in pieces), 0.0)
    return longest


def figure_flowables(block: Figure, drawings: Drawings) -> list[Flowable]:
    """The figure and its caption, kept together and with a heading before them (reportlab keeps a
    heading with the next flowable only when that is not itself a KeepTogether)."""
    caption = f"Figure {block.number}: {block.caption}" if block.number else block.caption
    space, drawn = Spacer(0, 4), _Drawn(block.diagram, drawings)
    space.keepWithNext = drawn.keepWithNext = 1
    return [space, drawn, Paragraph(literal(caption), styles.figure_caption)]


class _Drawn(Flowable):
    """A figure, drawn when the layout first reaches it: a layout stopped early (the preview's first
    page) never draws the annexes' large maps, and a brief laid out twice draws each figure once."""

    def __init__(self, diagram: Diagram, drawings: Drawings):
        super().__init__()
        self.diagram, self.drawings = diagram, drawings
        self.hAlign = "CENTER"

    def _drawing(self) -> Drawing:
        key = id(self.diagram)
        if key not in self.drawings:
            self.drawings[key] = figure_drawing(self.diagram)
        return self.drawings[key]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._drawing().wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self._drawing().drawOn(self.canv, 0, 0)


def figure_drawing(diagram: Diagram) -> Drawing:
    """What the composition described, drawn as a vector figure the width of every brief figure."""
    match diagram:
        case SpheresDiagram(spheres, analysis, marks):
            return spheres_drawing(spheres, analysis, styles.FIGURE_WIDTH, marks)
        case ValueChainDiagram(analysis, currency):
            return value_chain_drawing(analysis, currency, styles.FIGURE_WIDTH)
        case EcosystemDiagram(actors, links, named):
            return ecosystem_drawing(actors, links, styles.FIGURE_WIDTH, named)
        case TheoryOfChangeDiagram():
            return theory_of_change_drawing(diagram, styles.FIGURE_WIDTH)
        case TrajectoryDiagram():
            return trajectory_drawing(diagram, styles.FIGURE_WIDTH)


def _indented(style: ParagraphStyle, extra: float) -> ParagraphStyle:
    if not extra:
        return style
    return ParagraphStyle(
        f"{style.name}+{extra:g}", style, leftIndent=style.leftIndent + extra, bulletIndent=style.bulletIndent + extra
    )
