"""The brief templates shipped as data files beside this module, read through importlib.resources."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from workbench.briefs.entities import BriefTemplate
from workbench.briefs.spec import TemplateSpec, spec_from_data
from workbench.errors import WorkbenchError

TEMPLATE_IDS: tuple[str, ...] = tuple(t.value for t in BriefTemplate)


@functools.cache
def load_template(template_id: str) -> TemplateSpec:
    if template_id not in TEMPLATE_IDS:
        raise WorkbenchError(f"Unknown brief template {template_id!r}; choose one of {', '.join(TEMPLATE_IDS)}.")
    text = resources.files(__package__).joinpath(f"{template_id}.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise WorkbenchError(f"Brief template {template_id!r} cannot be read: {err}") from None
    spec = spec_from_data(data)
    if spec.id != template_id:
        raise WorkbenchError(f"Brief template file {template_id}.toml declares id {spec.id!r}.")
    return spec
