"""The Checklists section: pick a checklist, read its questions with their state, answer or follow
the failing objects, or walk through it one question at a page in a workshop.

Results are recomputed from the document whenever it changes (while the section is shown), so a
fix made in another section turns a failing question green the next time you look. A large document
is read and checked beside the window (reading ten thousand entities alone holds it longer than a
user notices), a small one at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.document import OpenDocument
from ui.jobs import Latest
from ui.markup import escape
from ui.views.base import SectionView
from ui.views.checklists.answering import record
from ui.views.checklists.question_panel import QuestionPanel, state_colour, state_text
from ui.views.checklists.scoreboard import Scoreboard
from ui.views.checklists.wizard import WalkThrough
from workbench.changes import Change
from workbench.checklists.model import CHECKLIST_IDS
from workbench.checklists.scoring import ChecklistResult, QuestionResult, evaluate_all, overall
from workbench.document import Document

SYNC_ENTITIES = 3000  # documents up to this many entities are checked at once; larger ones beside the window


class ChecklistsView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("checklists")
        self.snapshot = Document()
        self.results: dict[str, ChecklistResult] = {}
        self.current = CHECKLIST_IDS[0]
        self.checks = Latest(self)
        self.checks.finished.connect(self._show_results)

        self.scoreboard = Scoreboard()
        self.scoreboard.chosen.connect(self.choose)
        self.title = QLabel()
        self.title.setObjectName("checklistTitle")
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")
        self.summary.setWordWrap(True)
        self.walk = QPushButton("Walk me through…")
        self.walk.setObjectName("walkThrough")
        theme.take_role(self.walk, "primary")
        self.walk.setToolTip(self.view_action("checklistWalk", self.walk.click).toolTip())
        self.walk.clicked.connect(lambda: self.walk_through())
        self.walk_all = QPushButton("Every checklist…")
        self.walk_all.setObjectName("walkThroughAll")
        self.walk_all.setToolTip(self.view_action("checklistWalkAll", self.walk_all.click).toolTip())
        self.walk_all.clicked.connect(lambda: self.walk_through(every=True))

        self.questions = QTreeWidget()
        self.questions.setObjectName("questionList")
        self.questions.setAccessibleName("Questions")
        self.questions.setHeaderLabels(["State", "Question", "Checked"])
        self.questions.setRootIsDecorated(False)
        self.questions.setWordWrap(True)
        self.questions.setUniformRowHeights(False)
        self.questions.setAlternatingRowColors(True)
        self.questions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.questions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.questions.currentItemChanged.connect(lambda _item, _old: self._show_question())

        self.panel = QuestionPanel()
        self.panel.answered.connect(lambda value: self._record(answer=value))
        self.panel.noted.connect(self._record_note)
        doc.track_typing(self.panel.note)
        self.panel.jump_requested.connect(self.jump_requested)
        scroll = QScrollArea()
        scroll.setObjectName("questionDetail")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.panel)

        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.walk)
        heading.addWidget(self.walk_all)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(heading)
        right_layout.addWidget(self.summary)
        details = QSplitter(Qt.Orientation.Vertical)
        details.addWidget(self.questions)
        details.addWidget(scroll)
        details.setSizes([260, 440])
        right_layout.addWidget(details, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.scoreboard)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([250, 750])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        for button in (self.walk, self.walk_all):
            button.setEnabled(False)  # until the checklists are worked out
        # A large document is checked beside the window from the turn after the section shows: started as
        # the section was made, that work shared the interpreter with its first showing, half as long again.
        # A timer of its own, not QTimer.singleShot(0): that posts an event, handled before the showing.
        self._checking = QTimer(self)
        self._checking.setSingleShot(True)
        self._checking.timeout.connect(self.refresh)
        if self._checked_at_once():
            self.refresh()
        else:
            self._checking.start()

    # ----- following the document ------------------------------------------------------------------
    def follow(self, _changes: list[Change]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute every checklist from the document and redraw what shows it (once worked out, for a
        large document)."""
        self._checking.stop()
        if self._checked_at_once():
            self.checks.cancel()
            self._show_results(_checked(self.doc.store.load()))
        else:
            copy = self.doc.store.path
            self.checks.request(lambda _progress, _stop: _checked(_read(copy)))

    def _checked_at_once(self) -> bool:
        return sum(self.doc.store.counts().values()) <= SYNC_ENTITIES

    def _show_results(self, checked: tuple[Document, tuple[ChecklistResult, ...]]) -> None:
        self.snapshot, results = checked
        self.results = {r.checklist.id: r for r in results}
        self.scoreboard.show_results(results, overall(results))
        self.scoreboard.choose(self.current)
        self._fill_questions()
        for button in (self.walk, self.walk_all):
            button.setEnabled(True)

    def choose(self, checklist_id: str) -> None:
        if checklist_id != self.current:
            self.panel.flush_note()  # a note being typed belongs to the checklist shown until now
            self.current = checklist_id
            self._fill_questions(keep_current=False)

    def _fill_questions(self, keep_current: bool = True) -> None:
        result = self.results.get(self.current)
        if result is None:  # still being worked out
            return
        checklist = result.checklist
        self.title.setText(f"<h2>{escape(checklist.title)}</h2>")
        self.summary.setText(f"{escape(checklist.summary)}<br><i>Based on: {escape(checklist.source)}</i>")
        current = self.questions.currentItem()
        keep_id = current.data(0, Qt.ItemDataRole.UserRole) if keep_current and current is not None else None
        if self.questions.topLevelItemCount() != len(result.questions) or keep_id is None:
            self.questions.clear()
            for q in result.questions:
                QTreeWidgetItem(self.questions).setData(0, Qt.ItemDataRole.UserRole, q.question.id)
        for n, q in enumerate(result.questions):
            item = self.questions.topLevelItem(n)
            assert item is not None  # the tree holds one row per question (refilled above when not)
            item.setData(0, Qt.ItemDataRole.UserRole, q.question.id)
            item.setText(0, state_text(q))
            colour = state_colour(q)
            item.setData(0, Qt.ItemDataRole.ForegroundRole, colour)
            item.setText(1, q.question.text)
            item.setText(2, "Automatically" if q.question.computed else "By you")
            item.setToolTip(1, f"{q.question.text}\n\nWhy this matters: {q.question.why}")
            item.setToolTip(2, "Worked out from the document" if q.question.computed else "Answered by the team")
        row = next((n for n, q in enumerate(result.questions) if q.question.id == keep_id), 0)
        target = self.questions.topLevelItem(row)  # None only when there are no questions
        if target is not None and self.questions.currentItem() is not target:
            self.questions.setCurrentItem(target)
        else:
            self._show_question()

    def _current_result(self) -> QuestionResult | None:
        item = self.questions.currentItem()
        if item is None:
            return None
        return self.results[self.current].result(item.data(0, Qt.ItemDataRole.UserRole))

    def _show_question(self) -> None:
        result = self._current_result()
        if result is not None:
            self.panel.show_result(result, self.snapshot, self.doc.read_only)

    def _record_note(self, result: QuestionResult, text: str, burst: int) -> None:
        record(self.doc, self.current, result, {"note": text}, burst)

    def _record(self, **values: str | None) -> None:
        result = self._current_result()
        if result is not None:
            record(self.doc, self.current, result, values)

    # ----- the walk-through -----------------------------------------------------------------------
    def walk_through(self, every: bool = False) -> WalkThrough:
        """The walk-through of the checklist shown, or of every checklist one after the other."""
        checklists = [r.checklist for r in self.results.values()] if every else [self.results[self.current].checklist]
        wizard = WalkThrough(self.doc, checklists, self)
        wizard.jump_requested.connect(self.jump_requested)
        wizard.start()
        return wizard


def _checked(snapshot: Document) -> tuple[Document, tuple[ChecklistResult, ...]]:
    return snapshot, evaluate_all(snapshot)


def _read(copy: Path) -> Document:
    """Beside the window: the whole document, from the working copy at `copy` on a connection of its own."""
    from db.snapshot import read_snapshot  # loaded beside the window, when first needed

    return read_snapshot(copy)
