"""The list of checklists with a completion bar and the score in words, and the overall score above it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget

from workbench.checklists.scoring import ChecklistResult, Score


def score_words(score: Score, not_answered: int) -> str:
    percent = "not applicable" if score.percent is None else f"{score.percent}%"
    return f"{percent}: {score.points:g} of {score.possible} points, {not_answered} not answered"


class ScoreRow(QWidget):
    """A title, a bar and the same score in words (the bar alone would rely on length and colour)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(f"{title} completion")
        self.words = QLabel()
        self.words.setObjectName("scoreWords")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        for widget in (self.title, self.bar, self.words):
            layout.addWidget(widget)

    def show_score(self, score: Score, not_answered: int) -> None:
        self.bar.setValue(score.percent or 0)
        self.bar.setFormat("n/a" if score.percent is None else "%p%")
        self.words.setText(score_words(score, not_answered))
        self.setToolTip(score_words(score, not_answered))


class Scoreboard(QWidget):
    chosen = Signal(str)  # checklist id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.overall = ScoreRow("Overall, all checklists")
        self.overall.setObjectName("overallScore")
        self.list = QListWidget()
        self.list.setObjectName("checklistList")
        self.list.setAccessibleName("Checklists")
        self.list.currentItemChanged.connect(self._choose)
        self.rows: dict[str, ScoreRow] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.overall)
        layout.addWidget(self.list, 1)

    def minimumSizeHint(self) -> QSize:
        """As wide as its widest row (a title in bold), which the list would otherwise cut and scroll."""
        hint = super().minimumSizeHint()
        rows = [self.overall, *self.rows.values()]
        room = 2 * self.list.frameWidth() + self.list.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), *(row.sizeHint().width() + room for row in rows)), hint.height())

    def _choose(self, item: QListWidgetItem | None, _old: QListWidgetItem | None) -> None:
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def show_results(self, results: tuple[ChecklistResult, ...], overall: Score) -> None:
        if not self.rows:
            for r in results:
                row = ScoreRow(r.checklist.title)
                item = QListWidgetItem(self.list)
                item.setData(Qt.ItemDataRole.UserRole, r.checklist.id)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, r.checklist.title)
                item.setToolTip(r.checklist.summary)
                self.list.setItemWidget(item, row)
                item.setSizeHint(row.sizeHint())
                self.rows[r.checklist.id] = row
        for r in results:
            self.rows[r.checklist.id].show_score(r.score, r.not_answered)
        self.overall.show_score(overall, sum(r.not_answered for r in results))
        self.updateGeometry()  # its rows' words are in: its minimum width follows

    def choose(self, checklist_id: str) -> None:
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole) == checklist_id:
                self.list.setCurrentRow(n)
