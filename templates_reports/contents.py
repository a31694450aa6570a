"""The contents list, filled in when the document is finished.

Its size is known up front (one line per section), so during layout the flowable only places a
form XObject named FORM; the page-deferring canvas (pages.py) defines that form once every heading
has been placed and adds the links. One layout pass is enough (reportlab's TableOfContents needs
two or more), and the list still sits in reading order in the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from templates_reports import styles
from templates_reports.fonts import FONT, printable

FORM = "contents"
LEADING = 15
SIZE = 10


@dataclass
class Entry:
    title: str
    key: str  # the bookmark it links to
    page: int = 0  # set when the heading is placed


class ContentsList(Flowable):
    def __init__(self, entries: list[Entry]):
        super().__init__()
        self.entries = entries

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, LEADING * len(self.entries)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(FORM)
        x, y = self.canv.absolutePosition(0, 0)
        self.canv.contents_box = (x, y, self.width, self.height)  # kept with this page's state (see pages.py)


def define_contents(canvas: Canvas, entries: list[Entry], width: float, font: str = FONT) -> None:
    """The form: titles, dot leaders and page numbers, top line first, in the template's `font`."""
    height = LEADING * len(entries)
    canvas.beginForm(FORM, 0, 0, width, height)
    canvas.setFont(font, SIZE)
    canvas.setFillColor(styles.INK)
    dot = stringWidth(" .", font, SIZE)
    for n, entry in enumerate(entries):
        y = height - (n + 1) * LEADING + 4
        title, number = printable(entry.title), str(entry.page)
        number_width = stringWidth(number, font, SIZE)
        leader = " ." * int((width - stringWidth(title, font, SIZE) - number_width - 2 * dot) / dot)
        canvas.drawString(0, y, title)
        canvas.drawRightString(width - number_width - dot, y, leader)
        canvas.drawRightString(width, y, number)
    canvas.endForm()


def link_contents(canvas: Canvas, entries: list[Entry], box: tuple[float, float, float, float]) -> None:
    """Each line of the list a link to its section (links belong to the page, not the form)."""
    x, y, width, height = box
    for n, entry in enumerate(entries):
        top = y + height - n * LEADING
        canvas.linkRect("", entry.key, (x, top - LEADING, x + width, top), relative=0)
