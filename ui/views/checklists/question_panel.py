"""One question in full: its state, why it matters, its source, the objects that fail it (one click
away) or the user's answer and note. Shared by the Checklists section and the walk-through."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.forms import LineEditor, is_being_edited
from ui.markup import escape
from workbench.checklists.rules import RULES
from workbench.checklists.scoring import STATE_TEXT, QuestionResult, State
from workbench.document import Document
from workbench.kinds import entity_type
from workbench.registers.entities import Answer, ChecklistResponse
from workbench.spheres.items import Item, ItemKind

ANSWERS = (Answer.YES, Answer.PARTLY, Answer.NO, Answer.NA)
_MNEMONIC = {Answer.YES: "&Yes", Answer.PARTLY: "&Partly", Answer.NO: "&No", Answer.NA: "Not &applicable"}


# Dark enough to read on white in both themes; the symbol and word carry the meaning, colour only helps.
STATE_COLOURS = {
    State.PASSES: "#1b6e35",
    State.YES: "#1b6e35",
    State.FAILS: "#a1001c",
    State.NO: "#a1001c",
    State.PARTLY: "#7a4a00",
}


def state_colour(result: QuestionResult) -> QColor | None:
    colour = STATE_COLOURS.get(result.state)
    return QColor(colour) if colour else None


def state_text(result: QuestionResult) -> str:
    symbol, word = STATE_TEXT[result.state]
    return f"{symbol} {word}"


def object_label(doc: Document, kind: str, id_: str) -> str:
    """'Objective', or for a canvas item what it is ('Instrument', 'Programme')."""
    entity = doc.entities.get(kind, {}).get(id_)
    if isinstance(entity, Item):
        return ItemKind(entity.kind).label
    return entity_type(kind).LABEL


class QuestionPanel(QWidget):
    answered = Signal(object)  # an Answer value, or None to clear the answer
    noted = Signal(object, str, int)  # the QuestionResult the note was typed for, the note, its typing burst
    jump_requested = Signal(object)  # [(kind, id)]

    def __init__(self, numbered: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("questionPanel")
        self.result: QuestionResult | None = None
        self.state = self._label("questionState")
        self.text = self._label("questionText")
        self.why = self._label("questionWhy")
        self.source = self._label("questionSource")
        self.how = self._label("questionHow")
        self.reason = self._label("questionReason")
        self.failing = self._label("questionFailing")
        self.failing.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.failing.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.failing.setAccessibleName("Objects that fail this question")
        self.failing.setToolTip("Click an object (or Tab to it and press Enter) to go to it")
        self.failing.linkActivated.connect(self._link)

        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        answers = QHBoxLayout()
        for n, answer in enumerate(ANSWERS, start=1):
            button = QPushButton(f"{n}  {answer.label}" if numbered else _MNEMONIC[answer])
            button.setObjectName(f"answer_{answer.value}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(f"Answer: {answer.label}" + (f" (key {n})" if numbered else ""))
            self.buttons.addButton(button, n)
            answers.addWidget(button)
        self.clear = QPushButton("Clear answer")
        self.clear.setObjectName("answerClear")
        self.clear.setAutoDefault(False)
        self.clear.setToolTip("Mark the question as not answered again")
        self.clear.clicked.connect(lambda: self.answered.emit(None))
        answers.addStretch(1)
        self.buttons.idClicked.connect(lambda n: self.answered.emit(ANSWERS[n - 1].value))
        self.note = LineEditor(ChecklistResponse.specs()["note"])  # stored as typed, like every text field
        self.note.setObjectName("answerNote")
        self.note.setPlaceholderText("Note: evidence, who agreed, what is still open…")
        self.note.setAccessibleName("Note on this answer")
        self.note.setToolTip("A short note kept with the answer; kept as you type")
        self.note.committed.connect(self._note_committed)
        self.answer_box = QWidget()
        box = QVBoxLayout(self.answer_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.answer_heading = self._label("answerHeading")
        box.addWidget(self.answer_heading)
        box.addLayout(answers)
        noted = QHBoxLayout()  # beside the note, not the answers: five buttons in a row were cut at 1280 px
        noted.addWidget(self.note, 1)
        noted.addWidget(self.clear)
        box.addLayout(noted)

        layout = QVBoxLayout(self)
        for widget in (self.state, self.text, self.why, self.source, self.how, self.reason, self.failing):
            layout.addWidget(widget)
        layout.addWidget(self.answer_box)
        layout.addStretch(1)

    def _label(self, name: str, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def show_result(self, result: QuestionResult, doc: Document, read_only: bool = False) -> None:
        """Show a question's current state; the note being typed is kept if the question is the same."""
        same_question = self.result is not None and self.result.question == result.question
        if not same_question:
            self.flush_note()  # a note typed for the question being left is stored against that question
        self.result = result
        q = result.question
        colour = STATE_COLOURS.get(result.state, "inherit")
        self.state.setText(f"<b style='color:{colour}'>{state_text(result)}</b>")
        self.text.setText(f"<b>{escape(q.text)}</b>")
        self.why.setText(f"<b>Why this matters.</b> {escape(q.why)}")
        self.source.setText(f"<i>Source: {escape(q.source)}</i>")
        self.how.setVisible(q.computed)
        self.reason.setVisible(bool(result.reason))
        self.reason.setText(f"<b>{escape(result.reason)}</b>")
        self.failing.setVisible(bool(result.failing))
        self.answer_box.setVisible(not q.computed)
        if q.computed:
            assert q.rule is not None
            self.how.setText(f"<b>How this is checked:</b> {escape(RULES[q.rule].how)}")  # the threshold is in the text
            self.failing.setText(self._failing_html(result, doc))
            return
        checked = self.buttons.button(ANSWERS.index(Answer(result.state.value)) + 1) if _is_answer(result) else None
        self.buttons.setExclusive(False)
        for button in self.buttons.buttons():
            button.setChecked(button is checked)
            button.setEnabled(not read_only)
        self.buttons.setExclusive(True)
        self.clear.setEnabled(checked is not None and not read_only)
        self.note.setReadOnly(read_only)
        hint = " (this document is open read-only: open a copy to answer)" if read_only else ""
        self.answer_heading.setText(f"<b>Your answer</b>{hint}")
        if not (same_question and is_being_edited(self.note)):
            self.note.set_value(result.note)

    def _failing_html(self, result: QuestionResult, doc: Document) -> str:
        n = len(result.failing)
        lines = [f"<b>{n} {'object fails' if n == 1 else 'objects fail'}</b> (click one to go to it):"]
        for kind, id_ in result.failing:
            entity = doc.entities.get(kind, {}).get(id_)
            title = escape(entity.title if entity is not None else id_)
            lines.append(f"• {object_label(doc, kind, id_)}: <a href='{kind}:{escape(id_)}'>{title}</a>")
        return "<br>".join(lines)

    def _link(self, href: str) -> None:
        kind, _, id_ = href.partition(":")
        self.jump_requested.emit([(kind, id_)])

    def flush_note(self) -> None:
        """Store the note being typed now, for the question shown (before another one is shown)."""
        self.note.finish_typing()

    def _note_committed(self, text: str | None, burst: int) -> None:
        if self.result is not None:
            self.noted.emit(self.result, text or "", burst)


def _is_answer(result: QuestionResult) -> bool:
    return result.state.value in {a.value for a in ANSWERS}
