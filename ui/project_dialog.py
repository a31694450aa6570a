"""Project properties: title, department, country, author, version, marking and caveat, and its money
(currency, financial year, base year, major-programme threshold), which follows a change of country.

All changes made in the dialog become one undo command when the user presses OK.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.forms import EntityForm
from workbench import markings
from workbench.errors import ValidationError
from workbench.project import PROJECT_ID, Project


class ProjectDialog(QDialog):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("projectDialog")
        self.setWindowTitle("Project properties")
        self.doc = doc
        project = doc.get("project", PROJECT_ID)
        assert isinstance(project, Project)
        self.project = project
        self.pending: dict[str, Any] = {}
        self.form = EntityForm(Project, lambda kind: [])
        self.form.set_entity(project)
        _offer_markings(self.form.editors["marking"], project)
        self.form.set_read_only(doc.read_only)
        self.form.edited.connect(lambda name, value, _burst: self.pending.__setitem__(name, value))
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        theme.take_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # commits a field still being typed in
        changes = {k: v for k, v in self.pending.items() if getattr(self.project, k) != v}
        if "country" in changes:  # the money follows the country, unless chosen here or before
            changes = self.project.following_country(changes["country"]) | changes
        if changes and not self.doc.read_only:
            try:
                self.project.changed(**changes)
            except ValidationError as err:
                self.error.setText(f"⚠ {err.message}")
                self.error.show()
                return
            self.doc.run(
                StoreCommand(
                    ops.update([("project", PROJECT_ID, changes)]), "Edit project properties", origin="project"
                )
            )
        super().accept()


def _offer_markings(combo: object, project: Project) -> None:
    """Only the markings offered for the project's country, and the document's own if it is an old one
    the tool no longer offers (kept, never chosen anew)."""
    assert isinstance(combo, QComboBox)
    wanted = {m.value for m in markings.offered(project.country)} | {project.marking}
    for index in reversed(range(combo.count())):
        if combo.itemData(index) not in wanted:
            combo.removeItem(index)
