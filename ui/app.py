"""Start the GUI: application setup, theme, logging, the main window, recovery of lost work."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from db.store import warm_up
from ui import collector, compiled_methods, focus_ring, theme
from ui.logging_setup import setup_logging
from workbench import __version__

EXIT_WHEN_READY = "IIP_WORKBENCH_EXIT_WHEN_READY"  # start-up benchmark: quit once the window is whole


_QUIET = ("propagateSizeHints",)  # harmless notices of the offscreen platform


def _qt_message(kind: QtMsgType, _context, message: str) -> None:
    """Route Qt's own warnings to the log file instead of the console."""
    if any(q in message for q in _QUIET):
        return
    level = logging.ERROR if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) else logging.WARNING
    logging.getLogger("qt").log(level, message)


def application() -> QApplication:
    qInstallMessageHandler(_qt_message)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    # Canvas items are cached as pixmaps; room for thousands of them keeps repaints cheap.
    QPixmapCache.setCacheLimit(256 * 1024)
    app.setApplicationName("IIP Workbench")
    app.setApplicationDisplayName("IIP Workbench")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("IIP Workbench")
    focus_ring.follow(app)  # the control with the keyboard shows it, whatever the theme
    return app


def _report_unexpected(window, err: BaseException) -> None:
    """Last line of defence: log the error and tell the user; the window and document stay open."""
    from ui import dialogs

    logging.getLogger("ui").error("Unexpected error", exc_info=err)
    dialogs.show_error(window, err)


def run_gui(path: Path | None) -> int:
    from ui.main_window import MainWindow

    app = application()
    setup_logging()
    theme.apply()
    collector.freeze_start_up()  # modules and classes only: no document is open yet
    window = MainWindow(path=path)  # opened before it shows: no welcome screen flashes by
    window.show()
    sys.excepthook = lambda kind, err, tb: _report_unexpected(window, err)
    # Off while starting (ui.cli): start-up makes objects, not garbage. Once the window shows, its thread collects.
    QTimer.singleShot(0, collector.collect_on_window_thread)
    when_ready(window, compiled_methods.keep)  # for the next start, if this one compiled any
    if os.environ.get(EXIT_WHEN_READY):
        _exit_when_ready(app, window)
    else:
        QTimer.singleShot(0, window.offer_recovery)
        when_ready(window, warm_up_beside)  # once the window is whole, not in its way
    return app.exec()


def when_ready(window, then: Callable[[], object]) -> None:
    """Call `then` once the window has shown whole: its overview complete (ui.views.overview), or at once
    after the first paint when it shows no document or another section."""
    overview = window.current_view()
    if getattr(overview, "attention", True) is not None:
        QTimer.singleShot(0, then)
        return
    called: list[bool] = []  # an overview still working out what needs attention: once it has, the first time

    def once() -> None:
        if not called:
            called.append(True)
            then()

    overview.completed.connect(once)


def _exit_when_ready(app: QApplication, window) -> None:
    """Start-up benchmark: say "shown" after the first paint and "ready" once the window is whole, then quit
    leaving nothing behind (no lock file, no working copy)."""

    def ready() -> None:
        print("ready", flush=True)
        window.close_document()
        app.quit()

    QTimer.singleShot(0, lambda: print("shown", flush=True))
    when_ready(window, ready)


def warm_up_beside() -> None:
    """Load the write machinery (SQLAlchemy) on a thread beside the window, ahead of the first edit."""
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
