"""Actors and links as CSV, the way Excel opens and saves them.

Export writes UTF-8 with a byte-order mark (so Excel shows accents right) and CRLF line ends, and
puts an apostrophe before any text a spreadsheet would run as a formula (starting with = + - @,
tab or CR); import removes it again. Import takes ',' ';' or tab as separator (Excel saves ';'
where the decimal mark is a comma, so numbers in a ';' file may be written 200,5), headers by field
name or label in any order.

The first column of an export is `workbench_id`: spreadsheets keep a header as it is, so a file
with that column is known as one this app wrote and its rows update the document in place. A plain
`id` column is another tool's label (see `identity`). A column no field has is not refused: its
values are kept in the notes.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from typing import Any

from workbench.entity import Entity
from workbench.interchange.errors import BadImportFile, line
from workbench.interchange.records import NOT_TEXT, OWN_ID, TYPES, Record
from workbench.interchange.source import MAX_RECORDS
from workbench.words import count

COLUMNS: dict[str, tuple[str, ...]] = {kind: (OWN_ID, *t.specs()) for kind, t in TYPES.items()}
_ALIASES = {"link": {"source": "source_id", "target": "target_id"}}  # edge lists of pandas, networkx, R
FORMULA_START = frozenset({"=", "+", "-", "@", "\t", "\r"})
_ESCAPED = FORMULA_START | {"'"}


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text, never runs: a leading apostrophe where it could be a formula
    (and before an apostrophe that `restore` would otherwise take away)."""
    if text[:1] in FORMULA_START or (text[:1] == "'" and text[1:2] in _ESCAPED):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo `neutralise`: restore(neutralise(t)) == t for every text t."""
    return text[1:] if text[:1] == "'" and text[1:2] in _ESCAPED else text


def write_csv(entities: Sequence[Entity], kind: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    columns = COLUMNS[kind]
    writer.writerow(columns)
    for entity in entities:
        writer.writerow([_cell(entity.id), *(_cell(getattr(entity, c)) for c in columns[1:])])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(float(value))
    return neutralise(str(value))


def read_csv(text: str, file: str, kind: str | None = None) -> list[Record]:
    """Records of one kind ('actor' or 'link'; when None, a From or To column means links)."""
    odd = NOT_TEXT.search(text)
    if odd:
        raise BadImportFile(
            file, "holds a character that is not allowed in text", line(text.count("\n", 0, odd.start()) + 1)
        )
    delimiter = max((",", ";", "\t"), key=text.split("\n", 1)[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[Record] = []
    columns: list[str | None] | None = None
    named: list[tuple[int, str]] = []
    own = False
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            joined = "".join(row)
            if not joined.strip():
                continue
            if columns is None:
                kind = kind or _guess_kind(row)
                columns, own = _header(row, kind, file, line(start))
                named = [(i, name) for i, name in enumerate(columns) if name]
                continue
            values = {name: row[i] for i, name in named if i < len(row)}
            if "'" in joined:
                values = {name: restore(cell) for name, cell in values.items()}
            assert kind is not None  # set with the header, which comes first
            record = Record(kind, values, file, f"line {start}", own=own, decimal_comma=delimiter == ";")
            if len(row) > len(columns) and "".join(row[len(columns) :]).strip():
                record.problem = f"has {count(len(row), 'value')} but the header names {count(len(columns), 'column')}"
            records.append(record)
            if len(records) > MAX_RECORDS:
                raise BadImportFile(file, f"has more than {MAX_RECORDS:,} rows, more than one import may hold")
    except csv.Error as err:
        raise BadImportFile(file, f"is not valid CSV ({err})", line(reader.line_num)) from None
    if columns is None:
        raise BadImportFile(file, "is empty: it has no header row")
    return records


def _names(kind: str) -> dict[str, str]:
    """Column spellings accepted for a kind: field names and labels, any case."""
    specs = TYPES[kind].specs()
    labels = {s.label.casefold(): n for n, s in specs.items()} | _ALIASES.get(kind, {})
    return {"id": "id", OWN_ID: "id"} | labels | {n.casefold(): n for n in specs}


def _guess_kind(header: list[str]) -> str:
    names = _names("link")
    found = {names.get(cell.strip().casefold()) for cell in header}
    return "link" if {"source_id", "target_id"} & found else "actor"


def _header(row: list[str], kind: str, file: str, where: str | None) -> tuple[list[str | None], bool]:
    """The field each column holds (an unknown column keeps its own name, for the notes), and
    whether the ids are this app's (a `workbench_id` column)."""
    names = _names(kind)
    columns: list[str | None] = []
    for cell in row:
        text = cell.strip()
        name = names.get(text.casefold(), text) if text else None
        if name is not None and name in columns:
            raise BadImportFile(file, f"the column {text!r} appears twice", where)
        columns.append(name)
    present = set(columns)
    if kind == "link" and not {"source_id", "target_id"} <= present:
        raise BadImportFile(file, "a links file needs a source_id (From) and a target_id (To) column", where)
    if kind == "actor" and not {"name", "id"} & present:
        raise BadImportFile(file, "an actors file needs a name or an id column", where)
    return columns, OWN_ID in (cell.strip().casefold() for cell in row)
