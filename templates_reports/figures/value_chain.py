"""The value-chain coverage figure, for briefs and as a file of its own: budget per stage split by
value role, instrument counts and flags under each stage, the prototype-to-production stretch named,
and the TRL and MRL levels with the number of instruments supporting each.

A reportlab Drawing built from the value-chain analysis alone (vector: prints sharp, its words can be
found in a PDF), in the brief's fonts. Every warning is said in words and drawn with a mark, never
by colour alone.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.figures.label import fit_lines, label, label_width, wrap_lines
from templates_reports.fonts import figure_bold, figure_font, printable, register_fonts
from workbench.errors import WorkbenchError
from workbench.money.currency import format_money
from workbench.value_chain.analysis import StageCoverage, ValueChainAnalysis

STANDALONE_WIDTH = 480.0  # points, as a file of its own; a brief passes its figure width
INK = HexColor("#1a1a1a")
MUTED = HexColor("#555555")
WARN = HexColor("#a1001c")
ROLES = (  # stacked bottom to top; hues as on the canvas (Okabe-Ito), and a hatching each, as on the chart
    ("creation", "creates value", HexColor("#56b4e9")),
    ("both", "creates and captures", HexColor("#009e73")),
    ("capture", "captures value", HexColor("#e69f00")),
)
HATCH = {"both": 1, "capture": -1}  # "/" and "\\" lines: the roles stay apart in grey and in black and white
HATCH_STEP = 3.5  # points between hatching lines
FIGURE_FORMATS = {"pdf": "PDF figure (*.pdf)", "svg": "SVG figure (*.svg)"}
CHART_H = 120.0
LEFT = 34.0
NAME_SIZE, NAME_SMALLEST, NAME_LINES = 6.8, 5.8, 3  # a stage's name under its bar: size, least size, lines
KEY_LEAD, KEY_GAP = 9.0, "   "  # the numbered key of stages whose names do not fit under their bars


def value_chain_drawing(a: ValueChainAnalysis, currency: str, width: float = STANDALONE_WIDTH) -> Drawing:
    register_fonts()
    n = max(len(a.stages), 1)
    col = (width - LEFT) / n
    names = _Names(a, col, width)
    readiness_h, top_h = 64.0, 40.0
    height = top_h + CHART_H + names.height + readiness_h
    d = Drawing(width, height)
    pen = _Pen(d)
    base = readiness_h + names.height  # the chart's baseline
    _legend(pen, width, height - 12)
    top = max((s.budget for s in a.stages), default=0.0) or 1.0
    pen.text(2, base + CHART_H + 2, "Net cost", 6.5, MUTED)
    d.add(Line(LEFT - 2, base, width, base, strokeColor=MUTED, strokeWidth=0.6))
    for s in a.stages:
        x = LEFT + s.index * col
        _stage_bar(pen, s, x, col, base, CHART_H / top, currency)
        names.draw(pen, s, x, base)
    names.draw_key(pen, base)
    _valley(pen, a, col, base + CHART_H + 8, width)
    _readiness(pen, a, width, readiness_h)
    return d


def save_drawing(drawing: Drawing, path: Path) -> Path:
    """Write a drawing as PDF or SVG, by the file's suffix."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FIGURE_FORMATS:
        raise WorkbenchError(f"Cannot write a figure as {path.suffix or 'a file without extension'}; use .pdf or .svg.")
    try:
        if kind == "pdf":
            renderPDF.drawToFile(drawing, str(path), autoSize=1)
        else:
            renderSVG.drawToFile(drawing, str(path))
    except OSError as err:
        raise WorkbenchError(f"Could not write {path}.", str(err)) from err
    return path


class _Pen:
    """Text and marks on one drawing, in the brief's fonts."""

    def __init__(self, drawing: Drawing):
        self.d, self.font, self.bold = drawing, figure_font(), figure_bold()

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        colour: Color,
        *,
        strong: bool = False,
        anchor: str = "start",
    ) -> None:
        face = self.bold if strong else self.font
        for piece in label(x, y, printable(text), face, size, anchor, fillColor=colour):
            self.d.add(piece)

    def warning(self, x: float, y: float, size: float = 7.0) -> None:
        """A warning triangle with '!' (drawn, so it needs no glyph in the font)."""
        self.d.add(Polygon([x, y, x + size, y, x + size / 2, y + size * 0.9], fillColor=WARN, strokeColor=WARN))
        self.text(x + size / 2, y + 1, "!", size * 0.7, white, strong=True, anchor="middle")


def _legend(pen: _Pen, width: float, y: float) -> None:
    x = LEFT
    pen.text(x, y, "Net cost per stage, by value role:", 7, INK, strong=True)
    x += stringWidth("Net cost per stage, by value role:", pen.bold, 7) + 8
    for key, words, colour in ROLES:
        pen.d.add(Rect(x, y - 1, 8, 8, fillColor=colour, strokeColor=INK, strokeWidth=0.4))
        _hatch(pen, key, x, y - 1, 8, 8)
        pen.text(x + 11, y, words, 7, INK)
        x += 11 + stringWidth(words, pen.font, 7) + 10


def _stage_bar(pen: _Pen, s: StageCoverage, x: float, col: float, base: float, scale: float, currency: str) -> None:
    bar_w = col * 0.56
    left = x + (col - bar_w) / 2
    y = base
    for key, _words, colour in ROLES:
        h = s.roles[key].budget * scale
        if h > 0:
            pen.d.add(Rect(left, y, bar_w, h, fillColor=colour, strokeColor=INK, strokeWidth=0.4))
            _hatch(pen, key, left, y, bar_w, h)
            y += h
    if s.budget:
        money = format_money(s.budget, currency)
        size = 7.0
        while size > 5.5 and label_width(money, pen.font, size) > col - 2:
            size -= 0.5
        pen.text(x + col / 2, y + 2, money, size, INK, anchor="middle")


def _hatch(pen: _Pen, key: str, x: float, y: float, w: float, h: float) -> None:
    """The role's hatching inside a box: lines rising ("/") or falling ("\\"), none for the plain role."""
    slope = HATCH.get(key)
    if slope is None:
        return
    b = -w - h
    while b <= w + h:  # each line y' = slope * x' + b, in the box's own coordinates
        low, high = (max(0.0, -b), min(w, h - b)) if slope > 0 else (max(0.0, b - h), min(w, b))
        if low < high:
            ends = (x + low, y + slope * low + b, x + high, y + slope * high + b)
            pen.d.add(Line(*ends, strokeColor=INK, strokeWidth=0.35))
        b += HATCH_STEP


class _Names:
    """The stages' names under the bars, each wrapped within its column; where one does not fit (its
    longest word, or more than NAME_LINES lines), every stage is numbered under its bar and named in a
    key below. Under the names, the instruments at each stage: in words where they fit, else the number
    (the caption says what it counts)."""

    def __init__(self, a: ValueChainAnalysis, col: float, width: float):
        self.a, self.col, self.width = a, col, width
        room = col - 4
        self.lines: dict[str, list[str]] = {}
        self.size = NAME_SIZE
        keyed = False
        for s in a.stages:
            name = printable(s.stage.name)
            lines, size = fit_lines(name, figure_bold(), NAME_SIZE, room, NAME_LINES, NAME_SMALLEST)
            longest = max((label_width(w, figure_bold(), size) for w in name.split()), default=0.0)
            keyed = keyed or len(lines) > NAME_LINES or longest > room
            self.lines[s.stage.id], self.size = lines, min(self.size, size)
        self.key: list[str] = []
        if keyed:
            self.lines = {s.stage.id: [str(s.index + 1)] for s in a.stages}
            self.size = NAME_SIZE
            entries = [f"{s.index + 1} {printable(s.stage.name)}" for s in a.stages]
            self.key = _key_lines(entries, width - 4, NAME_SIZE)
        rows = max((len(lines) for lines in self.lines.values()), default=1)
        self.counts_at = 9 + rows * (self.size + 1.5) + 2  # below the baseline
        self.height = self.counts_at + 10 + (len(self.key) * KEY_LEAD + 4 if self.key else 0)

    def draw(self, pen: _Pen, s: StageCoverage, x: float, base: float) -> None:
        for k, line in enumerate(self.lines[s.stage.id]):
            pen.text(
                x + self.col / 2, base - 9 - k * (self.size + 1.5), line, self.size, INK, strong=True, anchor="middle"
            )
        thin = s.stage.id in self.a.valley.stage_ids and self.a.valley.status == "thin" and s.count == 1
        y = base - self.counts_at
        if not s.count or thin:
            words = "no instrument" if not s.count else "only one"
            if label_width(words, pen.bold, NAME_SIZE) + 9 > self.col - 2:
                words = str(s.count)
            w = label_width(words, pen.bold, NAME_SIZE) + 9
            pen.warning(x + (self.col - w) / 2, y - 0.5)
            pen.text(x + (self.col - w) / 2 + 9, y, words, NAME_SIZE, WARN, strong=True)
            return
        words = f"{s.count} instrument{'s' if s.count != 1 else ''}"
        if label_width(words, pen.font, NAME_SIZE) > self.col - 2:
            words = str(s.count)
        pen.text(x + self.col / 2, y, words, NAME_SIZE, MUTED, anchor="middle")

    def draw_key(self, pen: _Pen, base: float) -> None:
        top = base - self.counts_at - 14
        for k, line in enumerate(self.key):
            pen.text(2, top - k * KEY_LEAD, line, NAME_SIZE, INK)


def _key_lines(entries: list[str], room: float, size: float) -> list[str]:
    """The numbered stages as lines of the key, an entry split between lines only if it is wider than one."""
    lines: list[str] = []
    for entry in entries:
        trial = f"{lines[-1]}{KEY_GAP}{entry}" if lines else entry
        if lines and label_width(trial, figure_font(), size) <= room:
            lines[-1] = trial
        else:
            lines += wrap_lines(entry, figure_font(), size, room)
    return lines


def _valley(pen: _Pen, a: ValueChainAnalysis, col: float, y: float, width: float) -> None:
    index = {s.stage.id: s.index for s in a.stages}
    spots = [index[i] for i in a.valley.stage_ids if i in index]
    if not spots or a.valley.status not in ("gap", "thin"):
        return
    x0, x1 = LEFT + min(spots) * col + 4, LEFT + (max(spots) + 1) * col - 4
    for x in (x0, x1):
        pen.d.add(Line(x, y, x, y + 5, strokeColor=WARN, strokeWidth=1))
    pen.d.add(Line(x0, y + 5, x1, y + 5, strokeColor=WARN, strokeWidth=1))
    words = "Valley of death: prototype to production"
    w = 10 + label_width(words, pen.bold, 6.8)
    left = min(max((x0 + x1) / 2 - w / 2, 0.0), width - w)  # over the bracket, within the figure
    pen.warning(left, y + 8)
    pen.text(left + 10, y + 9, words, 6.8, WARN, strong=True)


def _readiness(pen: _Pen, a: ValueChainAnalysis, width: float, height: float) -> None:
    pen.text(
        2,
        height - 10,
        "Readiness levels (small number) and the instruments supporting each (large number):",
        7,
        INK,
        strong=True,
    )
    for row, (scale, counts) in enumerate((("TRL", a.trl_counts), ("MRL", a.mrl_counts))):
        y = height - 34 - row * 24
        pen.text(2, y + 6, scale, 7.5, INK, strong=True)
        box = min(30.0, (width - LEFT - 4) / len(counts))
        for n, count in enumerate(counts):
            x = LEFT + n * box
            missing = count == 0
            pen.d.add(
                Rect(
                    x,
                    y,
                    box - 3,
                    18,
                    fillColor=HexColor("#fff0f0") if missing else HexColor("#eef4fa"),
                    strokeColor=WARN if missing else MUTED,
                    strokeWidth=1.4 if missing else 0.5,
                )
            )
            if missing:
                pen.d.add(Line(x, y, x + box - 3, y + 18, strokeColor=WARN, strokeWidth=0.6))
            pen.text(x + (box - 3) / 2, y + 10.5, str(n + 1), 5.5, MUTED, anchor="middle")
            pen.text(
                x + (box - 3) / 2, y + 2.5, str(count), 7, WARN if missing else INK, strong=missing, anchor="middle"
            )
        gaps = a.uncovered_trl if scale == "TRL" else a.uncovered_mrl
        note = "every level covered" if not gaps else "not supported: " + ", ".join(map(str, gaps))
        face = pen.bold if gaps else pen.font
        lines, size = fit_lines(note, face, 6.8, width - LEFT - len(counts) * box - 8, 2, 5.5)
        for k, line in enumerate(lines):
            line_y = y + 6 + (len(lines) - 1) * (size + 1) / 2 - k * (size + 1)
            pen.text(LEFT + len(counts) * box + 6, line_y, line, size, WARN if gaps else MUTED, strong=bool(gaps))
