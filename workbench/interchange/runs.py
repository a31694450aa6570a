"""Links of one file planned a run at a time: each column checked at once (every distinct cell once, by its
field), the actor each end names looked up once per name, and the links kept as columns up to their write. Only links
that are plainly new and whose every cell is valid are planned here; any other record goes through `plan`
one at a time, which decides it (and says why it is skipped) as it decides every record."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, repeat
from operator import and_, attrgetter, is_, not_
from typing import Any

from workbench.ecosystem.entities import Link
from workbench.entity_columns import Columns
from workbench.interchange.cells import Cells
from workbench.interchange.identity import Identities
from workbench.interchange.records import Record, RowsRead, plain_ids

ENDS = ("source_id", "target_id")


def new_links(run: Sequence[Record], identities: Identities, cells: Cells) -> tuple[list[int], Columns[Link]]:
    """The new links records of `run` (links of one file with the same columns) make, and keep: where each
    is in the run, and the links as columns. A record left out needs a closer look: a cell its field
    refuses or cannot read, an end that names no single actor, the id of a link known already, a column no
    field has, a rule across fields broken."""
    first, n = run[0], len(run)
    none: tuple[list[int], Columns[Link]] = [], Columns(Link, [], {})
    given = _columns(run)
    if given is None:  # a row shorter than the header
        return none
    columns = cells.shape(first)
    if not set(ENDS) <= given.keys() or any(spec is None for _, spec, _ in columns):
        return none
    if not isinstance(run, RowsRead) and any(set(map(type, texts)) != {str} for texts in given.values()):
        return none  # a value a reader gave typed (JSON): every cell a CSV reader gives is text
    refs = plain_ids(given["id"]) if "id" in given else [None] * n
    if refs is None:
        return none
    hows: dict[str, Sequence[int]] = {}
    values: dict[str, Sequence[Any]] = {}
    for column in columns:
        hows[column[0]], values[column[0]] = cells.found(first, column, given[column[0]])
    named = identities.ends(first, {*values["source_id"], *values["target_id"]})
    for end in ENDS:
        values[end] = tuple(map(named.get, values[end]))
    ids: Sequence[str | None] = identities.new_links(
        first, refs, list(zip(values["source_id"], values["target_id"], strict=True))
    )
    clean_rows = map(all, zip(values["source_id"], values["target_id"], ids, strict=True))  # ends named, id free
    for how in hows.values():
        if any(how):  # a column with a cell not read as valid
            clean_rows = map(and_, clean_rows, map(not_, how))
    rows, ids, values = _only(list(clean_rows), list(range(n)), ids, values)
    rows, ids, values = _only(list(Link.rules_kept(values["source_id"], values["target_id"])), rows, ids, values)
    identities.take("link", ids, run, rows)  # type: ignore[arg-type]  # ids: of clean rows
    return rows, Columns(Link, ids, values)  # type: ignore[arg-type]


def _only(
    keep: list[bool], rows: list[int], ids: Sequence[str | None], values: dict[str, Sequence[Any]]
) -> tuple[list[int], Sequence[str | None], dict[str, Sequence[Any]]]:
    """The rows, ids and values `keep` says, each column filtered alike."""
    if all(keep):
        return rows, ids, values
    return (
        list(compress(rows, keep)),
        list(compress(ids, keep)),
        {name: list(compress(v, keep)) for name, v in values.items()},
    )


def _columns(run: Sequence[Record]) -> dict[str, Sequence[Any]] | None:
    """Each value's name -> its cells down the run, when every record of the run names the same values;
    rows as read (see `RowsRead`) are turned into columns as they are, with no dict per row."""
    if isinstance(run, RowsRead) and run.as_read():
        return dict(zip(run.names, zip(*run.rows, strict=True), strict=True))
    names = run[0].names
    if names is not None and all(map(is_, repeat(names), map(attrgetter("names"), run))):  # one file's header
        return dict(zip(names, zip(*map(attrgetter("row"), run), strict=True), strict=True))
    values_of = list(map(attrgetter("values"), run))
    if len(set(map(tuple, values_of))) > 1:
        return None
    return dict(zip(values_of[0], zip(*map(dict.values, values_of), strict=True), strict=True))
