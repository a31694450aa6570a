"""The panels beside the map: a legend that is always shown, and the findings in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from ui import theme
from ui.markup import escape
from ui.views.ecosystem.items import end_marker
from ui.views.ecosystem.style import actor_shape
from workbench.ecosystem.entities import ActorType, LinkType
from workbench.ecosystem.style import ACTOR_STYLES, FILLED, LINK_STYLES
from workbench.words import count

if TYPE_CHECKING:
    from workbench.ecosystem.analysis import EcosystemAnalysis  # (it loads the graph libraries)

ROW = 17
WARN = QColor("#a1001c")


class Legend(QWidget):
    """Every actor type (shape, colour, code) and link type (colour, end mark), drawn with the same
    code as the map so the two always agree."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ecosystemLegend")
        self.setAccessibleName("Legend of actor and link types")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.rows = len(ACTOR_STYLES) + (len(LINK_STYLES) + 1) // 2 + 4
        self.setToolTip(
            "Shape, code and colour show an actor's type; colour and end mark show a link's type. "
            "Dashed links are informal; thicker links weigh more."
        )

    def sizeHint(self) -> QSize:
        return QSize(220, self.rows * ROW + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme.ink(self)
        painter.setPen(QPen(c.ink))
        bold = QFont(self.font())
        bold.setBold(True)
        y = 4.0
        painter.setFont(bold)
        painter.drawText(QRectF(4, y, self.width(), ROW), Qt.AlignmentFlag.AlignVCenter, "Actors")
        painter.setFont(self.font())
        y += ROW
        for kind, style in ACTOR_STYLES.items():
            painter.setPen(QPen(c.ink, 1))
            painter.setBrush(QBrush(c.actor or QColor(style.colour)))
            painter.save()
            painter.translate(16, y + ROW / 2)
            painter.drawPath(actor_shape(style.shape, 6.0))
            painter.restore()
            text = self.fontMetrics().elidedText(
                f"{style.code}  {ActorType(kind).label}", Qt.TextElideMode.ElideRight, self.width() - 38
            )
            painter.drawText(QRectF(34, y, self.width() - 34, ROW), Qt.AlignmentFlag.AlignVCenter, text)
            y += ROW
        painter.setFont(bold)
        painter.drawText(QRectF(4, y, self.width(), ROW), Qt.AlignmentFlag.AlignVCenter, "Links (arrow: from → to)")
        painter.setFont(self.font())
        y += ROW
        half = self.width() / 2
        for n, (kind, link_style) in enumerate(LINK_STYLES.items()):
            x0, top = (n % 2) * half, y + (n // 2) * ROW
            colour = c.link or QColor(link_style.colour)
            self._link_sample(painter, QPointF(x0 + 6, top + ROW / 2), colour, link_style.marker, True, c.ink)
            rect = QRectF(x0 + 40, top, half - 40, ROW)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, LinkType(kind).label)
        y += ((len(LINK_STYLES) + 1) // 2) * ROW
        for n, (text, formal) in enumerate((("formal", True), ("informal", False))):
            x0 = n * half
            self._link_sample(painter, QPointF(x0 + 6, y + ROW / 2), c.ink, "none", formal, c.ink)
            painter.drawText(QRectF(x0 + 40, y, half - 40, ROW), Qt.AlignmentFlag.AlignVCenter, text)
        y += ROW
        painter.setPen(QPen(c.ink, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(16, y + ROW / 2), 6, 6)
        painter.drawText(QRectF(34, y, self.width() - 34, ROW), Qt.AlignmentFlag.AlignVCenter, "dashed: no place yet")
        painter.end()

    def _link_sample(
        self, painter: QPainter, start: QPointF, colour: QColor, marker: str, formal: bool, text: QColor
    ) -> None:
        pen = QPen(colour, 2)
        if not formal:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        end = start + QPointF(26, 0)
        painter.drawLine(start, end)
        painter.setPen(QPen(colour, 1.4))
        painter.setBrush(QBrush(colour) if marker in FILLED else Qt.BrushStyle.NoBrush)
        painter.drawPath(end_marker(marker, end, 1.0, 0.0, 7.0))
        painter.setPen(QPen(text))


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
