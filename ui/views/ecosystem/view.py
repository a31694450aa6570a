"""The Ecosystem section: the map of actors and links, its legend and its findings.

Every gesture becomes one named undo command through the document; the scene redraws only what the
change report names. The analysis runs again when the network changes (not when actors are only
moved), beside the window on large maps; imported files are read and checked beside the window too.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import dialogs
from ui.canvas.section import CanvasSection, empty_hint, menu_button
from ui.canvas.view import CanvasView
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.inspector import FACTS
from ui.jobs import Job, JobProgress
from ui.views.base import SectionView
from ui.views.ecosystem.interchange import Importer, export_data
from ui.views.ecosystem.items import ActorItem
from ui.views.ecosystem.layout import LayoutRunner
from ui.views.ecosystem.model import MapData, build
from ui.views.ecosystem.panels import FindingsPanel, Legend
from ui.views.ecosystem.scene import EcosystemScene
from ui.wheel_guard import ChoiceBox
from workbench.changes import Change
from workbench.document import Document
from workbench.ecosystem.entities import Actor, ActorType, Link
from workbench.ecosystem.placement import free_spot
from workbench.ecosystem.sizing import METRICS
from workbench.entity import Entity
from workbench.interchange.plan import ImportPlan
from workbench.words import count

if TYPE_CHECKING:
    from workbench.ecosystem.analysis import EcosystemAnalysis

SIDE_WIDTH = 270  # legend and findings; the map gets the rest
SYNC_ENTITIES = 3000  # maps up to this many actors and links are read at once; larger ones beside the window
SYNC_ACTORS = 150  # maps up to this size are analysed at once (well under 50 ms); larger ones beside the window
ANALYSIS_DELAY_MS = 150  # edits in quick succession are analysed once
SIZE_BY_TYPE = {"small": 0.8, "medium": 1.0, "large": 1.25}
SIZE_CHOICES = {"size": "Actor size (small/medium/large)", **METRICS}

_latest: weakref.WeakKeyDictionary[OpenDocument, EcosystemAnalysis] = weakref.WeakKeyDictionary()


def _actor_facts(doc: OpenDocument, entity: Entity) -> list[tuple[str, str]]:
    """What the analysis says about the selected actor, for the inspector."""
    analysis = _latest.get(doc)
    if analysis is None or entity.id not in analysis.actors:
        return []
    facts = [
        ("Partners", str(analysis.degree[entity.id])),
        ("Brokerage", f"{100 * analysis.betweenness[entity.id]:.0f}% of shortest paths"),
        ("Influence", f"{analysis.eigenvector[entity.id]:.2f}"),
    ]
    if entity.id in analysis.government_distance:
        steps = analysis.government_distance[entity.id]
        facts.append(("Steps to government", "no path" if steps is None else str(steps)))
    return facts


FACTS.setdefault("actor", []).append(_actor_facts)


def analyse_ecosystem(doc: Document) -> EcosystemAnalysis:
    """The analysis, its module loaded when first used: it loads the graph libraries (a second or two),
    beside the window on a large map, so opening the section does not wait for them."""
    from workbench.ecosystem.analysis import analyse_ecosystem as analyse

    return analyse(doc)


def _sizes(actors: Iterable[Actor]) -> dict[str, float]:
    """Each actor's size factor by its size (small, medium, large): how the map sizes them at first."""
    return {a.id: SIZE_BY_TYPE.get(a.size or "", 1.0) for a in actors}


def _read(path: Path, kind: str) -> list:
    from db.snapshot import read_snapshot  # loaded beside the window, when first needed

    return list(read_snapshot(path, [kind]).entities.get(kind, {}).values())


def _first_sight(path: Path) -> tuple[MapData, list[Actor]]:
    """Beside the window: the actors alone, placed and sized (a moment's work even at 100,000)."""
    actors = _read(path, "actor")
    return build(actors, [], _sizes(actors)), actors


def _whole_map(path: Path, actors: list[Actor]) -> tuple[MapData, Document]:
    """Beside the window: the links too, every one routed, and the snapshot the analysis runs on."""
    links = _read(path, "link")
    return build(actors, links, _sizes(actors)), Document.of([*actors, *links])


class EcosystemView(CanvasSection, SectionView):
    PICTURE_NAME = "institutional ecosystem"

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("ecosystemView")
        self.scene: EcosystemScene = EcosystemScene(self)
        self.canvas: CanvasView = CanvasView(self.scene)
        self.canvas.setObjectName("ecosystemCanvas")
        self.canvas.setAccessibleName("Ecosystem map")
        self.legend = Legend()
        self.findings = FindingsPanel()
        self.layout_runner = LayoutRunner()
        self.import_progress = JobProgress(
            "importProgress", "Import progress", "Stop the import; nothing changes (Esc)"
        )
        self.export_progress = JobProgress(
            "exportProgress", "Export progress", "Stop the export (Esc)"
        )
        self.importer = Importer(self, doc, self.import_progress, self._document_open)
        self.importer.ended.connect(self._imported)
        self.analysis: EcosystemAnalysis | None = None
        self.analysis_job: Job | None = None
        self.load_job: Job | None = None
        self.new_type = ActorType.OTHER.value
        self._order: list[str] = []  # selected actors in the order they were picked (From, To)
        self._link_from: str | None = None  # L pressed on this actor: Enter on another links them
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ANALYSIS_DELAY_MS)
        self._timer.timeout.connect(self._analyse)
        self._build_toolbar()
        self._build_banner()
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.legend)
        side.addWidget(self.findings)
        side.setCollapsible(0, False)  # the legend is always shown
        side.setStretchFactor(1, 1)
        splitter = QSplitter()
        splitter.addWidget(self.canvas)
        splitter.addWidget(side)
        splitter.setCollapsible(1, False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([1000, SIDE_WIDTH])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.layout_runner)
        layout.addWidget(self.import_progress)
        layout.addWidget(self.export_progress)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.scene.movable = not doc.read_only
        self._held: list[Change] = []  # edits made while the map is read beside the window
        self.canvas.viewport_changed.connect(self.scene.items_due)
        self.canvas.rubberBandChanged.connect(self._rubber_band)
        self.scene.actors_moved.connect(self._actors_moved)
        self.connect_selection(self.scene.selection_changed)
        self.canvas.nudged.connect(self.nudge)
        self.canvas.insert_requested.connect(self.add_actor)
        self.findings.finding_clicked.connect(self.show_actors)
        self.layout_runner.finished.connect(self._laid_out)
        self.empty_hint = empty_hint(
            self.canvas,
            "No actors yet. Press Insert (or Add actor) to place a ministry, agency, university, firm or SME; "
            "select two actors and press Ctrl+L to link them. Or import a CSV, GraphML (Gephi) or JSON file.",
        )
        if sum(doc.store.counts(["actor", "link"]).values()) <= SYNC_ENTITIES:
            self.scene.load(
                [a for a in doc.all("actor") if isinstance(a, Actor)],
                [k for k in doc.all("link") if isinstance(k, Link)],
            )
            self._update_hints()
            self._analyse()
        else:
            self._read_beside()
        self.canvas.fit()

    # ----- opening a large map beside the window ------------------------------------------------
    def _read_beside(self) -> None:
        """Read and build the map beside the window: the actors first (shown within a moment), then
        the links with every route worked out; the window only takes each over. Edits made meanwhile
        are held and followed once the map is whole."""
        self.scene.loading = True
        self.empty_hint.setVisible(False)
        path = self.doc.store.path
        job = Job(lambda _progress, _stop: _first_sight(path))
        job.finished.connect(self._actors_read)
        job.failed.connect(self._read_failed)
        self.load_job = job
        job.start()

    def _read_again(self) -> None:
        """Read and build the whole map again beside the window; it shows what it showed until then."""
        self.scene.loading = True
        path = self.doc.store.path
        job = Job(lambda _progress, _stop: _whole_map(path, _read(path, "actor")))
        job.finished.connect(self._links_read)
        job.failed.connect(self._read_failed)
        self.load_job = job
        job.start()

    def _actors_read(self, found: tuple[MapData, list[Actor]]) -> None:
        if self.sender() is not self.load_job or not self._document_open():
            return
        data, actors = found
        self.scene.adopt(data)
        if self.canvas.auto_fit:
            self.canvas.fit()
        path = self.doc.store.path
        job = Job(lambda _progress, _stop: _whole_map(path, actors))
        job.finished.connect(self._links_read)
        job.failed.connect(self._read_failed)
        self.load_job = job
        job.start()

    def _links_read(self, found: tuple[MapData, Document]) -> None:
        if self.sender() is not self.load_job or not self._document_open():
            return
        data, snapshot = found
        self.load_job = None
        self.scene.adopt(data)
        self.scene.loading = False
        held, self._held = self._held, []
        if held:
            self.scene.apply(held, self.doc.store.get_many)
        if self.canvas.auto_fit:
            self.canvas.fit()
        self._update_hints()
        self._analyse(None if held else snapshot)

    def _read_failed(self, err: Exception) -> None:
        if self.sender() is self.load_job:
            self.load_job = None
            self.scene.loading = False
            dialogs.show_error(self, err)

    def _rubber_band(self, _rect, start: QPointF, end: QPointF) -> None:
        """Actors drawn by the actor layer become items as the band reaches them, so Qt selects them."""
        if not (start.isNull() and end.isNull()):
            self.scene.itemise_rect(QRectF(start, end))

    # ----- construction ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        editable = not self.doc.read_only
        bar = QToolBar("Ecosystem tools")
        bar.setObjectName("ecosystemToolbar")
        add_menu = QMenu("Add actor", self)
        for kind in ActorType:
            add_menu.addAction(kind.label.replace("&", "&&"), partial(self.add_actor, kind.value))  # not a mnemonic
        self.add_action = self.view_action("addActor", self.add_actor)
        add_button = QToolButton()
        add_button.setObjectName("addActorButton")
        add_button.setDefaultAction(self.add_action)
        add_button.setMenu(add_menu)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        bar.addWidget(add_button)
        self.connect_action = self.view_action("connectActors", self.connect_selected)
        self.view_action("linkFromHere", self.link_from_here)
        bar.addAction(self.connect_action)
        layout_menu = QMenu("Lay out", self)
        self.layout_actions = [
            self.view_action("layoutUnplaced", self.layout_unplaced),
            self.view_action("layoutSelection", self.layout_selection),
            self.view_action("layoutAll", self.layout_all),
        ]
        layout_menu.addActions(self.layout_actions)
        layout_button = menu_button(
            "layoutButton",
            "Lay out",
            "Arrange actors by their links; actors you do not lay out stay where they are",
            layout_menu,
        )
        bar.addWidget(layout_button)
        for widget in (add_button, layout_button):
            widget.setEnabled(editable)
        self.connect_action.setEnabled(editable)
        bar.addSeparator()
        bar.addWidget(QLabel(" Size by: "))
        self.size_by = ChoiceBox()
        self.size_by.setObjectName("sizeBy")
        self.size_by.setAccessibleName("Size actors by")
        self.size_by.setToolTip("What the size of each actor shows")
        for key, label in SIZE_CHOICES.items():
            self.size_by.addItem(label, key)
        self.size_by.currentIndexChanged.connect(self._apply_sizes)
        bar.addWidget(self.size_by)
        bar.addSeparator()
        self.import_action = self.view_action("importEcosystem", lambda: self.import_data())
        self.import_action.setEnabled(editable)
        bar.addAction(self.import_action)
        bar.addAction(self.view_action("exportEcosystem", lambda: export_data(self, self.doc, self.export_progress)))
        bar.addAction(self.view_action("exportEcosystemImage", self.export))
        bar.addSeparator()
        self.search = QLineEdit()
        self.search.setObjectName("ecosystemSearch")
        self.search.setPlaceholderText("Find actor… (Ctrl+F)")
        self.search.setAccessibleName("Find actor")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(220)
        self.search.returnPressed.connect(self._select_matches)
        bar.addWidget(self.search)
        self.view_action("cancelWorkKey", self.cancel_work)
        self.toolbar = bar

    def _build_banner(self) -> None:
        self.banner = QWidget()
        self.banner.setObjectName("unplacedBanner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(6, 2, 6, 2)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        place = QPushButton("Place them")
        place.setObjectName("placeUnplaced")
        place.setEnabled(not self.doc.read_only)
        place.clicked.connect(self.layout_unplaced)
        row.addWidget(self.banner_text, 1)
        row.addWidget(place)

    # ----- following the document ---------------------------------------------------------
    def follow(self, changes: list[Change]) -> None:
        if not any(c.kind in ("actor", "link") for c in changes):
            return
        if self.scene.loading:
            self._held += changes
            return
        if sum(len(c.ids) for c in changes if c.kind in ("actor", "link")) > SYNC_ENTITIES:
            self._read_again()  # an import of thousands (or its undo): fetched and routed beside the window
            return
        if self.scene.apply(changes, self.doc.store.get_many):
            self._timer.start()
        if any(c.kind == "actor" and c.touches("size") for c in changes):
            self._apply_sizes()  # (new actors too); a new analysis sizes them by the other measures
        self._update_hints()

    def _update_hints(self) -> None:
        self.empty_hint.setVisible(not self.scene.actors and not self.scene.loading)
        waiting = len(self.scene.waiting)
        self.banner.setVisible(bool(waiting))
        self.banner_text.setText(
            f"{waiting} actor{'s have' if waiting != 1 else ' has'} no place on the map yet (dashed, on the left): "
            "place them by their links, or drag them where you want."
        )

    def _analyse(self, snapshot: Document | None = None) -> None:
        """Analyse the map as the scene holds it (or as `snapshot`, read with it): at once when small,
        beside the window when large."""
        if self.scene.loading:
            return  # once the map is read
        if self.analysis_job is not None:
            self.analysis_job.cancel()
            self.analysis_job = None
        if snapshot is None:
            snapshot = Document.of([*self.scene.actors.values(), *self.scene.links.values()])
        if len(self.scene.actors) <= SYNC_ACTORS:
            self._show_analysis(analyse_ecosystem(snapshot))
            return
        self.findings.show_busy()
        job = Job(lambda _progress, _stop: analyse_ecosystem(snapshot))
        job.finished.connect(self._analysed)  # bound methods: nothing is called once the view is gone
        job.failed.connect(self._analysis_failed)
        self.analysis_job = job
        job.start()

    def _analysed(self, analysis: EcosystemAnalysis) -> None:
        if self.sender() is self.analysis_job:  # a newer analysis may already be under way
            self._show_analysis(analysis)

    def _analysis_failed(self, err: Exception) -> None:
        if self.sender() is self.analysis_job:
            self.analysis_job = None
            dialogs.show_error(self, err)

    def _show_analysis(self, analysis: EcosystemAnalysis) -> None:
        if not self._document_open():
            return
        self.analysis = analysis
        self.analysis_job = None
        _latest[self.doc] = analysis
        self.findings.show_analysis(analysis)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        metric = self.size_by.currentData()
        if metric == "size":
            scales = _sizes(self.scene.actors.values())
        elif self.analysis is not None:
            values = self.analysis.metric(metric)
            top = max(values.values(), default=0.0) or 1.0
            scales = {i: 0.7 + 1.1 * math.sqrt(max(v, 0.0) / top) for i, v in values.items()}
        else:
            return
        self.scene.set_scales(scales)

    def _document_open(self) -> bool:
        """False once the window has closed this view's document (a late result from another thread)."""
        return getattr(self.window(), "doc", None) is self.doc

    # ----- selection ------------------------------------------------------------------------
    def selected_refs(self) -> list[tuple[str, str]]:
        """Actors in the order they were picked (Connect links the first to the second)."""
        selected = self.scene.selected_actor_ids()
        self._order = [i for i in self._order if i in selected] + [i for i in selected if i not in self._order]
        return [("actor", i) for i in self._order] + [("link", i) for i in self.scene.selected_links]

    def show_selection(self, refs: list[tuple[str, str]]) -> None:
        actors = [i for kind, i in refs if kind == "actor"]
        self.scene.select(actors, [i for kind, i in refs if kind == "link"])
        self._order = [i for i in actors if i in self.scene.actors]

    def renamable(self, item) -> tuple[str, str, str] | None:
        return ("actor", item.actor_id, "name") if isinstance(item, ActorItem) else None

    def select_ids(self, actor_ids: list[str], link_ids: Iterable[str] = ()) -> None:
        self._order = [i for i in actor_ids if i in self.scene.actors]  # picked in this order
        self.scene.select(actor_ids, link_ids)

    def show_actors(self, ids: list[str]) -> None:
        """Select the actors a finding names and bring them into view."""
        self.select_ids(ids)
        items = self.scene.items_for(ids)
        if items:
            area = QRectF(items[0].sceneBoundingRect())
            for item in items[1:]:
                area = area.united(item.sceneBoundingRect())
            if not self.canvas.visible_rect().contains(area):
                self.canvas.centerOn(area.center())

    # ----- edits ------------------------------------------------------------------------------
    def add_actor(self, kind: str | None = None) -> str | None:
        """Add an actor of `kind` (the last kind added by default) at the centre of the map."""
        if self.doc.read_only:
            return None
        self.new_type = kind or self.new_type
        centre = self.canvas.mapToScene(self.canvas.viewport().rect().center())
        x, y = self._free_spot(centre)
        label = ActorType(self.new_type).label
        actor = Actor.create(
            name=f"New {label if label.isupper() else label.lower()}", actor_type=self.new_type, x=x, y=y
        )
        if self.doc.run(
            StoreCommand(ops.create([actor]), f"Add {label if label.isupper() else label.lower()}", origin="ecosystem")
        ):
            self.select_ids([actor.id])
            self.canvas.setFocus()
            return actor.id
        return None

    def _free_spot(self, centre: QPointF) -> tuple[float, float]:
        taken = list(self.scene.place.values())
        return free_spot((centre.x(), centre.y()), taken)

    def connect_selected(self) -> str | None:
        """Link the two selected actors: from the one picked first to the one picked second."""
        if self.doc.read_only:
            return None
        if len(self._order) != 2:
            dialogs.inform(
                self,
                "Connect actors",
                "Select exactly two actors (click one, then Ctrl+click the other), then press Ctrl+L. "
                "The link goes from the first to the second; change its type and weight in the inspector.",
            )
            return None
        return self._link(*self._order)

    def link_from_here(self) -> None:
        """L: the actor under the keyboard cursor is where a link starts; Enter on another ends it."""
        item = self.canvas.reader.current()
        if self.doc.read_only or not isinstance(item, ActorItem):
            self._say("Put the keyboard cursor on an actor first (Tab or the arrow keys), then press L.")
            return
        self._link_from = item.actor_id
        self._say(f"Linking from '{item.entity.name}': move to the other actor and press Enter; Esc cancels.")

    def activate(self, item) -> None:
        """Enter on an actor ends a link begun with L; otherwise F2 and Enter rename."""
        source, self._link_from = self._link_from, None
        if source is None or not isinstance(item, ActorItem):
            super().activate(item)
        elif source == item.actor_id:
            self._say("A link needs two different actors; press L again to start over.")
        elif source in self.scene.actors:
            self._link(source, item.actor_id)

    def _say(self, text: str) -> None:
        """A passing remark in the status bar, which screen readers hear too."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10000)

    def _link(self, source: str, target: str) -> str | None:
        """One link from `source` to `target`, selected once made (one undo step)."""
        link = Link.create(source_id=source, target_id=target)
        names = f"'{self.scene.actors[source].name}' and '{self.scene.actors[target].name}'"
        if self.doc.run(StoreCommand(ops.create([link]), f"Connect {names}", origin="ecosystem")):
            self.select_ids([], [link.id])
            return link.id
        return None

    def _actors_moved(self, moved: list) -> None:
        edits = [("actor", id_, {"x": x, "y": y}) for id_, (x, y) in moved]
        if not self.doc.run(
            StoreCommand(ops.update(edits), self._text("Move", [m[0] for m in moved]), origin="ecosystem")
        ):
            self.scene.restore_positions(m[0] for m in moved)

    def _text(self, verb: str, ids: list[str]) -> str:
        if len(ids) == 1:
            return f"{verb} '{self.scene.actors[ids[0]].name}'"
        return f"{verb} {count(len(ids), 'actor')}"

    def nudge(self, dx: float, dy: float) -> None:
        ids = self.scene.selected_actor_ids()
        if not ids or self.doc.read_only:
            return
        items = self.scene.items_for(ids)
        edits = [("actor", i.actor_id, {"x": round(i.x() + dx, 1), "y": round(i.y() + dy, 1)}) for i in items]
        self.doc.run(StoreCommand(ops.update(edits), self._text("Move", ids), origin="ecosystem"))

    def delete(self) -> None:
        """Delete the selected actors and links as one step; the domain's deletion plan takes the links
        of deleted actors with them."""
        actors = self.scene.selected_actor_ids()
        links = list(self.scene.selected_links)
        if not actors and not links:
            return
        if actors and links:
            text = f"Delete {count(len(actors), 'actor')} and {count(len(links), 'link')}"
        else:
            text = (
                self._text("Delete", actors)
                if actors
                else f"Delete {'link' if len(links) == 1 else count(len(links), 'link')}"
            )
        refs = [("actor", i) for i in actors] + [("link", i) for i in links]
        self.doc.run(StoreCommand(ops.Delete(refs), text, origin="ecosystem"))

    def import_data(self) -> None:
        """Ask for files and import them; they are checked beside the window, one import at a time."""
        if self.importer.start():
            self.import_action.setEnabled(False)

    def _imported(self, plan: ImportPlan | None) -> None:
        self.import_action.setEnabled(not self.doc.read_only)

    def cancel_work(self) -> None:
        """Esc: stop a layout or an import under way (neither changes anything), or a link being made."""
        self.layout_runner.cancel()
        self.import_progress.cancel()
        self.export_progress.cancel()
        if self._link_from is not None:
            self._link_from = None
            self._say("No link made.")

    # ----- layout -------------------------------------------------------------------------------
    def layout_unplaced(self) -> None:
        self._layout(sorted(self.scene.waiting))

    def layout_selection(self) -> None:
        self._layout(self.scene.selected_actor_ids())

    def layout_all(self) -> None:
        self._layout(list(self.scene.actors))

    def _layout(self, moving: list[str]) -> None:
        if self.scene.loading:
            self._say("The map is still being read; lay it out once its links are shown.")
            return
        if not moving or self.doc.read_only:
            return
        placed = {i: (a.x, a.y) for i, a in self.scene.actors.items() if a.x is not None and a.y is not None}
        edges = [(k.source_id, k.target_id) for k in self.scene.links.values()]
        self.layout_runner.start(list(self.scene.actors), edges, placed, moving)

    def _laid_out(self, positions: dict) -> None:
        if not self._document_open():
            return
        edits = [("actor", i, {"x": x, "y": y}) for i, (x, y) in positions.items() if i in self.scene.actors]
        if edits:
            self.doc.run(
                StoreCommand(ops.update(edits), self._text("Lay out", [e[1] for e in edits]), origin="ecosystem")
            )
            if self.canvas.auto_fit:  # unless the user has zoomed, show the whole map again
                self.canvas.fit()

    # ----- shell actions --------------------------------------------------------------------------
    def select_all(self) -> None:
        self.select_ids(list(self.scene.actors))

    def find(self) -> None:  # type: ignore[override]  # the Find action, see SectionView.find
        self.search.setFocus()
        self.search.selectAll()

    def _select_matches(self) -> None:
        text = self.search.text().strip().casefold()
        if text:
            self.show_actors([i for i, a in self.scene.actors.items() if text in a.name.casefold()])
            self.canvas.setFocus()
