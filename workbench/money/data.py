"""The money data files in resources/money, read once."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def money_data(name: str) -> dict[str, Any]:
    text = resources.files("resources").joinpath("money", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)
