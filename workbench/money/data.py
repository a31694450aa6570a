"""The money data files in resources/money, read once (from resources.FOLDER: the currencies are read
to open any document, and importlib.resources' readers would cost every start)."""

from __future__ import annotations

import functools
import json
from typing import Any

from resources import FOLDER


@functools.cache
def money_data(name: str) -> dict[str, Any]:
    text = (FOLDER / "money" / f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)
