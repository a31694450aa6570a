"""The questions an evaluation asks, edited where the evaluation is: under its form in the inspector.

A question is an entity of its own (it names the theory-of-change links it tests, and the chain reads
which assumptions are tested from the questions), so a list of strings would not hold it. Each row is
the question's words, a menu of the links it tests, and a remove button; Add question appends one.
Every edit is one undoable step, like any other inspector edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.forms import LineEditor
from ui.inspector import PANELS
from workbench.changes import Change
from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.registers.entities import EvaluationQuestion
from workbench.theory_of_change.entities import TocLink

KINDS = ("evaluation_question", "toc_link", "toc_node", "item")
QUESTION = EvaluationQuestion.specs()["question"]


class QuestionsPanel(QWidget):
    def __init__(self, doc: OpenDocument, evaluation: Entity, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evaluationQuestions")
        self.doc = doc
        self.evaluation_id = evaluation.id
        self.evaluation_name = evaluation.title
        self.rows: dict[str, tuple[LineEditor, QToolButton]] = {}
        layout = QVBoxLayout(self)
        margins = layout.contentsMargins()  # in line with the form above it
        layout.setContentsMargins(margins.left(), 6, margins.right(), 0)
        title = QLabel("<b>Evaluation questions</b>")
        hint = QLabel("What the evaluation must answer; tick the links of the theory of change each one tests.")
        hint.setWordWrap(True)
        theme.take_role(hint, "hint")
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.take_role(self.error, "error")
        self.error.hide()
        self.list = QVBoxLayout()
        self.add_button = QPushButton("Add question")
        self.add_button.setObjectName("add_evaluation_question")
        self.add_button.setToolTip("Add a question this evaluation must answer")
        self.add_button.clicked.connect(self.add)
        self.add_button.setEnabled(not doc.read_only)
        for widget in (title, hint, self.error):
            layout.addWidget(widget)
        layout.addLayout(self.list)
        layout.addWidget(self.add_button)
        self._build()
        doc.changed.connect(self._follow)

    # ----- showing -------------------------------------------------------------------------
    def questions(self) -> list[EvaluationQuestion]:
        own = [
            q
            for q in self.doc.all(EvaluationQuestion.KIND)
            if isinstance(q, EvaluationQuestion) and q.evaluation_id == self.evaluation_id
        ]
        return sorted(own, key=lambda q: (q.position, q.question.casefold()))

    def _build(self) -> None:
        while (item := self.list.takeAt(0)) is not None:
            if (row := item.widget()) is not None:
                row.deleteLater()
        self.rows = {}
        for n, q in enumerate(self.questions(), start=1):
            row = QWidget()
            stack = QVBoxLayout(row)
            stack.setContentsMargins(0, 0, 0, 6)
            line = QHBoxLayout()
            editor = LineEditor(QUESTION)
            editor.setObjectName(f"question_{q.id}")
            editor.setAccessibleName(f"Question {n}")
            editor.setEnabled(not self.doc.read_only)
            editor.committed.connect(lambda value, burst, id_=q.id: self._reword(id_, value, burst))
            self.doc.track_typing(editor)
            links = QToolButton()
            links.setObjectName(f"question_links_{q.id}")
            links.setAccessibleName(f"Links tested by question {n}")
            links.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            links.setMenu(QMenu(links))
            links.menu().aboutToShow.connect(lambda id_=q.id, button=links: self._fill_links(id_, button))
            links.setEnabled(not self.doc.read_only)
            remove = QToolButton()
            remove.setText("✕")
            remove.setAccessibleName(f"Remove question {n}")
            remove.setToolTip("Remove this question (Undo brings it back)")
            remove.clicked.connect(lambda _checked=False, id_=q.id: self.remove(id_))
            remove.setEnabled(not self.doc.read_only)
            stack.addWidget(editor)  # the words as wide as the dock; what it tests and removing it below
            line.addWidget(links)
            line.addStretch(1)
            line.addWidget(remove)
            stack.addLayout(line)
            self.list.addWidget(row)
            self.rows[q.id] = (editor, links)
            self._show(q)

    def _show(self, q: EvaluationQuestion) -> None:
        editor, links = self.rows[q.id]
        if not editor.typing:
            editor.set_value(q.question)
            editor.setCursorPosition(0)  # a long question shows its start, and whole in its tooltip
        editor.setToolTip(q.question)
        tested = len(q.toc_link_ids)
        links.setText(f"Tests {tested} link{'s' if tested != 1 else ''}" if tested else "Tests no link")
        links.setToolTip("\n".join(self._label(i) for i in q.toc_link_ids) or "Choose the links this question tests")

    def _label(self, link_id: str) -> str:
        link = self.doc.get(TocLink.KIND, link_id)
        if not isinstance(link, TocLink):
            return ""
        if link.assumption.strip():
            return link.assumption.strip()
        start = self.doc.get("toc_node", link.from_node_id or "") or self.doc.get("item", link.from_item_id or "")
        end = self.doc.get("toc_node", link.to_node_id)
        return f"{start.title if start else '?'} → {end.title if end else '?'}"

    def _fill_links(self, question_id: str, button: QToolButton) -> None:
        menu = button.menu()
        menu.clear()
        q = self.doc.get(EvaluationQuestion.KIND, question_id)
        if not isinstance(q, EvaluationQuestion):
            return
        links = sorted((self._label(k.id), k.id) for k in self.doc.all(TocLink.KIND))
        if not links:
            menu.addAction("No links yet: draw the theory of change first").setEnabled(False)
        for label, link_id in links:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(link_id in q.toc_link_ids)
            action.toggled.connect(lambda on, id_=link_id: self._toggle_link(question_id, id_, on))

    def _follow(self, changes: list[Change]) -> None:
        if not any(c.kind in KINDS for c in changes):
            return
        questions = self.questions()
        if [q.id for q in questions] != list(self.rows):
            self._build()
            return
        for q in questions:
            self._show(q)

    # ----- editing -------------------------------------------------------------------------
    def _run(self, operation, text: str, burst: int = -1) -> None:
        self.error.hide()
        self.doc.run(StoreCommand(operation, text, burst=burst, origin="inspector"))

    def add(self) -> None:
        position = max((q.position + 1 for q in self.questions()), default=0)
        question = EvaluationQuestion.create(
            evaluation_id=self.evaluation_id, question="New question", position=position
        )
        self._run(ops.create([question]), f"Add a question to '{self.evaluation_name}'")
        editor = self.rows.get(question.id, (None, None))[0]
        if editor is not None:
            editor.setFocus()
            editor.selectAll()

    def _reword(self, question_id: str, value: object, burst: int) -> None:
        q = self.doc.get(EvaluationQuestion.KIND, question_id)
        if not isinstance(q, EvaluationQuestion):
            return
        try:
            q.changed(question=value)
        except ValidationError as err:
            self.error.setText(f"⚠ {err.message}")
            self.error.show()
            return
        self._run(ops.update([(q.KIND, q.id, {"question": value})]), "Reword a question", burst)

    def _toggle_link(self, question_id: str, link_id: str, on: bool) -> None:
        q = self.doc.get(EvaluationQuestion.KIND, question_id)
        if not isinstance(q, EvaluationQuestion) or (link_id in q.toc_link_ids) == on:
            return
        ids = [*q.toc_link_ids, link_id] if on else [i for i in q.toc_link_ids if i != link_id]
        words = "Test a link with a question" if on else "Stop testing a link with a question"
        self._run(ops.update([(q.KIND, q.id, {"toc_link_ids": ids})]), words)

    def remove(self, question_id: str) -> None:
        self._run(ops.delete(EvaluationQuestion.KIND, [question_id]), "Remove a question")


PANELS.setdefault("evaluation", []).append(QuestionsPanel)
