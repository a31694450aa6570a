"""Protective markings as data: one scheme per country in resources/markings/*.json.

The UK Government Security Classifications are the default: OFFICIAL, and OFFICIAL-SENSITIVE with its
descriptors COMMERCIAL, PERSONAL and LOCSEN. A desktop tool handles OFFICIAL information only, so the
higher markings (SECRET, TOP SECRET) are listed as `not_offered`: never offered, but recognised, so an
old document carrying one opens and keeps it (the window says once that it is not handled). A
descriptor goes with a marking that lists it and no other: 'TOP SECRET COMMERCIAL' cannot be made.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from resources import FOLDER
from workbench.errors import WorkbenchError


@dataclass(frozen=True)
class MarkingDef:
    value: str  # as stored, e.g. "official_sensitive"
    label: str  # as printed, e.g. "OFFICIAL-SENSITIVE"
    descriptors: tuple[str, ...] = ()
    offered: bool = True


@dataclass(frozen=True)
class Scheme:
    id: str  # the file's name, e.g. "uk"
    name: str
    countries: tuple[str, ...]
    markings: tuple[MarkingDef, ...]
    default: bool = False


@functools.cache
def schemes() -> dict[str, Scheme]:
    """Every scheme shipped, by file name; a broken file fails with a sentence naming it (read from
    resources.FOLDER: every document's marking is shown at start)."""
    out = {}
    folder = FOLDER / "markings"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        scheme_id = entry.name.removesuffix(".json")
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            offered = [MarkingDef(m["value"], m["label"], tuple(m.get("descriptors", ()))) for m in data["markings"]]
            held = [MarkingDef(m["value"], m["label"], (), offered=False) for m in data.get("not_offered", [])]
            countries = tuple(data.get("countries", ()))
            out[scheme_id] = Scheme(scheme_id, data["scheme"], countries, (*offered, *held), bool(data.get("default")))
        except (KeyError, TypeError, ValueError) as err:
            raise WorkbenchError(f"The marking scheme {entry.name} cannot be read: {err}.") from None
    return out


def default_scheme() -> Scheme:
    return next((s for s in schemes().values() if s.default), next(iter(schemes().values())))


def scheme_for(country: str) -> Scheme:
    """The scheme of `country` when one is shipped, else the default (the UK's)."""
    wanted = country.strip().casefold()
    for scheme in schemes().values():
        if wanted and wanted in (c.casefold() for c in scheme.countries):
            return scheme
    return default_scheme()


@functools.cache
def known() -> dict[str, MarkingDef]:
    """Every marking of every scheme by stored value (a value two schemes share is the first one's)."""
    out: dict[str, MarkingDef] = {}
    for scheme in schemes().values():
        for marking in scheme.markings:
            out.setdefault(marking.value, marking)
    return out


def offered(country: str = "") -> list[MarkingDef]:
    """The markings a user may choose for a project in `country`."""
    return [m for m in scheme_for(country).markings if m.offered]


def not_offered(value: str) -> bool:
    marking = known().get(value)
    return marking is not None and not marking.offered


def label(value: str) -> str:
    marking = known().get(value)
    return marking.label if marking else value.replace("_", " ").upper()


def marking_text(value: str, descriptor: str) -> str:
    """The marking as printed: 'OFFICIAL-SENSITIVE COMMERCIAL'; a descriptor prints only after a marking
    that takes descriptors."""
    marking = known().get(value)
    extra = descriptor.strip().upper()
    if marking is None or not marking.descriptors or not extra:
        return label(value)
    return f"{marking.label} {extra}"


def descriptor_problem(value: str, descriptor: str) -> str | None:
    """Why `descriptor` cannot go with marking `value`, in words; None when it can."""
    extra = descriptor.strip().upper()
    if not extra:
        return None
    takers = [m for m in known().values() if extra in m.descriptors]
    marking = known().get(value)
    if marking is not None and extra in marking.descriptors:
        return None
    if marking is not None and marking.descriptors:
        return f"must be one of {', '.join(marking.descriptors)} with {marking.label}, or left empty"
    if takers:
        return f"{extra} goes only with {' or '.join(m.label for m in takers)}: choose that marking, or leave it empty"
    return f"cannot go with {label(value)}: leave it empty"


def refuse_not_offered(value: str) -> None:
    """A marking asked for now (not kept from an old document) must be one that is offered."""
    if not_offered(value):
        choices = ", ".join(m.value for m in offered())
        raise WorkbenchError(
            f"{label(value)} is not offered: IIP Workbench is for OFFICIAL information; choose one of {choices}."
        )
