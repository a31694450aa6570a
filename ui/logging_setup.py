"""A rotating log file in the app-data folder: errors shown to the user keep their detail here."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from db.paths import logs_dir


def setup_logging() -> logging.Handler:
    handler = RotatingFileHandler(logs_dir() / "iip-workbench.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler
