"""The walk-through: one question per page in large type, for a workshop around a projector.

It goes through one checklist, or through several one after the other (a checklist session).

Keys: 1-4 answer (yes, partly, no, not applicable), Enter next, Backspace or Alt+Left back, S skip,
Esc close, Ctrl+Z undo. Answers are the same undoable commands as in the section. While the note
field has the focus, keys type into it; Enter saves the note and moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.document import OpenDocument
from ui.markup import escape
from ui.views.checklists.answering import record
from ui.views.checklists.question_panel import ANSWERS, QuestionPanel
from ui.views.checklists.scoreboard import score_words
from workbench.changes import Change
from workbench.checklists.model import Checklist
from workbench.checklists.scoring import ChecklistResult, QuestionResult, evaluate
from workbench.document import Document
from workbench.words import count

SCALE = 1.6  # type size relative to the window's, readable from the back of a room
QUESTION_SCALE = 1.4  # the question itself, relative to the walk-through's type
ANSWER_KEYS: dict[int, int] = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
KEYS_HINT = "Keys: 1–4 answer · Enter next · Backspace back · S skip · Esc close · Ctrl+Z undo"


def font_size(font: QFont, factor: float) -> str:
    """A style-sheet font size `factor` times the font's, in the unit the font uses (points or pixels).

    Style sheets, not setFont: under the high-contrast theme's style sheet fonts do not propagate to children.
    """
    if font.pointSizeF() > 0:
        return f"font-size: {font.pointSizeF() * factor:.1f}pt"
    return f"font-size: {round(font.pixelSize() * factor)}px"


class WalkThrough(QDialog):
    jump_requested = Signal(object)  # [(kind, id)]: the walk-through closes and the window shows them

    def __init__(self, doc: OpenDocument, checklists: Sequence[Checklist], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("walkThroughDialog")
        self.checklists = list(checklists)
        several = len(self.checklists) > 1
        self.setWindowTitle(f"Walk through: {'every checklist' if several else self.checklists[0].title}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        base = self.font()
        self.setStyleSheet(
            f"QWidget {{ {font_size(base, SCALE)} }} "
            f"QLabel#questionText, QLabel#questionState {{ {font_size(base, SCALE * QUESTION_SCALE)} }}"
        )
        self.doc = doc
        # One step per question: (which checklist, which of its questions).
        self.steps = [(c, q) for c, checklist in enumerate(self.checklists) for q in range(len(checklist.questions))]
        self.index = 0
        self.skipped: set[tuple[str, str]] = set()
        self.results: list[ChecklistResult] = self._evaluate(doc.store.load())

        self.heading = QLabel()
        self.heading.setObjectName("wizardHeading")
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.steps))
        self.progress.setFormat("%v of %m")
        self.progress.setAccessibleName("Progress through the questions")
        self.panel = QuestionPanel(numbered=True)
        self.panel.answered.connect(lambda value: self._record(answer=value))
        self.panel.noted.connect(self._record_note)
        doc.track_typing(self.panel.note)
        self.panel.jump_requested.connect(self._jump)
        self.panel.setMaximumWidth(1200)
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setWidget(self.panel)
        page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.finish = QLabel()
        self.finish.setObjectName("wizardFinish")
        self.finish.setWordWrap(True)
        self.finish.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(page)
        self.pages.addWidget(self.finish)

        self.back = self._button("Back", "wizardBack", "Previous question (Backspace or Alt+Left)", self.go_back)
        self.skip = self._button("Skip", "wizardSkip", "Move on without answering (S)", self.skip_question)
        self.next = self._button("Next", "wizardNext", "Next question (Enter)", self.go_next)
        theme.take_role(self.next, "primary")
        close = self._button("Close", "wizardClose", "Close the walk-through (Esc)", self.close)
        hint = QLabel(KEYS_HINT)
        hint.setObjectName("wizardKeys")
        buttons = QHBoxLayout()
        buttons.addWidget(close)
        buttons.addWidget(hint, 1, Qt.AlignmentFlag.AlignCenter)
        for button in (self.back, self.skip, self.next):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        doc.changed.connect(self._on_changed)

    def _button(self, text: str, name: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAutoDefault(False)  # Enter belongs to the walk-through (next), not to the focused button
        button.clicked.connect(slot)
        return button

    def start(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.resize(parent.window().size())
        self.show_page(0)
        self.showMaximized()

    # ----- pages ----------------------------------------------------------------------------------
    @property
    def on_finish_page(self) -> bool:
        return self.index >= len(self.steps)

    @property
    def checklist(self) -> Checklist:
        """The checklist of the question on screen (the last one on the finish page)."""
        return self.checklists[self.steps[min(self.index, len(self.steps) - 1)][0]]

    def current(self) -> QuestionResult | None:
        if self.on_finish_page:
            return None
        c, q = self.steps[self.index]
        return self.results[c].questions[q]

    def show_page(self, index: int) -> None:
        self.panel.flush_note()  # a note being typed belongs to the question shown until now
        total = len(self.steps)
        self.index = max(0, min(index, total))
        self.progress.setValue(min(self.index + 1, total) if not self.on_finish_page else total)
        self.back.setEnabled(self.index > 0)
        self.skip.setEnabled(not self.on_finish_page)
        self.next.setText("Finish" if self.index == total - 1 else "Done" if self.on_finish_page else "Next")
        current = self.current()
        if current is None:
            done = "every checklist" if len(self.checklists) > 1 else escape(self.checklist.title)
            self.heading.setText(f"<b>{done}</b>: done")
            self.finish.setText(self._finish_text())
            self.pages.setCurrentWidget(self.finish)
        else:
            c, q = self.steps[self.index]
            kind = "checked automatically" if current.question.computed else "for you to answer"
            which = f" (checklist {c + 1} of {len(self.checklists)})" if len(self.checklists) > 1 else ""
            self.heading.setText(
                f"<b>{escape(self.checklist.title)}</b>{which}: question {q + 1} of "
                f"{len(self.checklist.questions)} ({kind})"
            )
            self.panel.show_result(current, self.snapshot(), self.doc.read_only)
            self.pages.setCurrentIndex(0)
        self.next.setFocus()

    def snapshot(self) -> Document:
        return self.doc.store.load()

    def _evaluate(self, snapshot: Document) -> list[ChecklistResult]:
        return [evaluate(snapshot, checklist) for checklist in self.checklists]

    def _finish_text(self) -> str:
        skipped = len(self.skipped)
        if len(self.results) == 1:
            words = score_words(self.results[0].score, self.results[0].not_answered)
            lines = [
                f"<h2>You have been through all {count(len(self.steps), 'question')}.</h2>",
                f"<p>Score {words}.</p>",
            ]
        else:
            lines = [
                f"<h2>You have been through all {count(len(self.steps), 'question')} "
                f"of {count(len(self.results), 'checklist')}.</h2>"
            ]
            lines += [
                f"<p>{escape(r.checklist.title)}: {score_words(r.score, r.not_answered)}.</p>" for r in self.results
            ]
        if skipped:
            lines.append(f"<p>You skipped {skipped}; answer them later in the Checklists section.</p>")
        lines.append("<p>Press Enter or Esc to close, Backspace to go back.</p>")
        return "".join(lines)

    def go_next(self) -> None:
        if self.on_finish_page:
            self.close()
        else:
            self.show_page(self.index + 1)

    def go_back(self) -> None:
        if self.index > 0:
            self.show_page(self.index - 1)

    def skip_question(self) -> None:
        current = self.current()
        if current is not None:
            self.skipped.add((self.checklist.id, current.question.id))
            self.show_page(self.index + 1)

    # ----- answers --------------------------------------------------------------------------------
    def _record(self, **values: str | None) -> None:
        current = self.current()
        if current is not None and not current.question.computed:
            self.skipped.discard((self.checklist.id, current.question.id))
            record(self.doc, self.checklist.id, current, values)

    def _record_note(self, result: QuestionResult, text: str, burst: int) -> None:
        if not result.question.computed:
            self.skipped.discard((self.checklist.id, result.question.id))
            record(self.doc, self.checklist.id, result, {"note": text}, burst)

    def _on_changed(self, _changes: list[Change]) -> None:
        snapshot = self.snapshot()
        self.results = self._evaluate(snapshot)
        current = self.current()
        if current is not None:
            self.panel.show_result(current, snapshot, self.doc.read_only)
        else:
            self.finish.setText(self._finish_text())

    def _jump(self, refs: list[tuple[str, str]]) -> None:
        self.close()
        self.jump_requested.emit(refs)

    # ----- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        current = self.current()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.doc.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.doc.undo_stack.redo()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
        elif key == Qt.Key.Key_Backspace or (key == Qt.Key.Key_Left and modifiers & Qt.KeyboardModifier.AltModifier):
            self.go_back()
        elif key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_S and not modifiers & COMMAND_MODIFIERS:
            self.skip_question()
        elif key in ANSWER_KEYS and current is not None and not current.question.computed:
            self._record(answer=ANSWERS[ANSWER_KEYS[key]].value)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
