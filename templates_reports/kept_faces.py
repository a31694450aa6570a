"""A typeface's tables as reportlab reads them, kept between runs of the program.

Reading a TrueType file's tables (its character map, each glyph's width) is Python work: about 6 ms a
style, 24 ms for the house face's four, a twentieth of a brief from the command line, at every run. A
font file's tables are the same every time, so they are kept in the app-data folder the program names
(`keep_in`), under the SHA-256 of the file and the version of reportlab that read it, and read back with
pickle. As with the compiled methods kept beside them, only this user's program writes that folder; a
kept copy that cannot be read counts as none, and the tables are read from the font and kept anew.

Nothing here loads reportlab: every command names the folder, and most never draw a page.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import Any

from workbench.safe_files import write_atomically

FORMAT = 1
log = logging.getLogger(__name__)
_folder: Path | None = None


def keep_in(folder: Path | None) -> None:
    """Keep tables in `folder` from now on (None: read every font afresh, keep nothing)."""
    global _folder
    _folder = folder


def _path(data: bytes, reader: str) -> Path | None:
    digest = hashlib.sha256(data).hexdigest()[:32]
    return _folder / f"{digest}-{reader}-{FORMAT}.tables" if _folder is not None else None


def kept(data: bytes, reader: str) -> dict[str, Any] | None:
    """The tables kept for the font file `data` as `reader` (a reportlab version) read them, if any."""
    path = _path(data, reader)
    if path is None or not path.is_file():
        return None
    try:
        tables = pickle.loads(path.read_bytes())
    except Exception as err:  # a copy cut short or from elsewhere: read the font again
        log.info("kept font tables %s not read: %s", path.name, err)
        return None
    return tables if isinstance(tables, dict) else None


def keep(data: bytes, reader: str, tables: dict[str, Any]) -> None:
    """Keep the tables read from `data`; a folder that cannot be written only means reading them again."""
    path = _path(data, reader)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as err:
        log.info("font tables not kept: %s", err)
