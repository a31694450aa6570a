"""The theory of change as JSON: {"format": ..., "version": 1, "rationales": [...], "results": [...],
"links": [...], "indicators": [...]}, each record an entity's fields by name, ids included. The indicators
are those of the Indicators register, which say how an outcome's objective is measured (a file written
before they were part of it simply has none).

Written to move a chain between documents (or keep it beside one). Read strictly (json_io.strict_loads),
every record validated as the entity it is; the ids are kept, so importing a file again updates what
it added instead of doubling it. The chain refers to instruments, objectives and evaluations of the
document it came from: a reference the receiving document cannot satisfy is dropped, and said so; a
link whose start or end is missing is skipped, and said so. The rest comes in as one step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.interchange.errors import BadImportFile
from workbench.interchange.json_io import strict_loads
from workbench.interchange.source import MAX_RECORDS, decode, read_capped
from workbench.monitoring.entities import Indicator
from workbench.safe_files import write_atomically
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode

FORMAT = "iip-workbench/theory-of-change"
VERSION = 1
LISTS: dict[str, type[Entity]] = {
    "rationales": Rationale,
    "results": TocNode,
    "links": TocLink,
    "indicators": Indicator,
}
NAMED = {"item": "an instrument", "objective": "an objective", "evaluation": "an evaluation"}


@dataclass
class ChainImport:
    """What reading a file gave: entities ready for one step, and what was dropped or skipped, in words."""

    entities: list[Entity] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = {label: sum(1 for e in self.entities if isinstance(e, t)) for label, t in LISTS.items()}
        return ", ".join(f"{n} {label}" for label, n in counts.items())


def write_theory_of_change(doc: Document) -> bytes:
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key, t in LISTS.items():
        data[key] = [e.values() for e in sorted(doc.all(t), key=lambda e: e.id)]
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def read_theory_of_change(text: str, file: str, doc: Document) -> ChainImport:
    """The file's rationales, results and links, checked against `doc` (the document they go into)."""
    data = strict_loads(text, file, "a theory of change")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadImportFile(file, "is not a theory of change written by IIP Workbench")
    if data.get("version") != VERSION:
        raise BadImportFile(file, f"is version {data.get('version')!r} of the format; this program reads version 1")
    records = [(key, n, record) for key in LISTS for n, record in enumerate(_list(data, key, file))]
    if len(records) > MAX_RECORDS:
        raise BadImportFile(file, f"holds more than {MAX_RECORDS:,} records, more than one import may hold")
    out = ChainImport()
    read: dict[str, list[Entity]] = {key: [] for key in LISTS}
    for key, n, record in records:
        where = f"{key}[{n}]"
        if not isinstance(record, dict):
            raise BadImportFile(file, "each record must be an object of fields", where)
        if key == "links" and record.pop("tested_by_ids", None):  # written before evaluation questions held it
            out.notes.append(f"{file}: {where} named the evaluations that test it; name the link in a question instead")
        try:
            read[key].append(LISTS[key].create(**record))
        except ValidationError as err:
            raise BadImportFile(file, err.message, where) from None
    nodes = {e.id for e in read["results"]} | set(doc.table(TocNode))
    for entity in [*read["rationales"], *read["results"], *read["indicators"]]:
        out.entities.append(_kept_references(entity, doc, file, out.notes))
    for link in read["links"]:
        assert isinstance(link, TocLink)
        start_ok = link.from_node_id in nodes if link.from_node_id else _exists(doc, "item", link.from_item_id)
        if not (start_ok and link.to_node_id in nodes):
            out.notes.append(
                f"{file}: skipped the link '{link.title}': where it starts or ends is not in this document"
            )
            continue
        out.entities.append(_kept_references(link, doc, file, out.notes))
    return out


def export_theory_of_change(doc: Document, path: Path) -> Path:
    write_atomically(Path(path), write_theory_of_change(doc))
    return Path(path)


def import_theory_of_change(path: Path, doc: Document) -> ChainImport:
    """Read a file written by `export_theory_of_change` (UTF-8; at most MAX_BYTES) against `doc`."""
    path = Path(path)
    return read_theory_of_change(decode(read_capped(path), path.name), path.name, doc)


def _list(data: dict, key: str, file: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise BadImportFile(file, f"'{key}' must be a list")
    return value


def _exists(doc: Document, kind: str, id_: str | None) -> bool:
    return bool(id_) and id_ in doc.entities[kind]


def _kept_references(entity: Entity, doc: Document, file: str, notes: list[str]) -> Entity:
    """`entity` without the references to instruments, objectives and evaluations `doc` does not hold."""
    changes: dict[str, Any] = {}
    for name, spec in entity.specs().items():
        if spec.ref in (None, "toc_node") or not spec.editable:
            continue
        value = getattr(entity, name)
        kept = [v for v in value if _exists(doc, spec.ref, v)] if isinstance(value, list) else value
        if not isinstance(value, list) and value and not _exists(doc, spec.ref, value):
            kept = None
        if kept != value:
            changes[name] = kept
            notes.append(f"{file}: '{entity.title}' named {NAMED[spec.ref]} this document does not have; left out")
    return entity.changed(**changes) if changes else entity
