"""The project overview: what is in the project, and what to do first when it is empty."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.document import OpenDocument
from ui.views.base import SectionView
from workbench.changes import Change

STEPS = (
    ("Project properties", "Give the project a title, department and protective marking (File ▸ Project properties)."),
    ("Spheres", "Place your instruments, programmes and institutions on the three policy spheres."),
    ("Value chain", "Say at which stages and readiness levels each instrument acts."),
    ("Ecosystem", "Map the ministries, agencies, labs, firms and SMEs involved."),
    ("Objectives", "State what the policy should achieve, with indicators and targets."),
    ("Briefs", "Export a marked PDF brief for a minister."),
)


class OverviewView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("overview")
        self.text = QLabel()
        self.text.setObjectName("overviewText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.text, 1)
        doc.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: list[Change]) -> None:
        self.refresh()

    def refresh(self) -> None:
        project = self.doc.get("project", "project")
        counts = self.doc.store.counts()
        assert project is not None
        placed = counts["item"] + counts["actor"] + counts["objective"]
        facts = [p for p in (project.department, project.country, project.author) if p]
        parts = [
            f"<h2>{escape(project.title)}</h2>",
            f"<p><b>{escape(project.marking_text)}</b>{' · ' + escape(' · '.join(facts)) if facts else ''}</p>",
        ]
        if placed == 0:
            parts.append("<h3>What to do first</h3><ol>")
            parts += [f"<li><b>{title}</b>: {text}</li>" for title, text in STEPS]
            parts.append(
                "</ol><p>Pick a section in the navigator on the left. Every change can be undone "
                "(Ctrl+Z) and is kept safe even if the computer stops.</p>"
            )
        else:
            parts.append("<h3>In this project</h3><ul>")
            for kind, label in (
                ("item", "items on the spheres"),
                ("instrument", "instruments"),
                ("actor", "actors"),
                ("link", "links between actors"),
                ("objective", "objectives"),
                ("experiment", "experiments"),
                ("evaluation", "evaluations"),
                ("lesson", "lessons"),
            ):
                parts.append(f"<li>{counts[kind]} {label}</li>")
            parts.append("</ul>")
        self.text.setText("".join(parts))
