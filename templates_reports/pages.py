"""What every page carries: the protective marking centred at top and bottom, page N of M, version and
date, and on a draft the word DRAFT across the page and beside the marking at the top.

"N of M" needs the page count, known only at the end, so the canvas keeps each page until the
document is finished and then draws the furniture (and the contents list's page numbers) on all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from templates_reports import styles
from templates_reports.contents import Entry, define_contents, link_contents
from templates_reports.fonts import BOLD, FONT, draw_text

MARKING_SIZE = 10
FOOTER_SIZE = 8
DRAFT = "DRAFT"
WATERMARK_SIZE = 110
WATERMARK_ALPHA = 0.16  # the text reads through it, and it survives a photocopy


@dataclass(frozen=True)
class PageFurniture:
    marking: str
    footer: str  # left of the footer rule, e.g. "Submission · Version 0.3 · 5 March 2026"
    fixed_date: dt.date | None = None  # the PDF creation date, for reproducible output
    contents: tuple[Entry, ...] = ()  # filled in as headings are placed; drawn at the end
    draft: bool = False
    font: str = FONT  # the template's face (pdf.layout passes it), regular and bold
    bold: str = BOLD

    def canvas_class(self) -> type[Canvas]:
        furniture = self

        class FurnishedCanvas(Canvas):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._kept: list[tuple[dict, list]] = []
                self._marks: list[tuple[tuple, dict]] = []
                self.emitting: int | None = None  # the page being finished at save time
                if furniture.fixed_date is not None:
                    stamp = furniture.fixed_date.strftime("D:%Y%m%d000000+00'00'")
                    self.setDateFormatter(lambda *_: stamp)

            def bookmarkPage(self, *args, **kwargs):
                """Held back with its page: a bookmark names the page it is set on, emitted only at save."""
                self._marks.append((args, kwargs))

            def showPage(self):
                self._kept.append((dict(self.__dict__), self._marks))
                self._marks = []
                self.__dict__.pop("contents_box", None)
                self._startPage()

            def save(self):
                total = len(self._kept)
                boxes = [state["contents_box"] for state, _ in self._kept if "contents_box" in state]
                if boxes:
                    define_contents(self, list(furniture.contents), boxes[0][2], furniture.font)
                for number, (state, marks) in enumerate(self._kept, start=1):
                    self.__dict__.update(state)
                    self.emitting = number
                    for args, kwargs in marks:
                        super().bookmarkPage(*args, **kwargs)
                    if "contents_box" in state:
                        link_contents(self, list(furniture.contents), state["contents_box"])
                    furniture.draw(self, number, total)
                    super().showPage()
                super().save()

        return FurnishedCanvas

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(styles.INK)
        draw_text(canvas, width / 2, height - 12 * mm, self.marking, self.bold, MARKING_SIZE, "middle")
        draw_text(canvas, width / 2, 8 * mm, self.marking, self.bold, MARKING_SIZE, "middle")
        if self.draft:
            canvas.setFont(self.bold, MARKING_SIZE)
            canvas.drawRightString(width - styles.MARGIN_X, height - 12 * mm, DRAFT)
            self.watermark(canvas, width, height, self.bold)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(styles.MARGIN_X, 18.5 * mm, width - styles.MARGIN_X, 18.5 * mm)
        canvas.setFillColor(styles.QUIET)
        draw_text(canvas, styles.MARGIN_X, 15 * mm, self.footer, self.font, FOOTER_SIZE)
        canvas.setFont(self.font, FOOTER_SIZE)
        canvas.drawRightString(width - styles.MARGIN_X, 15 * mm, f"Page {number} of {total}")
        canvas.restoreState()

    @staticmethod
    def watermark(canvas: Canvas, width: float, height: float, font: str = BOLD) -> None:
        """DRAFT across the middle of the page in see-through grey over the text (a draft must not pass
        for final); level, so the window's preview of page 1 draws it as the PDF does."""
        canvas.saveState()
        canvas.setFillColor(Color(0.4, 0.4, 0.4, alpha=WATERMARK_ALPHA))
        canvas.setFont(font, WATERMARK_SIZE)
        canvas.drawCentredString(width / 2, height / 2 - WATERMARK_SIZE / 3, DRAFT)
        canvas.restoreState()
