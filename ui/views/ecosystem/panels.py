"""The panels beside the map: a legend that is always shown, and the findings in plain words."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from ui import theme
from ui.markup import escape
from ui.views.ecosystem.items import end_marker
from ui.views.ecosystem.links import Look
from ui.views.ecosystem.style import actor_shape
from workbench.ecosystem.entities import ActorType, LinkType
from workbench.ecosystem.style import ACTOR_STYLES, LINK_STYLES
from workbench.words import count

if TYPE_CHECKING:
    from workbench.ecosystem.analysis import EcosystemAnalysis  # (it loads the graph libraries)

ROW = 17
TEXT_X = 34  # pixels: an actor type's words, right of its shape
LINK_X = 40  # pixels: a link type's words, right of its sample line
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
WARN = QColor("#a1001c")


class Legend(QWidget):
    """Every actor type (shape, colour, code) and link type (colour, pattern, end mark), drawn with the
    same code as the map so the two always agree; a long name wraps rather than being cut."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ecosystemLegend")
        self.setAccessibleName("Legend of actor and link types")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            "Shape, code and colour show an actor's type; pattern, end mark and colour show a link's type. "
            "Hollow links are informal; thicker links weigh more."
        )
        # Where the words stand at each width: the layouts of the window ask the legend's height hundreds
        # of times as a section shows or an analysis lands, and only the width or the font changes it.
        self._placed: dict[int, list[tuple[str, QRectF]]] = {}

    def sizeHint(self) -> QSize:
        return QSize(220, self.height_for(self.width() if self.width() > 0 else 220))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        """Long type names wrap onto more lines, so the legend is as tall as its width needs."""
        height = self.height_for(self.width())
        if self.minimumHeight() != height:
            self.setFixedHeight(height)
        super().resizeEvent(event)

    def _row(self, text: str, width: float) -> QRectF:
        """The room `text` takes wrapped at `width`: a row, or more where the words need more lines."""
        drawn = self.fontMetrics().boundingRect(QRect(0, 0, max(int(width), 1), 10_000), WRAP, text)
        return QRectF(0, 0, width, max(ROW, drawn.height() + 2))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._placed.clear()
        super().changeEvent(event)

    def entries(self, width: int) -> list[tuple[str, QRectF]]:
        """Each type's words and where they stand at `width`: actors one a row, links two a row."""
        placed = self._placed.get(width)
        if placed is None:
            placed = self._placed[width] = self._place(width)
        return placed

    def _place(self, width: int) -> list[tuple[str, QRectF]]:
        placed = []
        y = 4.0 + ROW
        for kind, style in ACTOR_STYLES.items():
            text = f"{style.code}  {ActorType(kind).label}"
            placed.append((text, self._row(text, width - TEXT_X - 4).translated(TEXT_X, y)))
            y = placed[-1][1].bottom()
        y += ROW
        half = width / 2
        labels = [LinkType(kind).label for kind in LINK_STYLES]
        for n in range(0, len(labels), 2):
            pair = [(labels[m], self._row(labels[m], half - LINK_X)) for m in range(n, min(n + 2, len(labels)))]
            tall = max(room.height() for _, room in pair)
            for m, (text, room) in enumerate(pair):
                placed.append((text, QRectF(m * half + LINK_X, y, room.width(), tall)))
            y += tall
        return placed

    def height_for(self, width: int) -> int:
        return round(self.entries(width)[-1][1].bottom() + 2 * ROW + 8)  # with the formal and dashed rows

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme.ink(self)
        painter.setPen(QPen(c.ink))
        bold = QFont(self.font())
        bold.setBold(True)
        entries = self.entries(self.width())
        painter.setFont(bold)
        painter.drawText(QRectF(4, 4, self.width(), ROW), Qt.AlignmentFlag.AlignVCenter, "Actors")
        painter.setFont(self.font())
        for style, (text, room) in zip(ACTOR_STYLES.values(), entries, strict=False):
            painter.setPen(QPen(c.ink, 1))
            painter.setBrush(QBrush(c.actor or QColor(style.colour)))
            painter.save()
            painter.translate(16, room.top() + ROW / 2)
            painter.drawPath(actor_shape(style.shape, 6.0))
            painter.restore()
            painter.drawText(room, WRAP, text)
        links = entries[len(ACTOR_STYLES) :]
        y = links[0][1].top() - ROW if links else 4.0 + ROW
        painter.setFont(bold)
        painter.drawText(QRectF(4, y, self.width(), ROW), Qt.AlignmentFlag.AlignVCenter, "Links (arrow: from → to)")
        painter.setFont(self.font())
        for kind, (text, room) in zip(LINK_STYLES, links, strict=False):
            self._link_sample(painter, QPointF(room.left() - LINK_X + 6, room.top() + ROW / 2), Look(kind, 2, True), c)
            painter.drawText(room, WRAP, text)
        y = links[-1][1].bottom() if links else y + ROW
        half = self.width() / 2
        plain = replace(c, link=c.ink)  # formal or not, whatever the type: a solid line in the ink
        for n, (text, formal) in enumerate((("formal", True), ("informal", False))):
            x0 = n * half
            self._link_sample(painter, QPointF(x0 + 6, y + ROW / 2), Look(LinkType.COLLABORATES, 2, formal), plain)
            painter.drawText(QRectF(x0 + LINK_X, y, half - LINK_X, ROW), Qt.AlignmentFlag.AlignVCenter, text)
        y += ROW
        painter.setPen(QPen(c.ink, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(16, y + ROW / 2), 6, 6)
        painter.drawText(
            QRectF(TEXT_X, y, self.width() - TEXT_X, ROW), Qt.AlignmentFlag.AlignVCenter, "dashed: no place yet"
        )
        painter.end()

    def _link_sample(self, painter: QPainter, start: QPointF, look: Look, c: theme.Ink) -> None:
        """A short line as the map draws a link of `look` (the same pens), with its end mark."""
        lines, mark, fill = look.pens(c, selected=False, plain=False)
        end = start + QPointF(26, 0)
        for pen in lines:
            painter.setPen(pen)
            painter.drawLine(start, end)
        painter.setPen(mark)
        painter.setBrush(fill)
        painter.drawPath(end_marker(LINK_STYLES[LinkType(look.link_type)].marker, end, 1.0, 0.0, 7.0))
        painter.setPen(QPen(c.ink))


class FindingsPanel(QWidget):
    """The analysis in sentences; clicking one (or Tab to it and Enter) selects the actors it is about."""

    finding_clicked = Signal(list)  # actor ids

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ecosystemFindings")
        self.setAccessibleName("Findings about the ecosystem")
        self.text = QTextBrowser()
        self.text.setObjectName("findingsText")
        self.text.setAccessibleName("Findings (each is a link that selects its actors)")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._clicked)
        self.title = QLabel("<b>Findings</b>")
        self.title.setObjectName("findingsTitle")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("ecosystemFacts")
        self.facts.setWordWrap(True)
        self.ids: list[list[str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.facts)

    def show_busy(self) -> None:
        self.title.setText("<b>Findings</b> (analysing…)")

    def show_analysis(self, analysis: EcosystemAnalysis) -> None:
        warnings = sum(f.severity == "warning" for f in analysis.findings)
        hint = f": {warnings} to look at. Click one to select its actors." if analysis.actors else ""
        self.title.setText(f"<b>Findings</b>{hint}")
        self.ids = [list(f.ids) for f in analysis.findings]
        rows = []
        for n, finding in enumerate(analysis.findings):
            warning = finding.severity == "warning"
            mark, colour = ("⚠", WARN.name()) if warning else ("ℹ", "#1a1a1a")
            text = escape(finding.text)
            body = (
                f'<a href="finding:{n}" style="color:{colour}; text-decoration:none">{text}</a>'
                if finding.ids
                else text
            )
            rows.append(f'<p style="margin:0 0 6px 0; color:{colour}">{mark} {body}</p>')
        if not rows:
            rows.append("<p>Add actors and link them to see who is central, who brokers and who is cut off.</p>")
        self.text.setHtml("".join(rows))
        self.facts.setText(_facts(analysis) if analysis.actors else "")

    def activate(self, n: int) -> None:
        """Select the actors of finding `n` (what a click on it does)."""
        if self.ids[n]:
            self.finding_clicked.emit(list(self.ids[n]))

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "finding":
            self.activate(int(url.path()))


def _facts(a: EcosystemAnalysis) -> str:
    pieces = len(a.components)
    parts = [
        count(len(a.actors), "actor"),
        count(a.links, "link"),
        f"density {a.density:.2f}",
        "all connected" if pieces == 1 else f"{pieces} separate parts",
    ]
    method = (
        "brokerage measured exactly"
        if a.samples is None
        else f"brokerage estimated from {a.samples} sampled actors (large map)"
    )
    clusters = "clusters by Louvain" if a.community_method == "louvain" else "clusters by label propagation (large map)"
    return " · ".join(parts) + f"<br><small>{method}; {clusters}</small>"
