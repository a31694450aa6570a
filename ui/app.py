"""Start the GUI: application setup, theme, logging, the main window, recovery of lost work."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from db.store import warm_up
from ui import collector, theme
from ui.logging_setup import setup_logging
from workbench import __version__

EXIT_WHEN_READY = "IIP_WORKBENCH_EXIT_WHEN_READY"  # start-up benchmark: quit once the window is usable


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
    if os.environ.get(EXIT_WHEN_READY):
        app.processEvents()
        print("ready", flush=True)
        collector.collect_on_window_thread()
        window.close_document()  # leave no lock file or working copy behind
        return 0
    # Off while starting (ui.cli): start-up makes objects, not garbage. Once the window shows, its thread collects.
    QTimer.singleShot(0, collector.collect_on_window_thread)
    QTimer.singleShot(0, window.offer_recovery)
    QTimer.singleShot(50, warm_up)  # load the write machinery while the user reads the screen
    return app.exec()
