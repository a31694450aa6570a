"""The main window: menus, navigator, inspector, undo history, status bar and the open document."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QUndoView,
    QWidget,
)

from db import known_files
from db.errors import ChangedOnDisk, DocumentBusy, DocumentLocked, UntrustedDocument
from db.session import DocumentSession, HowToOpen, Recoverable, discard_recoverable, list_recoverable
from ui import actions, collector, dialogs, jobs, live, opening_ahead, settings, theme, window_layout
from ui.app import when_ready
from ui.dialogs import Choice
from ui.document import OpenDocument
from ui.inspector import Inspector
from ui.load_ahead import LoadAhead
from ui.navigator import Navigator
from ui.views.base import VIEW_ACTIONS, SectionView
from ui.views.sections import BY_KEY, SECTIONS, section_for
from workbench.errors import WorkbenchError
from workbench.project import PROJECT_ID, Project

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from ui.presentation import Presentation
    from ui.views.welcome import WelcomeView

log = logging.getLogger(__name__)
APP_TITLE = "IIP Workbench"
GEOMETRY_SAVE_MS = 500  # after the last resize or move


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None):
        """A window showing the document at `path` if given (and it opens), else the welcome screen."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName("IIP Workbench main window")
        self.setAcceptDrops(True)
        self.doc: OpenDocument | None = None
        self.opening: Path | None = None  # the file being checked beside the window, while the window waits
        self.views: dict[str, QWidget] = {}
        self.load_ahead = LoadAhead([section.module for section in SECTIONS], self)  # once a document shows
        self.undo_group = QUndoGroup(self)
        self.actions_by_name: dict[str, QAction] = {}

        self.stack = QStackedWidget()
        self.stack.setObjectName("centralStack")
        self._welcome: WelcomeView | None = None
        self.setCentralWidget(self.stack)

        self.navigator = Navigator()
        self.navigator.section_chosen.connect(self.show_section)
        self.navigator.itemActivated.connect(lambda _item: self.focus_view())  # Enter: into the section
        self._routed: list[QAction] = []  # the section's keys, lent to the inspector (see _route_keys)
        self.inspector = Inspector()
        self.undo_view = QUndoView(self.undo_group)
        self.undo_view.setObjectName("undoHistory")
        self.undo_view.setAccessibleName("Undo history")
        self.undo_view.setEmptyLabel("<original document>")
        closed = window_layout.restore(self)  # before the docks: they take their places from it
        self.nav_dock = self._dock("navigatorDock", "Navigator", self.navigator, "left")
        self.inspector_dock = self._dock("inspectorDock", "Inspector", self.inspector, "right")
        self.undo_dock = self._dock("undoDock", "Undo history", self.undo_view, "right", visible=False)
        self._dock_wanted = {d.objectName(): d.objectName() not in closed for d in (self.nav_dock, self.inspector_dock)}

        self._keep_geometry = QTimer(self)
        self._keep_geometry.setSingleShot(True)
        self._keep_geometry.setInterval(GEOMETRY_SAVE_MS)
        self._keep_geometry.timeout.connect(lambda: window_layout.save_geometry(self))
        self._build_status_bar()
        self._presentation: Presentation | None = None
        self._keeping: jobs.Latest | None = None  # the findings of a file just saved (_keep_findings_of)
        self._recent: Path | None = None  # a document opened, not yet listed among the recent files
        self._build_menus()
        if path is None or not self.open_path(path):
            self.set_document(None)

    # ----- construction --------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: str, visible: bool = True) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        window_layout.place(self, dock, area, visible=visible)
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.status_name = QLabel()
        self.status_saved = QLabel()
        self.status_marking = QLabel()
        self.status_read_only = QLabel()
        for name, label in (
            ("statusName", self.status_name),
            ("statusSaved", self.status_saved),
            ("statusMarking", self.status_marking),
            ("statusReadOnly", self.status_read_only),
        ):
            label.setObjectName(name)
            bar.addPermanentWidget(label)
        self.open_progress = jobs.JobProgress("openProgress", "Opening a document", "Opening cannot be stopped")
        bar.addWidget(self.open_progress, 1)
        bar.messageChanged.connect(lambda text: live.announce(bar, text))  # a passing message is read out too
        theme.take_role(self.status_marking, "strong")
        theme.take_role(self.status_read_only, "error")

    def _action(self, name: str, slot: Callable[[], object] | None = None, action: QAction | None = None) -> QAction:
        """Registry entry `name` as a window action (or on `action`, one Qt made), kept by name."""
        if action is None:
            action = actions.make(self, name, slot)
        else:
            actions.describe(action, name)
            self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _menu(self, title: str, name: str, items: tuple[str | QMenu, ...]) -> QMenu:
        """A menu of window actions (by name) and submenus; "-" is a separator."""
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(name)
        for item in items:
            if isinstance(item, QMenu):
                menu.addMenu(item)
            elif item == "-":
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[item])
        return menu

    def _build_menus(self) -> None:
        a = self._action
        a("actionNew", self.new_document)
        a("actionNewSample", self.new_from_sample)
        a("actionOpen", self.open_dialog)
        a("actionSave", self.save)
        a("actionSaveAs", self.save_as)
        a("actionExport", partial(self._delegate, "export"))
        a("actionExportBrief", self.export_brief)
        a("actionProperties", self.edit_properties)
        a("actionClose", self.close_document)
        a("actionQuit", self.close)
        a("actionUndo", action=self.undo_group.createUndoAction(self, "&Undo"))
        a("actionRedo", action=self.undo_group.createRedoAction(self, "&Redo"))
        for name in VIEW_ACTIONS:
            if name != "export":  # File > Export, above
                a(f"action_{name}", partial(self._delegate, name))
        for dock in (self.nav_dock, self.inspector_dock, self.undo_dock):
            a(f"toggle_{dock.objectName()}", action=dock.toggleViewAction())
        a("focusNavigator", lambda: self.focus_dock(self.nav_dock))
        a("focusInspector", lambda: self.focus_dock(self.inspector_dock))
        a("actionFullScreen", self.toggle_full_screen).setCheckable(True)
        a("actionPresentation", lambda: self.presentation.toggle()).setCheckable(True)
        a("actionQuickStart", self.quick_start)
        a("actionShortcuts", self.show_shortcuts)
        a("actionAbout", self.about)

        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent_menu.setToolTipsVisible(True)
        theme_menu = QMenu("&Theme", self)
        theme_menu.setObjectName("themeMenu")
        for theme_key, label in theme.THEMES.items():  # named by the themes' own files, not the registry
            act = QAction(theme_menu)  # see actions.make: not QAction(text, parent)
            act.setText(label)
            act.setObjectName(f"theme_{theme_key}")
            act.setToolTip(f"Show the window in the {label.lower()} theme")
            act.setProperty("accessibleName", label)
            act.triggered.connect(lambda _checked=False, key=theme_key: self.set_theme(key))
            theme_menu.addAction(act)
            act.setCheckable(True)
            act.setChecked(theme.current() == theme_key)
            self.actions_by_name[act.objectName()] = act
        file_items = ("actionNew", "actionNewSample", "actionOpen", self.recent_menu, "-", "actionSave", "actionSaveAs")
        self._menu(
            "&File",
            "fileMenu",
            (*file_items, "actionExport", "actionExportBrief", "actionProperties", "-", "actionClose", "actionQuit"),
        )
        edit = ("action_cut", "action_copy", "action_paste", "action_delete", "action_select_all", "action_find")
        self._menu("&Edit", "editMenu", ("actionUndo", "actionRedo", "-", *edit))
        docks: tuple[str, ...] = ("toggle_navigatorDock", "toggle_inspectorDock", "toggle_undoDock", "-")
        docks += ("focusNavigator", "focusInspector", "-")
        zooms = ("action_zoom_in", "action_zoom_out", "action_zoom_fit", "-")
        self._menu("&View", "viewMenu", (*docks, *zooms, "actionFullScreen", "actionPresentation", theme_menu))
        self._menu("&Help", "helpMenu", ("actionQuickStart", "actionShortcuts", "actionAbout"))

    @property
    def welcome(self) -> WelcomeView:
        """The welcome screen, made when first shown (a window opened on a document may never need it)."""
        if self._welcome is None:
            from ui.views.welcome import WelcomeView

            self._welcome = WelcomeView()
            self._welcome.new_requested.connect(self.new_document)
            self._welcome.sample_requested.connect(self.new_from_sample)
            self._welcome.open_requested.connect(self.open_dialog)
            self._welcome.open_path.connect(self.open_path)
            self.stack.addWidget(self._welcome)
        return self._welcome

    @property
    def presentation(self) -> Presentation:
        """Presentation mode, made on first use (F5): starting the window does not need it."""
        if self._presentation is None:
            from ui.presentation import Presentation

            self._presentation = Presentation(self, self.stack)
            self._presentation.changed.connect(self.actions_by_name["actionPresentation"].setChecked)
        return self._presentation

    # ----- document lifecycle --------------------------------------------------------------
    def _drop_views(self) -> None:
        self._route_keys(None)  # their actions go with them (deleted as soon as the events turn, see jobs.wait_for)
        # The one on screen goes last: taking it away first would show another in its place, and a section
        # that had let go of its content would read it again from a document about to close.
        shown = self.stack.currentWidget()
        for view in sorted(self.views.values(), key=lambda view: view is shown):
            self.stack.removeWidget(view)
            view.hide()  # deferred work of the view stops before its document closes
            view.deleteLater()
        self.views = {}

    def set_document(self, doc: OpenDocument | None) -> None:
        """Show `doc` (or the welcome screen); the previous document must already be closed."""
        self._drop_views()
        self.doc = doc
        self.navigator.set_document(doc)
        self.inspector.set_document(doc)
        for dock in (self.nav_dock, self.inspector_dock):
            dock.setVisible(doc is not None and self._dock_wanted.get(dock.objectName(), True))
        if doc is None:
            self.welcome.set_recent(settings.recent_files())
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.undo_group.addStack(doc.undo_stack)
            self.undo_group.setActiveStack(doc.undo_stack)
            doc.failed.connect(self._edit_refused)
            doc.changed.connect(lambda _changes: self.update_title())
            doc.typing_changed.connect(self.update_title)  # typed text not stored yet is not "Saved"
            self.show_section(SECTIONS[0].key)  # the navigator may be on it already, from a document closed
            self.focus_view()  # a new or opened document: the keyboard starts in its first section
            collector.set_aside_open_document()  # full collections no longer scan what it holds
            when_ready(self, self.load_ahead.start)  # the sections' code, in the window's idle turns
        self.update_title()
        self.update_actions()

    def show_section(self, key: str) -> None:
        """Show section `key`; what another section had selected is let go (the inspector shows what
        is selected in the section on screen)."""
        if self.doc is None or key not in BY_KEY:
            return
        if self.views.get(key) is not self.current_view() and self.doc.selection:
            self.doc.select([])
        view = self.views.get(key)
        if view is None:
            view = BY_KEY[key].build(self.doc)
            view.setAccessibleName(BY_KEY[key].title)
            if isinstance(view, SectionView):
                view.jump_requested.connect(self.jump_to)
                view.section_requested.connect(self.show_section)
            self.views[key] = view
            self.stack.addWidget(view)
            collector.set_aside_build()  # before work beside it made moves it to the middle generation
        self.stack.setCurrentWidget(view)
        self.navigator.show_section(key)
        self._route_keys(view)
        self.update_actions()
        self.load_ahead.again()  # a section may load a library others wait for

    def _route_keys(self, view: QWidget | None) -> None:
        """The keys of the section on screen work wherever the focus is in it, its inspector included:
        its actions are lent to the inspector while it shows (only then, as sections share keys). Plain
        letters (V votes) stay in the section, where they cannot be mistaken for typing."""
        for action in self._routed:
            self.inspector_dock.removeAction(action)
        owners = [] if view is None else [view, *view.findChildren(QWidget)]
        actions = [action for owner in owners for action in owner.actions()]
        self._routed = []
        if actions:  # the overview has none: Qt's namespace stays unloaded at start-up (see ui/actions.py)
            from PySide6.QtCore import Qt

            self._routed = [
                action
                for action in actions
                if action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
                and any(_not_typing(key) for key in action.shortcuts())
            ]
        self.inspector_dock.addActions(self._routed)

    def focus_view(self) -> None:
        """Put the keyboard in the section on screen: its first control in Tab order."""
        view = self.current_view()
        if view is not None and view.focusProxy() is not None:
            view.setFocus()  # a view that names its first control (the overview, shown at start-up, does)
        elif view is not None:
            _focus_first(view)

    def focus_dock(self, dock: QDockWidget) -> None:
        """Alt+1, Alt+2: the keyboard goes to the navigator or the inspector's first field (the dock
        shown if hidden); an empty inspector takes the focus itself, and says why it is empty."""
        if self.doc is not None:
            dock.show()
            dock.raise_()
            _focus_first(dock.widget())

    def jump_to(self, refs: list[tuple[str, str]]) -> None:
        """Select objects named in another view (a failing checklist question) and show their section."""
        key = section_for(refs[0][0]) if refs and self.doc is not None else None
        if key is not None:
            self.show_section(key)  # first, so a view built now hears the selection
            assert self.doc is not None
            self.doc.select(refs)

    def current_view(self) -> QWidget | None:
        widget = self.stack.currentWidget()
        return None if widget is self._welcome else widget

    @property
    def modified(self) -> bool:
        doc = self.doc
        return doc is not None and (doc.session.dirty or doc.typing)

    def new_document(self) -> None:
        self._start(lambda: DocumentSession.new())

    def new_from_sample(self) -> None:
        from workbench.sample import sample_entities

        self._start(lambda: DocumentSession.new(sample_entities(), title="Battery scale-up sample"))

    def _start(self, make: Callable[[], DocumentSession]) -> bool:
        if not self.close_document():
            return False
        try:
            session = make()
        except WorkbenchError as err:
            dialogs.show_error(self, err)
            return False
        self.set_document(OpenDocument(session, self))
        return True

    def open_dialog(self) -> None:
        self._note_recent()
        folder = str(settings.recent_files()[0].parent) if settings.recent_files() else ""
        path = dialogs.ask_open_path(self, folder)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        path = Path(path)
        if self._still_opening():
            return False
        if self.doc is not None and self.doc.session.path == path.resolve():
            return True  # already open here
        if not self.close_document():
            return False
        try:
            try:
                session = self._open(path)
            except DocumentLocked as locked:
                choice = dialogs.ask_locked(self, path, locked)
                if choice is Choice.CANCEL or (choice is Choice.OPEN_ANYWAY and not self._confirm_break(path)):
                    return False
                session = self._open(
                    path,
                    read_only=choice is Choice.READ_ONLY,
                    as_copy=choice is Choice.COPY,
                    break_lock=locked.seen if choice is Choice.OPEN_ANYWAY else None,
                )
            except UntrustedDocument as untrusted:
                if not dialogs.ask_repair(self, path, untrusted):
                    return False
                session = self._open(path, repair=True)  # an untitled copy: the file stays as it is
        except WorkbenchError as err:
            dialogs.show_error(self, err, "Could not open the document")
            return False
        except OSError as err:
            dialogs.show_error(self, WorkbenchError(f"{path.name} could not be opened: {err.strerror}.", str(err)))
            return False
        except Exception as err:  # a bug must not close the window: report it, keep going
            log.exception("Opening %s failed", path)
            dialogs.show_error(
                self,
                WorkbenchError(
                    f"{path.name} could not be opened because of an internal error.", f"{type(err).__name__}: {err}"
                ),
            )
            return False
        self.set_document(OpenDocument(session, self))
        if session.path is not None:  # written once the window is whole (or closes): not on its first screen
            self._recent = session.path
            when_ready(self, self._note_recent)
        if session.repairs:
            self.statusBar().showMessage("Repaired copy: " + " ".join(session.repairs), 30000)
        elif session.info.upgraded_from is not None:
            self.statusBar().showMessage(
                "This document was made by an earlier version; it will be upgraded when you save it.", 10000
            )
        if session.read_only_reason:
            self.statusBar().showMessage(session.read_only_reason, 20000)
            self.status_read_only.setToolTip(session.read_only_reason)
        project = self.doc.get("project", PROJECT_ID) if self.doc is not None else None
        if isinstance(project, Project) and project.marking_not_handled:  # an old SECRET document: said once
            dialogs.inform(self, "Protective marking", project.marking_not_handled)
        return True

    def _open(self, path: Path, **how: Unpack[HowToOpen]) -> DocumentSession:
        """DocumentSession.open, its checks of every row of the file beside the window (a large file takes
        a tenth of a second and more), the window painting and showing progress meanwhile."""
        ahead = None if how else opening_ahead.take(path)  # the file named at start: checked already, or nearly
        job = jobs.Job(lambda _progress, _stop: ahead.wait() if ahead else DocumentSession.check(path, **how))
        self.open_progress.follow(job, f"Opening {path.name}")
        self.open_progress.hold("checking every entry")
        self.opening = path
        try:
            checked = jobs.wait_for(job)
        finally:
            self.opening = None
        return DocumentSession.take(checked)

    def _still_opening(self) -> bool:
        """True, and the user told so, while a document is being opened: the window neither closes nor
        opens another meanwhile (the events it turns while it waits include a close or a dropped file)."""
        if self.opening is None:
            return False
        self.statusBar().showMessage(f"{self.opening.name} is still opening; try again once it is open.", 5000)
        return True

    def _confirm_break(self, path: Path) -> bool:
        return dialogs.confirm(
            self,
            "Open anyway",
            f"Open '{path.name}' for editing anyway?",
            "Do this only if no one else is working on it: if someone is, one of you will lose changes.",
        )

    def recover(self, item: Recoverable) -> bool:
        if not self.close_document():
            return False
        try:
            session = DocumentSession.recover(item)
        except WorkbenchError as err:
            dialogs.show_error(self, err)
            return False
        self.set_document(OpenDocument(session, self))
        return True

    def offer_recovery(self) -> None:
        """At start: offer back every unsaved working copy left by a crash."""
        for item in list_recoverable():
            choice = dialogs.ask_recover(self, item)
            if choice is Choice.RECOVER:
                target = self if self.doc is None else _spawn_window()
                target.recover(item)
            elif choice is Choice.DISCARD:
                discard_recoverable(item)

    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.session.path is None or self.doc.read_only:
            return self.save_as()
        return self._save(self.doc.session.save)

    def save_as(self) -> bool:
        if self.doc is None:
            return False
        current = self.doc.session.path
        project = self.doc.store.get_of(Project, "project")
        assert project is not None  # every document has its project
        suggestion = str(current) if current else f"{project.title}.iipw"
        path = dialogs.ask_save_path(self, suggestion)
        if path is None:
            return False
        was_read_only, session = self.doc.read_only, self.doc.session
        ok = self._save(lambda: session.save_as(path))
        if ok and was_read_only:  # the copy is editable: views and inspector rebuild as such
            self._drop_views()
            self.inspector.rebuild()
            self.show_section(SECTIONS[0].key)
        return ok

    def _save(self, do: Callable[[], Path]) -> bool:
        assert self.doc is not None
        self.doc.commit_typing()  # Ctrl+S in a field saves what it shows
        try:
            path = do()
        except ChangedOnDisk:
            return self._save_changed_on_disk()
        except WorkbenchError as err:
            dialogs.show_error(self, err, "Could not save")
            return False
        except OSError as err:
            dialogs.show_error(self, WorkbenchError(f"Could not save: {err.strerror}. Your work is safe.", str(err)))
            return False
        settings.add_recent(path)
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        self.update_title()
        self._keep_findings_of(path, self.doc.session.file_digest)
        return True

    def _keep_findings_of(self, path: Path, digest: str | None) -> None:
        """Beside the window: the overview's findings of the file just saved, kept for its next opening today
        (db.known_files), so that it shows whole at once."""
        if digest is None:
            return
        if self._keeping is None:
            self._keeping = jobs.Latest(self)
        self._keeping.request(lambda _progress, _stop: known_files.keep_findings_of_saved(path, digest))

    def _save_changed_on_disk(self) -> bool:
        """Another program changed the file since it was opened here: ask before overwriting it."""
        doc = self.doc
        assert doc is not None  # only a save of an open document gets here
        session = doc.session
        choice = dialogs.ask_changed_on_disk(self, session.display_name)
        if choice is Choice.SAVE_AS:
            return self.save_as()
        if choice is Choice.OVERWRITE:
            return self._save(lambda: session.save(overwrite=True))
        if choice is Choice.RELOAD and session.path is not None:
            path = session.path
            if self.close_document(ask=False):  # the user chose to discard the unsaved changes
                self.open_path(path)
        return False

    def _note_recent(self) -> None:
        """The document opened last heads the recent files (File ▸ Open Recent, the welcome screen)."""
        if self._recent is not None:
            settings.add_recent(self._recent)
            self._recent = None

    def close_document(self, *, ask: bool = True) -> bool:
        """Close the open document, asking about unsaved changes; False if the user cancels."""
        self._note_recent()
        if self.doc is None:
            return True
        self.doc.commit_typing()
        if ask and self.modified:
            choice = dialogs.ask_unsaved(self, self.doc.session.display_name)
            if choice is Choice.CANCEL or (choice is Choice.SAVE and not self.save()):
                return False
        doc = self.doc
        self.undo_group.removeStack(doc.undo_stack)
        self._dock_wanted = {d.objectName(): not d.isHidden() for d in (self.nav_dock, self.inspector_dock)}
        self.set_document(None)
        doc.close()
        doc.deleteLater()
        collector.document_closed()
        return True

    def export_brief(self) -> None:
        """File > Export brief; from the Briefs section, the brief on screen (its typed text included)."""
        from ui.brief_export import export_brief
        from ui.views.briefs import BriefsView

        view = self.current_view()
        if isinstance(view, BriefsView):
            view.export()
        elif self.doc is not None:
            export_brief(self, self.doc)

    def edit_properties(self) -> None:
        from ui.project_dialog import ProjectDialog

        if self.doc is not None:
            ProjectDialog(self.doc, self).exec()

    # ----- state shown ---------------------------------------------------------------------
    def _edit_refused(self, err: WorkbenchError) -> None:
        """An edit not made: said in a dialog, but while an import is being written (the document takes
        no change until it is done) in the status bar, as the typing it refuses goes on."""
        if isinstance(err, DocumentBusy):
            self.statusBar().showMessage(err.message, 10000)
        else:
            dialogs.show_error(self, err)

    def update_title(self) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowModified(False)
            for label in (self.status_name, self.status_saved, self.status_marking, self.status_read_only):
                label.setText("")
            return
        name = doc.session.display_name
        self.setWindowTitle(f"{name}[*] - {APP_TITLE}")
        self.setWindowModified(self.modified)
        project = doc.store.get_of(Project, "project")
        self.status_name.setText(name)
        self.status_saved.setText(
            "Unsaved changes" if self.modified else "Saved" if doc.session.path else "Not saved yet"
        )
        self.status_marking.setText(project.marking_text if project else "")
        self.status_read_only.setText("Read-only" if doc.read_only else "")

    def update_actions(self) -> None:
        doc = self.doc
        has_doc = doc is not None
        editable = doc is not None and not doc.read_only
        view = self.current_view()
        for name in ("actionSave", "actionSaveAs", "actionClose", "actionProperties", "actionExportBrief"):
            self.actions_by_name[name].setEnabled(has_doc)
        self.actions_by_name["actionSave"].setEnabled(editable)
        for name in VIEW_ACTIONS:
            supported = isinstance(view, SectionView) and view.supports(name)
            editing = name in ("cut", "paste", "delete")
            action = self.actions_by_name.get(f"action_{name}") or self.actions_by_name["actionExport"]
            action.setEnabled(bool(supported and (editable or not editing)))
        # None leaves the group without an active stack (Qt allows it; PySide6's stub does not say so).
        self.undo_group.setActiveStack(doc.undo_stack if doc is not None and editable else None)  # type: ignore[arg-type]

    def _delegate(self, name: str) -> None:
        view = self.current_view()
        if isinstance(view, SectionView) and view.supports(name):
            getattr(view, name)()

    def _fill_recent_menu(self) -> None:
        self._note_recent()
        self.recent_menu.clear()
        paths = settings.recent_files()
        from PySide6.QtCore import Qt

        metrics = self.recent_menu.fontMetrics()
        for path in paths:
            # The whole path, shortened in the middle so its name stays; in full in the tip and status bar.
            shown = metrics.elidedText(str(path), Qt.TextElideMode.ElideMiddle, metrics.averageCharWidth() * 70)
            act = self.recent_menu.addAction(shown.replace("&", "&&"), partial(self.open_path, path))
            act.setToolTip(str(path))
            act.setStatusTip(str(path))
        if not paths:
            self.recent_menu.addAction("No recent documents").setEnabled(False)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def set_theme(self, key: str) -> None:
        theme.apply(key)
        for name, act in self.actions_by_name.items():
            if name.startswith("theme_"):
                act.setChecked(name == f"theme_{key}")

    def quick_start(self) -> None:
        dialogs.inform(self, "Quick start", theme.read_help("quick_start.html"))

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts, beside the window: every key, by where it works."""
        from PySide6.QtCore import Qt

        from ui.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def about(self) -> None:
        from workbench import __version__

        dialogs.inform(
            self,
            "About IIP Workbench",
            f"<b>IIP Workbench {__version__}</b><br>Design industrial innovation policy offline: "
            "spheres, value chain, ecosystem, checklists and ministerial briefs.",
        )

    # ----- window events -------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._geometry_changed()

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        self._geometry_changed()

    def _geometry_changed(self) -> None:
        """Saved a moment after the user stops resizing or moving (not only on close: a crash keeps it)."""
        if self.isVisible():
            self._keep_geometry.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._still_opening() or not self.close_document():
            event.ignore()
            return
        window_layout.save(self, {name for name, wanted in self._dock_wanted.items() if not wanted})
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().lower().endswith(".iipw") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(".iipw"):
                event.acceptProposedAction()
                self.open_path(Path(url.toLocalFile()))
                return


def _focus_first(container: QWidget) -> None:
    """Focus the first control in `container` that Tab would reach, else `container` itself."""
    from PySide6.QtCore import Qt

    widget: QWidget | None = container.nextInFocusChain()
    while widget is not None and widget is not container and container.isAncestorOf(widget):
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()
    container.setFocus(Qt.FocusReason.OtherFocusReason)


def _not_typing(key: QKeySequence) -> bool:
    """True unless `key` is a plain character (V, Shift+V), which a field or list may want for itself."""
    from PySide6.QtCore import Qt

    if key.isEmpty():
        return False
    combined = key[0]  # type: ignore[index]  # PySide's stub lacks QKeySequence's []
    with_shift_at_most = not combined.keyboardModifiers() & ~Qt.KeyboardModifier.ShiftModifier
    return not (with_shift_at_most and len(QKeySequence(combined.key()).toString()) == 1)


_windows: list[MainWindow] = []


def _spawn_window() -> MainWindow:
    from PySide6.QtCore import Qt

    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _windows.append(window)
    window.destroyed.connect(lambda: _windows.remove(window) if window in _windows else None)
    window.show()
    return window
