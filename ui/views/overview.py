"""The project overview: what is in the project and what needs attention, or what to do first.

What needs attention comes from the same analyses as the sections (sphere gaps, value-chain
coverage, checklist scores). It is worked out a moment after the overview shows, and again a moment
after edits while it is on screen, so neither opening a document nor editing waits for it (the first
time loads the analyses, about 40 ms; later ones take a millisecond on the sample).

The counts are kept, not asked for on every edit: a kind is counted again only when something of it
was created or deleted, and a hidden overview asks nothing until it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QVBoxLayout, QWidget

from ui.document import OpenDocument
from ui.markup import escape
from ui.views.base import SectionView
from workbench.changes import Change, Op
from workbench.project import Project

if TYPE_CHECKING:
    from workbench.attention import Attention

STEPS = (
    ("Project properties", "Give the project a title, department and protective marking (File ▸ Project properties)."),
    ("Spheres", "Place your instruments, programmes and institutions on the three policy spheres."),
    ("Value chain", "Say at which stages and readiness levels each instrument acts."),
    ("Ecosystem", "Map the ministries, agencies, labs, firms and SMEs involved."),
    ("Objectives", "State what the policy should achieve, with indicators and targets."),
    ("Briefs", "Export a marked PDF brief for a minister."),
)
CONTENTS = (
    ("item", "items on the spheres"),
    ("instrument", "instruments"),
    ("actor", "actors"),
    ("link", "links between actors"),
    ("objective", "objectives"),
    ("experiment", "experiments"),
    ("evaluation", "evaluations"),
    ("lesson", "lessons"),
)
COUNTED = tuple(kind for kind, _label in CONTENTS)
SHOWN_PER_SECTION = 4  # findings listed per section; the section itself has them all
SETTLE_MS = 300  # after showing, and after edits in quick succession, look once


SECTION_OF_AREA = {
    "spheres": "spheres",
    "value_chain": "value-chain",
    "theory_of_change": "theory-of-change",
    "monitoring": "indicators",
    "checklists": "checklists",
}


class OverviewView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("overview")
        # A text browser: it scrolls when the findings are long, and Tab/Enter follow its links.
        self.text = QTextBrowser()
        self.text.setObjectName("overviewText")
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.anchorClicked.connect(lambda url: self.section_requested.emit(url.toString()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.text)
        self.attention: list[Attention] | None = None  # None: not worked out yet
        self._stale = True
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.look_for_attention)
        self.project = self._project()
        self.counts = doc.store.counts(COUNTED)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # catches up with what changed while hidden
        if self._stale:
            self._settle.start()  # once the window has painted and the user is reading it

    def follow(self, changes: list[Change]) -> None:
        """Ask the store only what the changes call for: the count of a kind created or deleted, the
        project if it was edited; what needs attention is looked for again a moment later."""
        recount = {c.kind for c in changes if c.op != Op.UPDATED and c.kind in COUNTED}
        if recount:
            self.counts |= self.doc.store.counts(recount)
        if any(c.kind == Project.KIND for c in changes):
            self.project = self._project()
        self._stale = True
        self.refresh()
        self._settle.start()

    def _project(self) -> Project:
        project = self.doc.store.get_of(Project, "project")
        assert project is not None  # every document has its project
        return project

    def settle(self) -> None:
        self.look_for_attention()

    def look_for_attention(self) -> None:
        if not self._stale or not self.isVisible():  # off screen, or its document is closing
            return
        self._stale = False
        from workbench.attention import needs_attention  # loaded when first needed, not at start-up

        self.attention = needs_attention(self.doc.store.load())
        self.refresh()

    def refresh(self) -> None:
        project, counts = self.project, self.counts
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
            parts.append(self._attention_html())
            parts.append("<h3>In this project</h3><ul>")
            parts += [f"<li>{counts[kind]} {label}</li>" for kind, label in CONTENTS]
            parts.append("</ul>")
        self.text.setHtml("".join(parts))

    def _attention_html(self) -> str:
        if self.attention is None:
            return "<h3>Needs attention</h3><p><i>Looking at the project…</i></p>"
        if not self.attention:
            return "<h3>Needs attention</h3><p>Nothing: no gaps found on the spheres or the value chain.</p>"
        parts = ["<h3>Needs attention</h3>"]
        for area in self.attention:
            title, findings = area.title, area.findings
            more = len(findings) - SHOWN_PER_SECTION
            link = f"<a href='{SECTION_OF_AREA[area.area]}'>open {title.lower()} ›</a>"
            parts.append(f"<p><b>{title}</b> &nbsp;{link}</p><ul>")
            parts += [f"<li>{escape(text)}</li>" for text in findings[:SHOWN_PER_SECTION]]
            if more > 0:
                parts.append(f"<li>… and {more} more in {title}</li>")
            parts.append("</ul>")
        return "".join(parts)
