"""The theory-of-change figure: five columns from rationale to impact, a card for each entry, and the
lines between them, as a reportlab vector drawing in the brief's fonts.

A card with a finding carries a drawn warning mark; a link whose assumption no evaluation tests is dashed
(and said in the findings beside the figure), so nothing is told by colour alone. A long column is cut
to its first cards with a line saying how many more there are.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import HexColor, white

from templates_reports.figures.label import fit_lines, label
from templates_reports.fonts import BOLD, FONT, printable, register_fonts
from workbench.briefs.blocks import TheoryOfChangeDiagram
from workbench.theory_of_change.chain import COLUMN_KEYS, Card

STANDALONE_WIDTH = 480.0
TITLES = ("Rationale", "Instruments", "Outputs", "Outcomes", "Impacts")
FILL = ("#f0e0f0", "#cfe8f7", "#c7eadf", "#fbe3b0", "#f6d0c0")
INK, MUTED, WARN = HexColor("#1a1a1a"), HexColor("#555555"), HexColor("#a1001c")
MOST = 10  # cards drawn per column
CARD_H, GAP, HEAD = 30.0, 8.0, 18.0
SIZE = 6.5


def theory_of_change_drawing(diagram: TheoryOfChangeDiagram, width: float = STANDALONE_WIDTH) -> Drawing:
    register_fonts()
    columns: dict[str, list[Card]] = {key: [] for key in COLUMN_KEYS}
    for card in diagram.cards:
        columns[card.column].append(card)
    rows = max((min(len(c), MOST) + (len(c) > MOST) for c in columns.values()), default=1) or 1
    height = HEAD + rows * (CARD_H + GAP) + 4
    d = Drawing(width, height, initialFontName=FONT)  # the default would pull in Helvetica, unembedded
    step = width / len(COLUMN_KEYS)
    card_w = step * 0.78
    where: dict[tuple[str, str], tuple[float, float]] = {}  # ref -> (left x, middle y)
    for n, key in enumerate(COLUMN_KEYS):
        x = n * step + (step - card_w) / 2
        d.add(
            String(
                x + card_w / 2, height - 11, TITLES[n], fontName=BOLD, fontSize=7.5, fillColor=INK, textAnchor="middle"
            )
        )
        cards = columns[key]
        for row, card in enumerate(cards[:MOST]):
            top = height - HEAD - row * (CARD_H + GAP)
            _card(d, card, x, top, card_w, FILL[n], card.ref in diagram.flagged)
            where[card.ref] = (x, top - CARD_H / 2)
        if len(cards) > MOST:
            top = height - HEAD - MOST * (CARD_H + GAP)
            d.add(
                String(
                    x + card_w / 2,
                    top - 10,
                    f"and {len(cards) - MOST} more",
                    fontName=FONT,
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


def _card(d: Drawing, card: Card, x: float, top: float, w: float, fill: str, flagged: bool) -> None:
    d.add(
        Rect(
            x,
            top - CARD_H,
            w,
            CARD_H,
            rx=3,
            ry=3,
            fillColor=HexColor(fill),
            strokeColor=WARN if flagged else MUTED,
            strokeWidth=1.0 if flagged else 0.5,
        )
    )
    room = w - (14 if flagged else 6)
    lines, size = _lines(printable(card.title), room)
    for k, text in enumerate(lines):
        for piece in label(x + 3, top - 9 - k * (size + 1.5), text, FONT, size, fillColor=INK):
            d.add(piece)
    if flagged:
        _warning(d, x + w - 10, top - 10)


def _lines(text: str, room: float, most: int = 3) -> tuple[list[str], float]:
    """A card's title within the card: a little smaller if it needs more than `most` lines, never cut off."""
    return fit_lines(text, FONT, SIZE, room, most, SIZE - 1.5)


def _arrow(d: Drawing, x0: float, y0: float, x1: float, y1: float, dashed: bool) -> None:
    colour = WARN if dashed else MUTED
    d.add(Line(x0, y0, x1 - 4, y1, strokeColor=colour, strokeWidth=0.7, strokeDashArray=[2, 2] if dashed else None))
    d.add(Polygon([x1, y1, x1 - 5, y1 + 2.5, x1 - 5, y1 - 2.5], fillColor=colour, strokeColor=colour, strokeWidth=0.3))


def _warning(d: Drawing, x: float, y: float, size: float = 7.0) -> None:
    d.add(Polygon([x, y, x + size, y, x + size / 2, y + size * 0.9], fillColor=WARN, strokeColor=WARN))
    d.add(String(x + size / 2, y + 1, "!", fontName=BOLD, fontSize=size * 0.7, fillColor=white, textAnchor="middle"))
