"""Build a document's entities from a data file (the sample project, or a saved template)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from workbench.entity import Entity
from workbench.errors import ValidationError, WorkbenchError
from workbench.integrity import dangling_references
from workbench.kinds import entity_type
from workbench.money.entities import BAU_ID, business_as_usual
from workbench.project import Project
from workbench.spheres.entities import default_spheres
from workbench.value_chain.entities import default_stages

SAMPLE_FILE = "battery_scale_up.json"


def starter_entities(project: Project | None = None) -> list[Entity]:
    """What a new, empty document holds: the project, the three spheres, the default stages and option 0,
    business as usual."""
    return [project or Project(), *default_spheres(), *default_stages(), business_as_usual()]


def entities_from_data(data: dict[str, Any]) -> list[Entity]:
    """Validate a {"project": {...}, "entities": {kind: [records]}} structure into entities."""
    if not isinstance(data, dict) or not isinstance(data.get("entities", {}), dict):
        raise WorkbenchError("The data must be an object with 'project' and 'entities'.")
    project = Project.create(**data.get("project", {}))
    groups: dict[str, list] = data.get("entities", {})
    out: list[Entity] = [project]
    if "sphere" not in groups:
        out += default_spheres()
    if "stage" not in groups:
        out += default_stages()
    for kind, records in groups.items():
        cls = entity_type(kind)
        for n, record in enumerate(records, start=1):
            try:
                out.append(cls.create(**record))
            except ValidationError as err:
                raise WorkbenchError(f"{kind} record {n}: {err.message}") from err
            except TypeError as err:
                raise WorkbenchError(f"{kind} record {n} is not an object of fields: {err}") from err
    if not any(e.KIND == "option" and e.id == BAU_ID for e in out):
        out.append(business_as_usual())
    problems = dangling_references(out)
    if problems:
        raise WorkbenchError(f"{len(problems)} broken references, first: {problems[0]}", "\n".join(problems))
    seen: set[tuple[str, str]] = set()
    for e in out:
        if (e.KIND, e.id) in seen:
            raise WorkbenchError(f"Duplicate id {e.id!r} among {e.KIND} records")
        seen.add((e.KIND, e.id))
    return out


def sample_entities() -> list[Entity]:
    """The built-in sample project, read from resources/sample."""
    text = resources.files("resources").joinpath("sample", SAMPLE_FILE).read_text(encoding="utf-8")
    return entities_from_data(json.loads(text))
