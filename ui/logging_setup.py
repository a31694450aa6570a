"""A rotating log file in the app-data folder: errors shown to the user keep their detail here."""

from __future__ import annotations

import logging

from db.paths import logs_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RotatingLog(logging.Handler):
    """Writes to a size-rotated file (1 MB, five old files kept), opened on the first record.

    Most sessions log nothing, and the standard rotating handler's module (sockets, pickle, queues)
    costs a tenth of the window's start-up time, so it is loaded only when there is something to keep.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(FORMAT))
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                from logging.handlers import RotatingFileHandler

                self._file = RotatingFileHandler(
                    logs_dir() / "iip-workbench.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
                )
                self._file.setFormatter(self.formatter)
                self._file.handleError = self.handleError  # type: ignore[method-assign]
            self._file.emit(record)
        except Exception:
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """Say nothing: the log keeps detail for later, and a full or failing disk under it must not
        print a traceback beside the one sentence the user is reading (or stop the program)."""

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging() -> logging.Handler:
    """One log file per process: a second call (commands run in one process, as tests do) replaces the
    first handler instead of writing every record twice."""
    handler = RotatingLog()
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingLog)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler
