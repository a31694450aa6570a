"""The editors of one brief template: its header fields and its sections (tick box, free text, or the
header field a section prints, such as the contact). Diagnostic annexes are ticked in, not out.

Every edit is one undo command on the brief or brief_section entity of this template (a burst of
typing is stored after each pause and merged into one step); the entity is created by the first edit,
so an untouched template leaves nothing in the document.

The form is built a step at a time (the header, then each section), so the window answers between the
steps; the brief's composer (every analysis a brief can print, with numpy and reportlab: half a second to
import) is best loaded beside the window before the first step (ui.views.briefs does).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from db import operations as ops
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.forms import NO_BURST, ChoiceEditor, LineEditor, TextEditor, is_being_edited
from workbench.briefs.entities import Brief, BriefSection, brief_id, section_id
from workbench.briefs.spec import SectionSpec, TemplateSpec
from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import WorkbenchError

HEADER_TIPS = {
    "date": "Leave empty to print the day of the export",
    "subject": "Leave empty to print the project's title",
    "copy_to": "One recipient per line",
    "purpose": "What the minister is asked to do with the submission",
    "clearance": "Who cleared the submission, e.g. the director, and when",
    "contact": "Who answers questions about it: name, role and phone",
}
WRITING_CHARS = 45  # average characters: the narrowest a field is that someone writes a sentence in


class SectionEditor(TextEditor):
    """Free text of one section: roomier than the inspector's, with the template's hint as placeholder."""

    def __init__(self, section: SectionSpec):
        super().__init__(BriefSection.specs()["text"])
        self.setMinimumHeight(90)
        self.setMaximumHeight(260)
        self.setPlaceholderText(section.hint or "Write this section here. A blank line starts a paragraph.")


class LinesEditor(TextEditor):
    """A list with one entry per line (the copy list: entries may contain commas)."""

    def set_value(self, value) -> None:
        super().set_value("\n".join(value or []))

    @staticmethod
    def entries(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


def _room_to_write(editor: QWidget) -> None:
    editor.ensurePolished()  # in the theme's type, which may be wider
    editor.setMinimumWidth(WRITING_CHARS * editor.fontMetrics().averageCharWidth())


def _rows(parent: QWidget | None = None) -> QFormLayout:
    """Label beside field where there is room; above it where the field would be narrower than its minimum
    (the form beside the preview on a small screen)."""
    rows = QFormLayout(parent)
    rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return rows


class _Tick(QWidget):
    """A tick box whose words wrap (a check box's own cannot: an annex's long title would hold the form
    wider than the room beside the preview); clicking the words ticks it, as with a check box's own."""

    def __init__(self, words: str):
        super().__init__()
        self.box = QCheckBox()
        self.box.setAccessibleName(words)
        self.words = QLabel(words)
        self.words.setWordWrap(True)
        self.words.setBuddy(self.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.words, 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.words.geometry().contains(event.position().toPoint()):
            self.box.click()
        super().mouseReleaseEvent(event)


class BriefForm(QWidget):
    typed = Signal()  # text changed on screen, committed or not (the preview follows)

    def __init__(self, doc: OpenDocument, spec: TemplateSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"briefForm_{spec.id}")
        self.doc = doc
        self.spec = spec
        self.header_editors: dict[str, LineEditor | LinesEditor | ChoiceEditor] = {}
        self.text_editors: dict[str, SectionEditor] = {}
        self.include: dict[str, QCheckBox] = {}

        self.header_box = QGroupBox("Header")
        self.header_layout = _rows(self.header_box)
        sections_box = QGroupBox("Sections")
        self.sections_layout = QVBoxLayout(sections_box)
        how = QLabel("Untick a section to leave it out; tick an optional annex to add it.")
        how.setObjectName("hint")
        how.setWordWrap(True)  # a group's title cannot wrap: this, beside the preview of a small screen, can
        self.sections_layout.addWidget(how)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_box)
        layout.addWidget(sections_box)
        layout.addStretch(1)
        self._steps: Iterator[Callable[[], object]] | None = self._building()

    @property
    def complete(self) -> bool:
        return self._steps is None

    def build_step(self) -> bool:
        """Build the next part of the form; False once it is complete (its text shown)."""
        if self._steps is not None:
            step = next(self._steps, None)
            if step is not None:
                step()
                self.ensurePolished()  # styled now, in this step, not all at once when the form shows
                return True
            self._steps = None
        return False

    def build_all(self) -> BriefForm:
        while self.build_step():
            pass
        return self

    def _building(self) -> Iterator[Callable[[], object]]:
        """The steps of building the form: each short enough for the window to answer between two."""
        from workbench.briefs.compose import available  # loaded beside the window before the first step

        yield self._add_header
        for section in self.spec.sections:
            if available(section):
                yield functools.partial(self._add_section, section)
        yield self.load
        yield lambda: self.set_read_only(self.doc.read_only)

    def _add_header(self) -> None:
        for field in self.spec.header:
            self.header_layout.addRow(*self._header_editor(field.field, field.label))

    def _header_editor(self, name: str, label_text: str) -> tuple[QLabel, QWidget]:
        """The editor of one Brief field (a line, the copy list's lines, or the purpose's choice), stored
        as one undoable edit per burst of typing or per choice."""
        spec = Brief.specs()[name]
        lines = name == "copy_to"
        editor: LineEditor | LinesEditor | ChoiceEditor
        if spec.choices is not None:
            editor = ChoiceEditor(spec, [(c.value, c.label) for c in spec.choices])
        else:
            editor = LinesEditor(spec) if lines else LineEditor(spec)
        editor.setObjectName(f"brief_{name}")
        editor.setAccessibleName(label_text)
        editor.setToolTip(HEADER_TIPS.get(name, label_text))
        editor.committed.connect(
            lambda value, burst: self.save_header(name, LinesEditor.entries(value) if lines else value, burst)
        )
        if not isinstance(editor, ChoiceEditor):
            self.doc.track_typing(editor)
        _room_to_write(editor)
        label = QLabel(label_text)
        label.setBuddy(editor)
        self.header_editors[name] = editor
        return label, editor

    def _add_section(self, section: SectionSpec) -> None:
        tick = _Tick(f"{section.title} (optional annex)" if section.optional else section.title)
        box = tick.box
        box.setObjectName(f"include_{section.id}")
        box.setToolTip(f"Include '{section.title}' in the brief")
        box.clicked.connect(lambda checked, sid=section.id: self._include(sid, checked))
        self.sections_layout.addWidget(tick)
        self.include[section.id] = box
        if section.providers:
            note = QLabel("Built from the model" + (", after your text." if section.text else "."))
            note.setObjectName("hint")
            note.setIndent(24)
            self.sections_layout.addWidget(note)
        if section.field:
            row = _rows()
            row.addRow(*self._header_editor(section.field, section.title))
            self.sections_layout.addLayout(row)
        if section.text:
            text_editor = SectionEditor(section)
            text_editor.setObjectName(f"text_{section.id}")
            text_editor.setAccessibleName(section.title)
            _room_to_write(text_editor)
            text_editor.committed.connect(lambda text, burst, sid=section.id: self.save_text(sid, text, burst))
            text_editor.textChanged.connect(self.typed)
            self.doc.track_typing(text_editor)
            self.sections_layout.addWidget(text_editor)
            self.text_editors[section.id] = text_editor

    def load(self) -> None:
        """Show the stored brief; an editor being typed in keeps its text. Reads the briefs only: this
        runs after every stored burst of typing, on the window's thread, while the preview lays out."""
        from workbench.briefs.compose import brief_of, section_texts

        store = self.doc.store
        document = Document.of([*store.all_of(Brief), *store.all_of(BriefSection)])
        brief = brief_of(document, self.spec)
        for name, editor in self.header_editors.items():
            if not is_being_edited(editor):
                editor.set_value(getattr(brief, name))
                if isinstance(editor, LineEditor):
                    editor.setCursorPosition(0)  # a long subject reads from its start
        texts = section_texts(document, self.spec.id)
        for sid, text_editor in self.text_editors.items():
            if not is_being_edited(text_editor) and text_editor.toPlainText() != texts.get(sid, ""):
                text_editor.set_value(texts.get(sid, ""))
        for sid, box in self.include.items():
            optional = self.spec.section(sid).optional
            box.setChecked(sid in brief.added_sections if optional else sid not in brief.omitted_sections)

    def _brief(self) -> Brief:
        """This template's stored header (one row read, not the document)."""
        from workbench.briefs.compose import brief_of

        return brief_of(Document.of(self.doc.store.get_many(Brief.KIND, [brief_id(self.spec.id)])), self.spec)

    def drafts(self) -> dict[str, str]:
        """The text on screen, section by section (what the preview lays out)."""
        return {sid: editor.toPlainText() for sid, editor in self.text_editors.items()}

    def set_read_only(self, read_only: bool) -> None:
        for editor in [*self.header_editors.values(), *self.text_editors.values()]:
            if isinstance(editor, ChoiceEditor):
                editor.setEnabled(not read_only)
            else:
                editor.setReadOnly(read_only)
        for tick in self.findChildren(_Tick):
            tick.setEnabled(not read_only)  # its box and its words

    # ----- edits: one undo command each ------------------------------------------------------------
    def save_text(self, section: str, text: str, burst: int = NO_BURST) -> None:
        label = f"Edit '{self.spec.section(section).title}' of the {self.spec.name.lower()}"
        owner = {"template": self.spec.id, "section": section}
        self._store(BriefSection, section_id(self.spec.id, section), owner, {"text": text}, label, burst)

    def save_header(self, field: str, value: object, burst: int = NO_BURST) -> None:
        label = f"Edit the {Brief.specs()[field].label.lower()} of the {self.spec.name.lower()}"
        self._store(Brief, brief_id(self.spec.id), {"template": self.spec.id}, {field: value}, label, burst)
        self.load()  # a refused edit shows the stored value again

    def _store(self, cls: type[Entity], id_: str, owner: dict, changes: dict, label: str, burst: int) -> None:
        """Update the entity, or create it with `owner` fields on the first edit."""
        if self.doc.get(cls.KIND, id_) is not None:
            self.doc.run(StoreCommand(ops.update([(cls.KIND, id_, changes)]), label, burst=burst, origin="briefs"))
            return
        try:
            entity = cls.create(id=id_, **owner, **changes)
        except WorkbenchError as err:  # e.g. a date that does not exist: said once, nothing stored
            self.doc.failed.emit(err)
            return
        self.doc.run(StoreCommand(ops.create([entity]), label, burst=burst, origin="briefs"))

    def _include(self, section: str, included: bool) -> None:
        """Leave a section out, or put an optional one (a diagnostic annex) in: one undoable edit."""
        optional = self.spec.section(section).optional
        field = "added_sections" if optional else "omitted_sections"
        listed = [s for s in getattr(self._brief(), field) if s != section]
        if included == optional:
            listed.append(section)
        self.save_header(field, listed)
