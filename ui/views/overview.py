"""The project overview: what is in the project and what needs attention, or what to do first.

What needs attention comes from the same analyses as the sections (sphere gaps, value-chain
coverage, checklist scores). It is worked out beside the window (ui.jobs) as soon as the overview
has shown, and again a moment after edits while it is on screen, so neither opening a document nor
editing waits for it, and a large document never holds the window still while its analyses run.
A file opened again the same day shows those kept for it (db.known_files) on the overview's first paint.
`completed` says when the overview becomes whole once shown (start-up is measured to that moment).

The counts are kept, not asked for on every edit: a kind is counted again only when something of it
was created or deleted, and a hidden overview asks nothing until it is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QVBoxLayout, QWidget

from db import known_files
from ui.document import OpenDocument
from ui.markup import escape
from ui.views.base import SectionView
from workbench.changes import Change, Op
from workbench.findings import SUMMARY_SHOWN, Attention, from_summary_data, summary_data
from workbench.project import Project

if TYPE_CHECKING:
    from ui.jobs import Latest
    from workbench.document import Document

# (title, the section it opens or "", what to do)
STEPS = (
    (
        "Project properties",
        "",
        "Give the project a title, department and protective marking (File ▸ Project properties).",
    ),
    ("Spheres", "spheres", "Place your instruments, programmes and institutions on the three policy spheres."),
    ("Value chain", "value-chain", "Say at which stages and readiness levels each instrument acts."),
    ("Ecosystem", "ecosystem", "Map the ministries, agencies, labs, firms and SMEs involved."),
    ("Objectives", "objectives", "State what the policy should achieve, with indicators and targets."),
    ("Briefs", "briefs", "Export a marked PDF brief for a minister."),
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
SHOWN_PER_SECTION = SUMMARY_SHOWN  # findings listed per section; the section itself has them all
SETTLE_MS = 300  # after showing, and after edits in quick succession, look once


SECTION_OF_AREA = {
    "spheres": "spheres",
    "value_chain": "value-chain",
    "ecosystem": "ecosystem",
    "objectives": "objectives",
    "evaluation": "evaluation",
    "theory_of_change": "theory-of-change",
    "monitoring": "indicators",
    "checklists": "checklists",
}


class OverviewView(SectionView):
    completed = Signal()  # what needs attention is on screen

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("overview")
        # A text browser: it scrolls when the findings are long, and Tab/Enter follow its links.
        self.text = QTextBrowser()
        self.text.setObjectName("overviewText")
        self.text.setAccessibleName("Project overview")
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        # Its one control: the window puts the keyboard here without asking Qt which control comes
        # first (that builds Qt's namespace of enums, which start-up does without).
        self.setFocusProxy(self.text)
        self.text.anchorClicked.connect(self._go)
        self.targets: list[tuple[str, tuple[tuple[str, str], ...]]] = []  # a finding's link: (section, objects)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.text)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.look_for_attention)
        self._looking: Latest | None = None  # made on the first look (ui.jobs is not needed to show the window)
        self.project = self._project()
        self.counts = doc.store.counts(COUNTED)
        # None: not worked out yet. Those kept for the file as opened are shown on the first paint.
        self.attention: list[Attention] | None = self._kept()
        self._stale = self.attention is None
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # catches up with what changed while hidden
        if self._stale:  # the first time once the window has painted, later when edits have settled
            self._settle.start(0 if self.attention is None else SETTLE_MS)

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
        self._settle.start(SETTLE_MS)

    def _go(self, url: QUrl) -> None:
        """A section's link opens it; a finding's link opens its section with its objects selected."""
        if url.scheme() != "finding":
            self.section_requested.emit(url.toString())
            return
        section, refs = self.targets[int(url.path())]
        self.section_requested.emit(section)  # first, so a view built now hears the selection
        if refs:
            self.doc.select(list(refs))

    def _project(self) -> Project:
        project = self.doc.store.get_of(Project, "project")
        assert project is not None  # every document has its project
        return project

    def settle(self) -> None:
        """Work out what needs attention now, on this thread (a picture of the overview needs it)."""
        from workbench.attention import needs_attention

        self._settle.stop()
        if self._looking is not None:
            self._looking.cancel()
        self._stale = False
        self._show_attention(needs_attention(self.doc.store.load()))

    def look_for_attention(self) -> None:
        if not self._stale or not self.isVisible():  # off screen, or its document is closing
            return
        self._stale = False
        if self._looking is None:
            from ui.jobs import Latest

            self._looking = Latest(self)
            self._looking.finished.connect(self._found)
        # Plain data for the work beside the window: the rows opening has just read, or the working copy's
        # path, which the work reads on a connection of its own (a large document would hold the window still).
        doc, path = self.doc.store.primed_snapshot(), self.doc.store.path
        held = self._held_as_in_its_file()
        self._looking.request(lambda _progress, _stop: (_attention_of(doc or read_snapshot(path)), held))

    def _held_as_in_its_file(self) -> tuple[str, int] | None:
        """While the document holds what its file holds: the file's digest and the store's revision (no write
        meanwhile, and the findings worked out now are the file's)."""
        session = self.doc.session
        if session.file_digest is None or session.dirty:
            return None
        return session.file_digest, self.doc.store.revision

    def _kept(self) -> list[Attention] | None:
        """The findings kept for the file as opened (db.known_files), while the document holds just that."""
        data = self.doc.session.findings_kept()
        try:
            return None if data is None else from_summary_data(data)
        except ValueError:
            return None  # not a summary this program wrote: worked out again

    def _found(self, found: tuple[list[Attention], tuple[str, int] | None]) -> None:
        """Findings worked out; those of the document as its file holds it are kept for the file, for its
        next opening today (db.known_files)."""
        attention, held = found
        if self.doc.closed:  # worked out as the document closed
            return
        if held is not None and held == self._held_as_in_its_file():
            known_files.remember(held[0], summary_data(attention))
        self._show_attention(attention)

    def _show_attention(self, attention: list[Attention]) -> None:
        self.attention = attention
        self.refresh()
        self.completed.emit()

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
            parts += [
                f"<li><b>{f'<a href={key!r}>{title}</a>' if key else title}</b>: {text}</li>"
                for title, key, text in STEPS
            ]
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
        self.targets = []
        for area in self.attention:
            title, findings, section = area.title, area.findings, SECTION_OF_AREA[area.area]
            more = area.total - min(SHOWN_PER_SECTION, len(findings))
            link = f"<a href='{section}'>open {title.lower()} ›</a>"
            parts.append(f"<p><b>{title}</b> &nbsp;{link}</p><ul>")
            for finding in findings[:SHOWN_PER_SECTION]:
                if finding.refs:
                    parts.append(f"<li><a href='finding:{len(self.targets)}'>{escape(finding.text)}</a></li>")
                    self.targets.append((section, finding.refs))
                else:
                    parts.append(f"<li>{escape(finding.text)}</li>")
            if more > 0:
                parts.append(f"<li>… and {more} more in {title}</li>")
            parts.append("</ul>")
        return "".join(parts)


def read_snapshot(path: Path) -> Document:
    from db.snapshot import read_snapshot as read  # loaded beside the window, when first needed

    return read(path)


def _attention_of(doc: Document) -> list[Attention]:
    """Beside the window: the analyses load there too, the first time (workbench.attention)."""
    from workbench.attention import needs_attention

    return needs_attention(doc)
