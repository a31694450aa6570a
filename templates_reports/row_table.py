"""A brief's table as one flowable that measures each row once and breaks between pages by slicing rows.

reportlab's Table measured every remaining row again at each page break (a 1,500-row annex over forty
pages measured some thirty thousand rows) and laid each wrapped cell out as a Paragraph, parsing it as
markup: four fifths of a large brief's layout. A brief's cells are plain text, so here they are wrapped
once, word by word with widths remembered, and drawn as lines of one text object per page.

What a page break does is unchanged: a table breaks between rows, the header row repeated; inside a row
only when no whole row fits and the page leaves a third of its height (a row taller than a page could not
be printed otherwise); and one row is never left alone under the header at the foot of a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from templates_reports import styles
from templates_reports.fonts import covered, runs

PAD_TOP, PAD_BOTTOM, PAD_X = 3.0, 4.0, 4.0
IN_ROW_FROM = 240.0  # points of room (a third of a page): a row that does not fit in this much is split inside
RULE_WIDTH, INK_WIDTH = 0.4, 0.8
_BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")  # white space a line may break at: not a no-break space


@lru_cache(maxsize=1 << 16)
def width_of(text: str, font: str, size: float) -> float:
    """The printed width of `text`, each character in the font that draws it (remembered: words repeat)."""
    if covered(text):
        return stringWidth(text, font, size)
    return sum(stringWidth(piece, face, size) for face, piece in runs(text, font))


@lru_cache(maxsize=1 << 14)
def wrapped(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """`text` in lines no wider than `width`, broken between words (a word wider than a line is broken
    between characters); a line break in the text stays one, and a no-break space joins. Runs of spaces
    print as one, as in a paragraph. Remembered: cells repeat (two in three of a large brief's)."""
    space = width_of(" ", font, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in _BREAKS.split(paragraph):
            if not word:
                continue
            w = width_of(word, font, size)
            if line and used + space + w <= width:
                line.append(word)
                used += space + w
                continue
            if line:
                lines.append(" ".join(line))
            if w > width:
                *whole, word = _broken(word, font, size, width)
                lines += whole
                w = width_of(word, font, size)
            line, used = [word], w
        lines.append(" ".join(line))
    return tuple(lines)


def _broken(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, start = [], 0
    for end in range(1, len(word) + 1):
        if end - start > 1 and width_of(word[start:end], font, size) > width:
            pieces.append(word[start : end - 1])
            start = end - 1
    return [*pieces, word[start:]]


@dataclass(frozen=True)
class Row:
    """One row as printed: each cell's lines, and the row's height at `leading` points a line (measured
    once: a page break only adds up heights); `bold` for the header and the total."""

    cells: tuple[tuple[str, ...], ...]
    bold: bool
    leading: float
    height: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "height", self.lines * self.leading + PAD_TOP + PAD_BOTTOM)

    @property
    def lines(self) -> int:
        return max(len(c) for c in self.cells)

    def cut(self, lines: int) -> tuple[Row, Row]:
        """The row's first `lines` lines, and what is left of it for the next page."""
        head = Row(tuple(c[:lines] for c in self.cells), self.bold, self.leading)
        return head, Row(tuple(c[lines:] for c in self.cells), self.bold, self.leading)


class RowTable(Flowable):
    """A header row, body rows and perhaps a total row, in columns of fixed widths, `right` aligned where
    the column holds numbers."""

    def __init__(
        self,
        header: Row,
        body: Sequence[Row],
        total: Row | None,
        widths: Sequence[float],
        right: Sequence[bool],
        height: float | None = None,
    ):
        """`height`: the rows' heights added up, when a part's is known from the table it was cut from
        (adding up what is left of a long table at every page break made its layout quadratic)."""
        super().__init__()
        self.header, self.body, self.total = header, list(body), total
        self.widths, self.right = list(widths), list(right)
        self.width = sum(self.widths)
        self.height = sum(r.height for r in self.rows) if height is None else height
        self.font, self.bold_font = styles.cell.fontName, styles.cell_bold.fontName
        self.size, self.leading = styles.cell.fontSize, styles.cell.leading
        self.hAlign = "LEFT"

    @classmethod
    def of(cls, header: Sequence[str], body: Sequence[Sequence[str]], total: Sequence[str] | None,
           widths: Sequence[float], right: Sequence[bool]) -> RowTable:  # fmt: skip
        """The table of these cell texts, wrapped to their columns."""
        size, leading = styles.cell.fontSize, styles.cell.leading
        room = [w - 2 * PAD_X for w in widths]

        def row(values: Sequence[str], font: str, bold: bool) -> Row:
            return Row(tuple(wrapped(v, font, size, r) for v, r in zip(values, room, strict=True)), bold, leading)

        regular, bold = styles.cell.fontName, styles.cell_bold.fontName
        return cls(
            row(header, bold, True),
            [row(values, regular, False) for values in body],
            row(total, bold, True) if total is not None else None,
            widths,
            right,
        )

    @property
    def rows(self) -> list[Row]:
        return [self.header, *self.body, *([self.total] if self.total else [])]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        rows = self.rows[1:]
        used, fits = self.header.height, 0
        for row in rows:
            if used + row.height > availHeight:
                break
            used += row.height
            fits += 1
        if fits == len(rows):
            return [self]
        if fits == 0:
            lines = int((availHeight - used - PAD_TOP - PAD_BOTTOM) // self.leading)
            if availHeight < IN_ROW_FROM or lines < 1 or not self.body:
                return []
            head, rest = self.body[0].cut(lines)
            left = self.height - self.body[0].height + rest.height
            return [self._part([head], None, used + head.height), self._part([rest, *self.body[1:]], self.total, left)]
        if fits == 1 and len(rows) > 2:
            return []  # one row alone under the header: the table goes on overleaf
        body_fits = min(fits, len(self.body))
        left = self.height - (used - self.header.height)
        return [self._part(self.body[:body_fits], None, used), self._part(self.body[body_fits:], self.total, left)]

    def _part(self, body: list[Row], total: Row | None, height: float) -> RowTable:
        return RowTable(self.header, body, total, self.widths, self.right, height)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        heights = [r.height for r in self.rows]
        top = self.height
        canvas.setFillColor(styles.SHADE)
        canvas.rect(0, top - heights[0], self.width, heights[0], stroke=0, fill=1)
        text = canvas.beginText()  # the canvas's own: the preview's records where each line lands
        text.setFillColor(styles.INK)
        y = top
        for row, height in zip(self.rows, heights, strict=True):
            self._draw_row(text, row, y)
            y -= height
        canvas.drawText(text)
        self._draw_rules(heights)
        canvas.restoreState()

    def _draw_row(self, text, row: Row, top: float) -> None:
        font = self.bold_font if row.bold else self.font
        text.setFont(font, self.size, self.leading)
        x = 0.0
        for cell, width, right in zip(row.cells, self.widths, self.right, strict=True):
            y = top - PAD_TOP - self.size
            for line in cell:
                start = x + width - PAD_X - width_of(line, font, self.size) if right else x + PAD_X
                text.setTextOrigin(start, y)
                if covered(line):
                    text._textOut(line)  # at the origin just set: no width worked out to move the cursor
                else:
                    for face, piece in runs(line, font):
                        text.setFont(face, self.size, self.leading)
                        text.textOut(piece)
                    text.setFont(font, self.size, self.leading)
                y -= self.leading
            x += width

    def _draw_rules(self, heights: list[float]) -> None:
        """A fine rule below every body row; a strong one below the header and above a total."""
        y = self.height - heights[0]
        below = []
        for height in heights[1:]:
            y -= height
            below.append(y)
        self._stroke(below, styles.RULE, RULE_WIDTH)
        self._stroke([self.height - heights[0]] + ([heights[-1]] if self.total else []), styles.INK, INK_WIDTH)

    def _stroke(self, heights: list[float], colour, width: float) -> None:
        """Rules across the table at these heights, as one path (the preview replays paths)."""
        if not heights:
            return
        canvas = self.canv
        path = canvas.beginPath()
        for y in heights:
            path.moveTo(0, y)
            path.lineTo(self.width, y)
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(width)
        canvas.drawPath(path, stroke=1, fill=0)
