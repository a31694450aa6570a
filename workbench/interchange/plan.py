"""What an import will do, worked out before anything is written: which records add actors and
links, which update them (and which fields change), which are skipped and why.

Every format gets the same checks here: usable ids, links only between known actors, every value
valid for its field. One bad value skips its record, named by file, place and field; the rest is
imported. A record that updates an entity changes only the fields it gives (a column left out of
a CSV keeps its value). Columns no field has are kept in the notes, with a warning.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.entity import Entity
from workbench.entity_columns import Entities
from workbench.errors import ValidationError
from workbench.interchange.cells import OK, REFUSED, UNREAD, Cells
from workbench.interchange.errors import BadImportFile, ImportStopped
from workbench.interchange.identity import Identities
from workbench.interchange.records import TYPES, Record, RowsRead, check_id
from workbench.interchange.runs import new_links
from workbench.words import agreeing

CHECK_EVERY = 1000  # records checked between two progress reports (and looks at `stop`)
Progress = Callable[[int, int, str], None]  # done, total, what is counted ("files read")
Stop = Callable[[], bool]


def quiet(done: int, total: int, what: str) -> None:
    """Progress no one follows (the command line)."""


def never() -> bool:
    return False


@dataclass
class Update:
    """An entity the import changes: each changed field's value before and after."""

    kind: str
    id: str
    title: str
    fields: dict[str, tuple[Any, Any]]


@dataclass
class ImportPlan:
    """Validated entities ready for one transaction, and what they will do to the document."""

    entities: Entities
    files: list[str]
    new: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)  # records equal to what the document holds
    skipped: dict[str, int] = field(default_factory=dict)
    updates: list[Update] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why each skipped record was skipped
    warnings: list[str] = field(default_factory=list)

    def count(self, counts: dict[str, int], kind: str) -> None:
        counts[kind] = counts.get(kind, 0) + 1

    def summary(self) -> str:
        parts = []
        for kind in TYPES:
            counts = (self.new, self.updated, self.unchanged, self.skipped)
            new, updated, unchanged, skipped = (c.get(kind, 0) for c in counts)
            total = new + updated + unchanged + skipped
            if total:
                parts.append(
                    f"{total} {kind}{'s' if total != 1 else ''} ({new} new, {updated} updated, {unchanged} unchanged"
                    + (f", {skipped} skipped)" if skipped else ")")
                )
        return f"{' and '.join(parts)} from {', '.join(self.files)}"

    def lines(self) -> list[str]:
        """One sentence per update (with the fields that change), per record skipped and per warning."""
        out = []
        for update in self.updates:
            specs = TYPES[update.kind].specs()
            changes = "; ".join(
                f"{specs[name].label} {_shown(old)} -> {_shown(new)}" for name, (old, new) in update.fields.items()
            )
            out.append(f"Update {update.kind} {update.title}: {changes}")
        out += [f"Skip {problem}" for problem in self.problems]
        out += [f"Note: {warning}" for warning in self.warnings]
        return out


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    text = repr(value) if isinstance(value, str) else f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def plan_import(
    read: Sequence[Sequence[Record]],
    doc: Document,
    files: list[str],
    *,
    match: str = "id",
    progress: Progress = quiet,
    stop: Stop = never,
) -> ImportPlan:
    """Decide every record of the files `read` (the records of each) against `doc`: actors first, so links
    may refer to new actors.

    Every CHECK_EVERY records `progress` hears how many are checked, and the planning ends with
    ImportStopped once `stop()` is true, so a window can follow a large import and cancel it."""
    total = sum(map(len, read))
    if not total:
        raise BadImportFile(", ".join(files), "holds no actors or links to import")
    plan = ImportPlan(Entities(), files)
    identities = Identities(doc, match)
    cells = Cells()
    done = 0
    for block in _blocks([*_of_kind(read, actors=True), *_of_kind(read, actors=False)], CHECK_EVERY):
        for records in block:
            for run in _runs(records):
                _plan_run(run, doc, identities, plan, cells)
        if stop():
            raise ImportStopped
        done += sum(map(len, block))
        progress(done, total, f"{agreeing(total, 'actor or link', 'actors and links')} checked")
    return plan


def _of_kind(read: Sequence[Sequence[Record]], *, actors: bool) -> list[Sequence[Record]]:
    """The actor records (or the others) of each file, in order; a file's rows read are of one kind."""
    out: list[Sequence[Record]] = []
    for records in read:
        if isinstance(records, RowsRead):
            out += [records] if (records.kind == "actor") == actors else []
        else:
            out.append([r for r in records if (r.kind == "actor") == actors])
    return [records for records in out if records]


def _blocks(parts: list[Sequence[Record]], size: int) -> Iterator[list[Sequence[Record]]]:
    """The records of `parts` in blocks of `size` (the last one shorter), each block as parts of parts."""
    block: list[Sequence[Record]] = []
    room = size
    for part in parts:
        start = 0
        while start < len(part):
            taken = min(room, len(part) - start)
            block.append(part[start : start + taken])
            start, room = start + taken, room - taken
            if not room:
                yield block
                block, room = [], size
    if block:
        yield block


def _runs(records: Sequence[Record]) -> Iterator[Sequence[Record]]:
    """Records planned together (see `runs`): those next to each other alike in kind, file and any problem."""
    if not isinstance(records, RowsRead):
        for _, run in itertools.groupby(records, key=_run_of):
            yield list(run)
        return
    at = 0  # rows of one file: alike but for the problems found in some
    for _, same in itertools.groupby(records.problems):
        n = len(list(same))
        yield records[at : at + n]
        at += n


_run_of = attrgetter("kind", "file", "own", "decimal_comma", "problem")


def _plan_run(run: Sequence[Record], doc: Document, identities: Identities, plan: ImportPlan, cells: Cells) -> None:
    """Links plainly new are planned as a run, a column at a time; every other record one at a time, in order."""
    first = run[0]
    made, links = new_links(run, identities, cells) if first.kind == "link" and first.problem is None else ([], None)
    done = 0  # the records of the run planned so far
    for row, at, length in _stretches(made):
        for record in run[done:row]:
            _plan_one(record, doc, identities, plan, cells)
        plan.entities.add(links.sliced(at, at + length))  # type: ignore[union-attr]  # made: some links
        done = row + length
    for record in run[done:]:
        _plan_one(record, doc, identities, plan, cells)
    if made:
        plan.new["link"] = plan.new.get("link", 0) + len(made)


def _stretches(rows: list[int]) -> Iterator[tuple[int, int, int]]:
    """(its first row, where that is in `rows`, how many) for each stretch of consecutive numbers in `rows`."""
    if rows and rows[-1] - rows[0] == len(rows) - 1:  # one stretch (a run of plain links)
        yield rows[0], 0, len(rows)
        return
    at = 0
    for n in range(1, len(rows) + 1):
        if n == len(rows) or rows[n] != rows[n - 1] + 1:
            yield rows[at], at, n - at
            at = n


def _plan_one(record: Record, doc: Document, identities: Identities, plan: ImportPlan, cells: Cells) -> None:
    try:
        _plan_record(record, doc, identities, plan, cells)
    except BadImportFile as err:
        plan.count(plan.skipped, record.kind)
        plan.problems.append(err.message)


def _plan_record(record: Record, doc: Document, identities: Identities, plan: ImportPlan, cells: Cells) -> None:
    if record.problem:
        raise record.fail(record.problem)
    values, checked, extra, refused = _values(record, plan, cells)
    ref = check_id(record, record.values.get("id"))
    if record.kind == "actor":
        id_ = identities.actor(record, ref, values.get("name"))
    else:
        ends = {}
        for name, label in (("source_id", "From"), ("target_id", "To")):
            end = values.get(name)
            if not end:
                raise record.fail(f"{label} is empty: a link needs the actor it goes {label.lower()}")
            ends[name] = identities.end(record, label, end)
        values |= ends
        checked |= ends.keys()  # ids of actors the document or this import holds: valid ids, as they were checked
        id_ = identities.link(record, ref, ends["source_id"], ends["target_id"], values.get("link_type"))
    existing: Actor | Link | None = (doc.table(Actor) if record.kind == "actor" else doc.table(Link)).get(id_)
    if extra:
        values["notes"] = _with_extra(values.get("notes", existing.notes if existing else ""), extra)
        checked.discard("notes")
    entity = _entity(record, existing, id_, values, checked, refused)
    identities.keep(record, ref, entity)
    if existing is None:
        plan.count(plan.new, record.kind)
    elif existing == entity:
        plan.count(plan.unchanged, record.kind)
        return
    else:
        plan.count(plan.updated, record.kind)
        before, after = existing.values(), entity.values()
        changed = {name: (before[name], after[name]) for name in after if before[name] != after[name]}
        plan.updates.append(Update(record.kind, id_, existing.title, changed))
    plan.entities.append(entity)


def _values(
    record: Record, plan: ImportPlan, cells: Cells
) -> tuple[dict[str, Any], set[str], dict[str, str], dict[str, ValidationError]]:
    """The record's values as its fields hold them, the names of those read from text (already checked
    by their field), the values no field has (name -> text), and the fields whose check refused the
    record's value (reported in the order of the fields, as the entity's own validation would)."""
    values: dict[str, Any] = {}
    checked: set[str] = set()
    extra: dict[str, str] = {}
    refused: dict[str, ValidationError] = {}
    given = record.values
    for column in cells.shape(record):
        name, spec, _ = column
        value = given[name]
        if spec is None:
            _warn_unknown(record, name, plan)
            if value not in (None, "") and str(value).strip():
                extra[name] = str(value).strip()
        elif not isinstance(value, str):
            values[name] = value
        else:
            how, result = cells.cell(record, column, value)
            if how == OK:
                values[name] = result
                checked.add(name)
            elif how == UNREAD:
                raise record.fail(result)
            elif how == REFUSED:
                refused[name] = result
    return values, checked, extra, refused


def _warn_unknown(record: Record, name: str, plan: ImportPlan) -> None:
    article = "an" if record.kind == "actor" else "a"
    warning = (
        f"{record.file}: the column {name!r} is not {article} {record.kind} field; its values are kept in the notes"
    )
    if warning not in plan.warnings:
        plan.warnings.append(warning)


def _with_extra(notes: str | None, extra: dict[str, str]) -> str:
    """The notes with a line 'column: value' for each value no field has, unless it is there already."""
    lines = (notes or "").split("\n") if notes else []
    lines += [line for line in (f"{name}: {value}" for name, value in extra.items()) if line not in lines]
    return "\n".join(lines)


def _entity(
    record: Record,
    existing: Entity | None,
    id_: str,
    values: dict[str, Any],
    checked: set[str],
    refused: dict[str, ValidationError],
) -> Entity:
    """The entity the record makes: every field's value checked by its field, in declaration order (the
    first refused is the one named), then the rules across fields. Text cells were checked as they were
    read (`checked`, see `Cells`), and the ends of a link are ids of actors the document or the import
    holds; values a reader gave typed, and notes with extra columns, are checked here."""
    t = TYPES[record.kind]
    try:
        if refused or not checked.issuperset(values):  # else every value is checked already (most records)
            for name, spec in t.specs().items():
                if name in refused:
                    raise refused[name]
                if name in values and name not in checked:
                    values[name] = spec.check(t.LABEL, name, values[name])
        entity = dataclasses.replace(existing, **values) if existing is not None else t(id=id_, **values)
        entity.check_rules()
        return entity
    except ValidationError as err:
        raise record.fail(f"{err.field} {err.problem}") from None
