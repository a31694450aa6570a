"""The whole document as one JSON file: {"format", "version", "project": {...}, "entities": {kind: [...]}}.

The same shape as the sample project's data file, so what one writes the other reads: every entity of
every kind (money, options and their costs and benefits included) with every field by name, in kind
order and by id, so that writing what was read gives the same bytes. Reading is as strict as any
import (workbench.interchange.json_io) and checks every record and reference before a document is made.
"""

from __future__ import annotations

import json

from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.interchange.errors import BadImportFile
from workbench.interchange.json_io import strict_loads
from workbench.kinds import KINDS
from workbench.project import Project
from workbench.sample import entities_from_data

FORMAT = "iip-workbench/document"
VERSION = 1


def write_document_json(doc: Document) -> bytes:
    project = doc.project.values()
    project.pop("id")
    entities = {
        kind: [e.values() for e in sorted(doc.entities[kind].values(), key=lambda e: e.id)]
        for kind in KINDS
        if kind != Project.KIND
    }
    data = {"format": FORMAT, "version": VERSION, "project": project, "entities": entities}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def read_document_json(text: str, file: str) -> list[Entity]:
    """Every entity of a document file written by `write_document_json`; raises BadImportFile naming
    the file and the first problem, and makes nothing."""
    data = strict_loads(text, file, "a document")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadImportFile(file, f"is not an IIP Workbench document in JSON (its format is not {FORMAT!r})")
    if data.get("version") != VERSION:
        raise BadImportFile(file, f"is version {data.get('version')!r} of the document format; this program reads 1")
    project = data.get("project", {})
    if isinstance(project, dict):
        project = {k: v for k, v in project.items() if k != "id"}  # a document has one project, with its fixed id
    try:
        return entities_from_data({"project": project, "entities": data.get("entities", {})})
    except WorkbenchError as err:
        raise BadImportFile(file, f"cannot be read: {err.message}") from err
