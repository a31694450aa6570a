"""What each option would leave uncovered if adopted: the sphere overlaps, value-chain stages and the
prototype-to-production stretch, worked out by the existing analyses on the document as it would be.

Business as usual is the instruments in the document that no option adds; an option is business as
usual with the instruments it adds and without those it stops (one it changes stays). Options are
then compared on the gaps they close as well as on money.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from workbench.document import Document
from workbench.money.entities import BAU_ID, Option, SpendLine
from workbench.passes import one_pass
from workbench.spheres.analysis import analyse_spheres, item_regions
from workbench.spheres.entities import Region, Sphere
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.analysis import analyse_value_chain

GAP_SEVERITIES = ("empty", "thin")  # a sphere overlap with nothing or one item in it
VALLEY_GAPS = ("gap", "thin")


@dataclass(frozen=True)
class Coverage:
    """The gaps left, by a key that stays the same from one option to another, with their words."""

    gaps: dict[str, str]

    def closed(self, before: Coverage) -> list[str]:
        """The gaps `before` has that this coverage no longer has."""
        return [text for key, text in before.gaps.items() if key not in self.gaps]

    def opened(self, before: Coverage) -> list[str]:
        return [text for key, text in self.gaps.items() if key not in before.gaps]


def proposed_items(options: Collection[Option]) -> set[str]:
    """Items some option adds: not part of business as usual."""
    return {id_ for o in options for id_ in o.adds_ids}


def adopted(doc: Document, option: Option, proposed: set[str]) -> Document:
    """The document as its gaps would be with `option` adopted: only its items and instruments differ.
    It holds no spend lines: the gaps count instruments, not money, and leaving out thousands of
    yearly amounts keeps twenty options cheap."""
    keep = (set(doc.table(Item)) - proposed | set(option.adds_ids)) - set(option.stops_ids)
    out = Document(dict(doc.entities))
    out.entities[Item.KIND] = {k: v for k, v in doc.entities[Item.KIND].items() if k in keep}
    out.entities[Instrument.KIND] = {k: v for k, v in doc.entities[Instrument.KIND].items() if k in keep}
    out.entities[SpendLine.KIND] = {}
    return out


def coverage(doc: Document, regions: Mapping[str, Region] | None = None) -> Coverage:
    """The gaps of a document: empty or thin sphere overlaps, stages no instrument acts at, and the
    prototype-to-production stretch when it is a gap or thin. `regions`: every item's region, worked
    out once for all options (an item's region does not depend on the option). Both analyses share one
    pass over the document (workbench.passes): each instrument's money is worked out once, not twice."""
    gaps: dict[str, str] = {}
    with one_pass(doc):
        spheres, chain = analyse_spheres(doc, regions), analyse_value_chain(doc)
    for gap in spheres.gaps:
        if gap["severity"] in GAP_SEVERITIES:
            gaps[f"sphere:{gap['region']}:{gap['severity']}"] = gap["text"]
    for finding in chain.findings:
        if finding.kind == "uncovered_stage":
            gaps[f"stage:{','.join(finding.stage_ids)}"] = finding.text
    if chain.valley.status in VALLEY_GAPS:
        gaps[f"valley:{chain.valley.status}"] = chain.valley.text
    return Coverage(gaps)


def all_regions(doc: Document) -> dict[str, Region]:
    return item_regions(doc.all(Item), doc.all(Sphere))


def coverage_by_option(doc: Document, options: Collection[Option]) -> dict[str, Coverage]:
    """Each option's coverage as if it were adopted (business as usual among them)."""
    proposed = proposed_items(options)
    regions = all_regions(doc)
    return {o.id: coverage(adopted(doc, o, proposed), regions) for o in options}


def gaps_closed(doc: Document, options: Collection[Option]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """(gaps closed, gaps opened) against business as usual, of every option but business as usual."""
    covered = coverage_by_option(doc, options)
    bau = covered.get(BAU_ID, Coverage({}))
    return {id_: (tuple(c.closed(bau)), tuple(c.opened(bau))) for id_, c in covered.items() if id_ != BAU_ID}
