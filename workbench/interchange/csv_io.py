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
import contextlib
import csv
import io
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import contains, itemgetter, ne, or_
from typing import Any

from workbench.entity import Entity
from workbench.interchange.errors import BadImportFile, line
from workbench.interchange.records import NOT_TEXT, OWN_ID, TYPES, RowsRead
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


def read_csv(text: str, file: str, kind: str | None = None) -> RowsRead:
    """Records of one kind ('actor' or 'link'; when None, a From or To column means links)."""
    odd = None if text.isascii() else NOT_TEXT.search(text)  # ASCII holds none of them (one pass of C)
    if odd:
        raise BadImportFile(
            file, "holds a character that is not allowed in text", line(text.count("\n", 0, odd.start()) + 1)
        )
    delimiter = max((",", ";", "\t"), key=text.split("\n", 1)[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    broken = None
    try:
        rows.extend(reader)  # keeps the rows before a line it cannot read
    except csv.Error as err:
        broken = BadImportFile(file, f"is not valid CSV ({err})", line(reader.line_num))
    starts = range(1, len(rows) + 1) if reader.line_num == len(rows) else _starts(text, delimiter, len(rows))
    records = _records(rows, starts, file, kind, delimiter == ";", "'" in text)  # the rows before say first
    if broken is not None:
        raise broken
    if records is None:
        raise BadImportFile(file, "is empty: it has no header row")
    return records


def _starts(text: str, delimiter: str, n: int) -> list[int]:
    """The line each of the first `n` rows starts on, for a file with a cell across lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    ends = [0]
    with contextlib.suppress(csv.Error):
        ends += (reader.line_num for _ in reader)
    return [end + 1 for end in ends[:n]]


def _records(
    rows: list[list[str]], starts: Sequence[int], file: str, kind: str | None, comma: bool, apostrophes: bool
) -> RowsRead | None:
    """The records of the rows after the header but blank ones (None without a header), found a column of
    rows at a time: a row of as many cells as the header names columns, none with an apostrophe to take
    away, is the record's as read (see `RowsRead`); only other rows are read cell by cell. `apostrophes`:
    whether the file holds any (most hold none, and no row is then looked into for one)."""
    lines: Sequence[int] = starts
    if not (all(rows) and all(map(str.strip, map(itemgetter(0), rows)))):  # else no row is blank: each starts filled
        filled = list(map(str.strip, map("".join, rows)))
        rows, lines = list(compress(rows, filled)), list(compress(starts, filled))
    if not rows:
        return None
    kind = kind or _guess_kind(rows[0])
    columns, own = _header(rows[0], kind, file, line(lines[0]))
    rows, lines = rows[1:], lines[1:]
    if len(rows) > MAX_RECORDS:
        raise BadImportFile(file, f"has more than {MAX_RECORDS:,} rows, more than one import may hold")
    names = tuple(filter(None, columns))
    values: list[dict[str, Any] | None] = [None] * len(rows)  # None: the row as read is the record's
    problems: list[str | None] = [None] * len(rows)
    quoted = list(map(contains, map("".join, rows), repeat("'"))) if apostrophes else [False] * len(rows)
    if len(names) < len(columns):
        odd: Iterable[int] = range(len(rows))
    elif apostrophes or set(map(len, rows)) - {len(columns)}:
        odd = compress(range(len(rows)), map(or_, map(ne, map(len, rows), repeat(len(columns))), quoted))
    else:
        odd = ()  # every row as read
    for i in odd:
        row = rows[i]
        given = {name: row[n] for n, name in enumerate(columns) if name and n < len(row)}
        values[i] = {name: restore(cell) for name, cell in given.items()} if quoted[i] else given
        if len(row) > len(columns) and "".join(row[len(columns) :]).strip():
            problems[i] = f"has {count(len(row), 'value')} but the header names {count(len(columns), 'column')}"
    return RowsRead(kind, file, own, comma, names, rows, lines, values, problems)


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
