"""Actors and links as JSON: {"format": ..., "version": 1, "actors": [...], "links": [...]}.

Each record holds the entity's fields by name. Reading refuses what the standard library would let
through quietly: NaN and Infinity, a key given twice in one object, nesting deep enough to exhaust
the stack. JSON objects carry no line numbers once parsed, so a record is named by its place
('links[3]'); syntax errors name the line. The "format" field marks a file this app wrote: only
then are its ids the document's (see `identity`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.ecosystem.entities import Actor, Link
from workbench.interchange.errors import BadImportFile, line
from workbench.interchange.records import Record, mark_bad_characters
from workbench.interchange.source import MAX_RECORDS

FORMAT = "iip-workbench/ecosystem"
VERSION = 1
LISTS = {"actors": "actor", "links": "link"}


def write_json(actors: Sequence[Actor], links: Sequence[Link]) -> bytes:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "actors": [a.values() for a in actors],
        "links": [link.values() for link in links],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


class _Refused(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number JSON allows")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def load_strict(text: str, file: str, what: str) -> Any:
    """The JSON value of `text`, refusing what the standard library lets through quietly; `what` the
    file should hold ('an ecosystem') names it in the message when it is nested too deeply."""
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        raise BadImportFile(file, f"is not valid JSON ({err.msg})", line(err.lineno)) from None
    except _Refused as err:
        raise BadImportFile(file, str(err)) from None
    except RecursionError:
        raise BadImportFile(file, f"is nested too deeply to be {what}") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise BadImportFile(file, "holds a number with too many digits to be read") from None


def read_json(text: str, file: str) -> list[Record]:
    data = load_strict(text, file, "an ecosystem")
    if not isinstance(data, dict) or not any(key in data for key in LISTS):
        raise BadImportFile(file, "is not an ecosystem: it needs an object with 'actors' and/or 'links' lists")
    if data.get("format", FORMAT) != FORMAT or data.get("version", VERSION) != VERSION:
        raise BadImportFile(
            file, f"is in format {data.get('format')!r} version {data.get('version')!r}, not {FORMAT!r} 1"
        )
    own = data.get("format") == FORMAT  # written by this app: its ids are the document's
    records: list[Record] = []
    for key, kind in LISTS.items():
        items = data.get(key, [])
        if not isinstance(items, list):
            raise BadImportFile(file, f"'{key}' must be a list")
        if len(records) + len(items) > MAX_RECORDS:
            raise BadImportFile(
                file, f"holds more than {MAX_RECORDS:,} actors and links, more than one import may hold"
            )
        for n, item in enumerate(items):
            record = Record(kind, item if isinstance(item, dict) else {}, file, f"{key}[{n}]", own=own)
            if not isinstance(item, dict):
                record.problem = "each record must be an object of fields"
            mark_bad_characters(record)
            records.append(record)
    return records
