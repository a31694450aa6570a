"""The theory-of-change figure: five columns from rationale to impact, a card for each entry, and the
lines between them, as a reportlab vector drawing in the brief's fonts.

A card with a finding carries a drawn warning mark; a link whose assumption no evaluation tests is dashed
(and said in the findings beside the figure), so nothing is told by colour alone. A card is as tall as its
title needs (never cut short); a long column is cut to its first cards with a line saying how many more
there are.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import HexColor, white

from templates_reports.figures.label import fit_lines, label
from templates_reports.fonts import figure_bold, figure_font, printable, register_fonts
from workbench.briefs.blocks import TheoryOfChangeDiagram
from workbench.theory_of_change.chain import COLUMN_KEYS, COLUMN_TITLES, DRAWN_PER_COLUMN, Card

STANDALONE_WIDTH = 480.0
FILL = ("#f0e0f0", "#cfe8f7", "#c7eadf", "#fbe3b0", "#f6d0c0")
INK, MUTED, WARN = HexColor("#1a1a1a"), HexColor("#555555"), HexColor("#a1001c")
MOST = DRAWN_PER_COLUMN
CARD_H, GAP, HEAD = 30.0, 8.0, 18.0  # a card's least height, the room between cards, the titles' band
SIZE, SMALLEST, LEAD = 7.5, 7.0, 1.5  # a title's size, the least it shrinks to before taking more lines
LINES = 4  # a title's most lines
PAD = 5.0  # above the first line's top and below the last line of a card
MORE_H = 14.0  # the "and 4 more" line under a cut column


def theory_of_change_drawing(diagram: TheoryOfChangeDiagram, width: float = STANDALONE_WIDTH) -> Drawing:
    register_fonts()
    columns: dict[str, list[Card]] = {key: [] for key in COLUMN_KEYS}
    for card in diagram.cards:
        columns[card.column].append(card)
    step = width / len(COLUMN_KEYS)
    card_w = step * 0.78
    texts = {key: [_Text(c, card_w, c.ref in diagram.flagged) for c in cards[:MOST]] for key, cards in columns.items()}
    tallest = max(
        (
            sum(t.height + GAP for t in column) + (MORE_H if len(columns[key]) > MOST else 0)
            for key, column in texts.items()
        ),
        default=0.0,
    )
    height = HEAD + max(tallest, CARD_H + GAP) + 4
    d = Drawing(width, height, initialFontName=figure_font())  # the default would pull in Helvetica, unembedded
    where: dict[tuple[str, str], tuple[float, float]] = {}  # ref -> (left x, middle y)
    for n, title in enumerate(COLUMN_TITLES.values()):
        d.add(
            String(
                (n + 0.5) * step,
                height - 11,
                title,
                fontName=figure_bold(),
                fontSize=7.5,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    for n, key in enumerate(COLUMN_KEYS):
        x = n * step + (step - card_w) / 2
        top = height - HEAD
        for text in texts[key]:
            _card(d, text, x, top, card_w, FILL[n])
            where[text.card.ref] = (x, top - text.height / 2)
            top -= text.height + GAP
        if len(columns[key]) > MOST:
            d.add(
                String(
                    x + card_w / 2,
                    top - 10,
                    f"and {len(columns[key]) - MOST} more",
                    fontName=figure_font(),
                    fontSize=SIZE,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
    for line in diagram.lines:
        if line.start in where and line.end in where:
            (x0, y0), (x1, y1) = where[line.start], where[line.end]
            dashed = line.key in diagram.flagged
            _arrow(d, x0 + card_w, y0, x1, y1, dashed)
    return d


class _Text:
    """A card's title wrapped to the card's width, and the card's height: as tall as its lines need."""

    def __init__(self, card: Card, width: float, flagged: bool):
        self.card, self.flagged = card, flagged
        self.lines, self.size = fit_lines(
            printable(card.title), figure_font(), SIZE, width - (14 if flagged else 6), LINES, SMALLEST
        )
        self.height = max(CARD_H, PAD + len(self.lines) * (self.size + LEAD))


def _card(d: Drawing, text: _Text, x: float, top: float, w: float, fill: str) -> None:
    d.add(
        Rect(
            x,
            top - text.height,
            w,
            text.height,
            rx=3,
            ry=3,
            fillColor=HexColor(fill),
            strokeColor=WARN if text.flagged else MUTED,
            strokeWidth=1.0 if text.flagged else 0.5,
        )
    )
    for k, line in enumerate(text.lines):
        baseline = top - PAD - 0.8 * text.size - k * (text.size + LEAD)  # cap height below the padding
        for piece in label(x + 3, baseline, line, figure_font(), text.size, fillColor=INK):
            d.add(piece)
    if text.flagged:
        _warning(d, x + w - 10, top - 10)


def _arrow(d: Drawing, x0: float, y0: float, x1: float, y1: float, dashed: bool) -> None:
    colour = WARN if dashed else MUTED
    d.add(Line(x0, y0, x1 - 4, y1, strokeColor=colour, strokeWidth=0.7, strokeDashArray=[2, 2] if dashed else None))
    d.add(Polygon([x1, y1, x1 - 5, y1 + 2.5, x1 - 5, y1 - 2.5], fillColor=colour, strokeColor=colour, strokeWidth=0.3))


def _warning(d: Drawing, x: float, y: float, size: float = 7.0) -> None:
    d.add(Polygon([x, y, x + size, y, x + size / 2, y + size * 0.9], fillColor=WARN, strokeColor=WARN))
    mark = String(x + size / 2, y + 1, "!", fontName=figure_bold(), fontSize=size * 0.7, fillColor=white)
    mark.textAnchor = "middle"
    d.add(mark)
