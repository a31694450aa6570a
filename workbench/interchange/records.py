"""From records read out of a file to validated actors and links, checked against the document.

The formats differ only in how they spell values; this is the one place that turns records into
entities, so every format gets the same checks: usable ids, no id twice, links only between known
actors, every value valid for its field. A record whose id is already in the document updates
that entity with the fields the record gives (a column left out of a CSV keeps its value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.document import Document
from workbench.ecosystem import Actor, Link
from workbench.entity import Entity, new_id
from workbench.errors import ValidationError
from workbench.fields import Choice, FieldSpec
from workbench.interchange.errors import BadImportFile, ImportStopped

TYPES: dict[str, type[Entity]] = {"actor": Actor, "link": Link}
MAX_ID = 64
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_BAD_ID = re.compile(r"[\x00-\x1f\x7f]")
NOT_TEXT = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
CHECK_EVERY = 1000  # records checked between two progress reports (and looks at `stop`)
Progress = Callable[[int, int, str], None]  # done, total, what is counted ("files read")
Stop = Callable[[], bool]


def quiet(done: int, total: int, what: str) -> None:
    """Progress no one follows (the command line)."""


def never() -> bool:
    return False


@dataclass
class Record:
    """One actor or link as a file gives it: field -> value, only the fields the file names."""

    kind: str
    values: dict[str, Any]
    file: str
    where: str | None

    def fail(self, problem: str) -> BadImportFile:
        return BadImportFile(self.file, problem, self.where)


@dataclass
class ImportPlan:
    """Validated entities ready for one transaction, and what they will do to the document."""

    entities: list[Entity]
    files: list[str]
    new: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)  # records equal to what the document holds

    def summary(self) -> str:
        parts = []
        for kind in TYPES:
            counts = (self.new.get(kind, 0), self.updated.get(kind, 0), self.unchanged.get(kind, 0))
            if any(counts):
                total = sum(counts)
                parts.append(
                    f"{total} {kind}{'s' if total != 1 else ''} ({counts[0]} new, {counts[1]} updated, "
                    f"{counts[2]} unchanged)"
                )
        return f"{' and '.join(parts)} from {', '.join(self.files)}"


def plan_import(
    records: Sequence[Record], doc: Document, files: list[str], *, progress: Progress = quiet, stop: Stop = never
) -> ImportPlan:
    """Validate every record against `doc` (actors first, so links may refer to new actors).

    Every CHECK_EVERY records `progress` hears how many are checked, and the planning ends with
    ImportStopped once `stop()` is true, so a window can follow a large import and cancel it."""
    if not records:
        raise BadImportFile(", ".join(files), "holds no actors or links to import")
    plan = ImportPlan([], files)
    seen: dict[tuple[str, str], str | None] = {}
    ordered = sorted(records, key=lambda r: r.kind != "actor")
    known_actors = set(doc.entities["actor"])
    known_actors.update(_given_id(r) for r in ordered if r.kind == "actor")
    for n, record in enumerate(ordered, 1):
        current = doc.entities[record.kind]
        entity = _build(record, current, seen)
        if isinstance(entity, Link):
            for end, label in ((entity.source_id, "From"), (entity.target_id, "To")):
                if end not in known_actors:
                    raise record.fail(
                        f"{label} refers to an actor that is neither in the document nor imported: {end!r}"
                    )
        existing = current.get(entity.id)
        counts = plan.new if existing is None else plan.unchanged if existing == entity else plan.updated
        counts[record.kind] = counts.get(record.kind, 0) + 1
        if existing != entity:
            plan.entities.append(entity)
        if n % CHECK_EVERY == 0 or n == len(ordered):
            if stop():
                raise ImportStopped
            progress(n, len(ordered), "actors and links checked")
    return plan


def _given_id(record: Record) -> str | None:
    value = record.values.get("id")
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else None


def _build(record: Record, current: dict[str, Entity], seen: dict[tuple[str, str], str | None]) -> Entity:
    cls = TYPES[record.kind]
    id_ = _check_id(record, record.values.get("id"))
    previous = seen.get((record.kind, id_), False)
    if previous is not False:
        also = f" (also {previous})" if previous else ""
        raise record.fail(f"the id {id_!r} is used by two {record.kind}s{also}")
    seen[record.kind, id_] = record.where
    specs = cls.specs()
    values = {}
    for name, value in record.values.items():
        spec = specs.get(name)
        if spec is None:
            if name != "id":
                raise record.fail(f"{name!r} is not a known {record.kind} field")
        elif not isinstance(value, str):
            values[name] = value
        elif value.strip() or not spec.required:  # a blank required cell keeps the default or current value
            try:
                values[name] = from_text(spec, value)
            except ValueError as err:
                raise record.fail(f"{spec.label} {err}") from None
    existing = current.get(id_)
    try:
        if existing is not None:
            return existing.changed(**values)
        entity = cls(id=id_, **values)
        entity.validate()
        return entity
    except ValidationError as err:
        raise record.fail(f"{err.field} {err.problem}") from None


def _check_id(record: Record, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return new_id()
    if not isinstance(value, str):
        raise record.fail(f"the id must be text, not {value!r}")
    value = value.strip()
    if len(value) > MAX_ID or _BAD_ID.search(value):
        raise record.fail(f"the id {value[:80]!r} is not usable: at most {MAX_ID} characters, on one line")
    return value


def refuse_bad_characters(record: Record) -> None:
    """Lone surrogates and the non-characters U+FFFE/U+FFFF cannot be stored or written as XML; decoded
    bytes and XML never hold them, but JSON escapes can."""
    for name, value in record.values.items():
        if isinstance(value, str) and NOT_TEXT.search(value):
            raise record.fail(f"{name!r} contains a character that is not allowed in text")


def from_text(spec: FieldSpec, text: str) -> Any:
    """A value spelt as text (a CSV cell, a GraphML data element) as its field holds it.

    Raises ValueError whose message completes '<field label> ...'.
    """
    if spec.kind == "longtext":
        return text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if not text:
        return None
    if spec.kind in ("text", "ref"):
        return text
    if spec.kind in ("float", "int"):
        if not _NUMBER.match(text):
            raise ValueError(f"must be a number like 2.5, not {text[:40]!r}")
        return float(text)
    if spec.kind == "bool":
        word = text.casefold()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValueError(f"must be yes or no (or true or false), not {text[:40]!r}")
    if spec.kind == "choice":
        assert spec.choices is not None
        found = _choice_names(spec.choices).get(_spelling(text))
        if found is None:
            allowed = ", ".join(c.value for c in spec.choices)
            raise ValueError(f"must be one of {allowed}, not {text[:40]!r}")
        return found
    raise AssertionError(f"no import for fields of kind {spec.kind}")


def _spelling(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


_CHOICE_NAMES: dict[type[Choice], dict[str, str]] = {}


def _choice_names(choices: type[Choice]) -> dict[str, str]:
    """Values and labels, as a person may type them ('Reports to', 'reports-to', 'REPORTS_TO')."""
    names = _CHOICE_NAMES.get(choices)
    if names is None:
        names = {_spelling(c.label): c.value for c in choices} | {_spelling(c.value): c.value for c in choices}
        _CHOICE_NAMES[choices] = names
    return names
