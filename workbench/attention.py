"""What needs attention in a design: the findings of the sections' analyses, in words, by area.

The overview lists them so a user opening a project sees at once where it is weak: sphere overlaps
with nothing (or almost nothing) in them, value-chain stages nobody acts at, actors linked to no one,
objectives nobody can measure, instruments nobody evaluates, evaluations past their date with no
report, unanswered checklists. Each finding names the objects it is about, so the overview can go
straight to them. Everything here is cheap (no network measures): the overview looks again a moment
after each edit.
"""

from __future__ import annotations

import datetime as dt

from workbench.bulk_work import no_collection
from workbench.checklists.rules import policy_instruments
from workbench.checklists.scoring import evaluate_all, overall
from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.findings import Attention, Finding
from workbench.monitoring.status import attention_lines, monitoring, unmeasured_objectives
from workbench.passes import one_pass
from workbench.registers.entities import Evaluation, Independence, Objective
from workbench.registers.overdue import overdue_evaluations, overdue_line
from workbench.spheres.analysis import analyse_spheres
from workbench.theory_of_change.analysis import analyse_theory_of_change
from workbench.value_chain.analysis import analyse_value_chain
from workbench.value_chain.entities import Capability
from workbench.words import count

SPHERE_SEVERITIES = ("empty", "thin", "misplaced")
NAMED = 3  # names listed in a finding before "and 4 more"


def needs_attention(doc: Document, today: dt.date | None = None) -> list[Attention]:
    """The areas with something to look at, in the order a design is usually built (`today` decides
    what is overdue; the real today by default). The collector is held off meanwhile: for a large
    document the analyses make hundreds of thousands of objects, freed by their reference counts."""
    with one_pass(doc), no_collection():
        return _found(doc, today or dt.date.today())


def _found(doc: Document, today: dt.date) -> list[Attention]:
    found = (
        Attention("spheres", "Spheres", _spheres(doc)),
        Attention("value_chain", "Value chain", _value_chain(doc)),
        Attention("ecosystem", "Ecosystem", _ecosystem(doc)),
        Attention("objectives", "Objectives", _objectives(doc)),
        Attention("theory_of_change", "Theory of change", _theory_of_change(doc)),
        Attention("monitoring", "Monitoring", _monitoring(doc, today)),
        Attention("evaluation", "Evaluation", _evaluation(doc, today)),
        Attention("checklists", "Checklists", _checklists(doc)),
    )
    return [a for a in found if a.findings]


def _theory_of_change(doc: Document) -> tuple[Finding, ...]:
    return tuple(Finding(f.text, f.refs) for f in analyse_theory_of_change(doc).findings)


def _monitoring(doc: Document, today: dt.date) -> tuple[Finding, ...]:
    return tuple(Finding(line) for line in attention_lines(monitoring(doc, today)))


def _spheres(doc: Document) -> tuple[Finding, ...]:
    gaps = analyse_spheres(doc).gaps
    return tuple(
        Finding(g["text"], tuple(("item", i) for i in g["ids"])) for g in gaps if g["severity"] in SPHERE_SEVERITIES
    )


def _value_chain(doc: Document) -> tuple[Finding, ...]:
    capabilities = doc.table(Capability)
    return tuple(
        Finding(f.text, tuple(("capability" if i in capabilities else "item", i) for i in f.ids))
        for f in analyse_value_chain(doc).findings
    )


def _ecosystem(doc: Document) -> tuple[Finding, ...]:
    actors = doc.all(Actor)
    linked = {end for k in doc.all(Link) for end in (k.source_id, k.target_id)}
    alone = [a for a in actors if a.id not in linked]
    unplaced = [a for a in actors if a.x is None or a.y is None]
    out = []
    if alone and len(actors) > 1:
        out.append(_about(alone, count(len(alone), "actor"), "linked to no other actor", "is", "are"))
    if unplaced:
        out.append(_about(unplaced, count(len(unplaced), "actor"), "not placed on the map yet", "is", "are"))
    return tuple(out)


def _objectives(doc: Document) -> tuple[Finding, ...]:
    objectives = doc.all(Objective)
    unmeasured = unmeasured_objectives(doc)
    unlinked = [o for o in objectives if not o.instrument_ids]
    out = []
    if unmeasured:
        what = "no indicator with a baseline and a target"
        out.append(_about(unmeasured, count(len(unmeasured), "objective"), what, "has", "have"))
    if unlinked:
        out.append(_about(unlinked, count(len(unlinked), "objective"), "no instrument linked to it", "has", "have"))
    return tuple(out)


def _evaluation(doc: Document, today: dt.date) -> tuple[Finding, ...]:
    funded = [item for item, _profile in policy_instruments(doc)]
    evaluations = doc.all(Evaluation)
    covered = {e.subject_id for e in evaluations}
    missing = [item for item in funded if item.id not in covered]
    in_house = [e for e in evaluations if e.independence == Independence.IN_HOUSE.value]
    out = []
    if missing and evaluations:
        out.append(
            _about(
                missing, f"{len(missing)} of {count(len(funded), 'instrument')}", "no planned evaluation", "has", "have"
            )
        )
    elif missing:
        out.append(Finding("No evaluation is planned yet for any instrument or programme."))
    if in_house:
        out.append(
            _about(in_house, count(len(in_house), "evaluation"), "run in-house, with no one independent", "is", "are")
        )
    out += [Finding(overdue_line(e), (("evaluation", e.id),)) for e in overdue_evaluations(doc, today)]
    return tuple(out)


def _checklists(doc: Document) -> tuple[Finding, ...]:
    results = evaluate_all(doc)
    score = overall(results)
    unanswered = sum(r.not_answered for r in results)
    if score.percent is None or score.percent >= 100:
        return ()
    return (
        Finding(
            f"The checklists are {score.percent}% complete; {count(unanswered, 'question')} "
            f"{'is' if unanswered == 1 else 'are'} not answered yet."
        ),
    )


def _about(entities: list, subject: str, what: str, one: str, many: str) -> Finding:
    """'2 actors are linked to no other actor: A and B.', naming the entities (up to NAMED of them)."""
    named = sorted(entities, key=lambda e: e.title.casefold())
    titles = [f"'{_short(e.title)}'" for e in named[:NAMED]]
    rest = len(named) - len(titles)
    if rest:
        listed = ", ".join(titles) + f" and {rest} more"
    else:
        listed = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    verb = one if len(entities) == 1 and subject.startswith("1 ") else many
    return Finding(f"{subject} {verb} {what}: {listed}.", tuple((e.KIND, e.id) for e in named))


def _short(title: str, limit: int = 60) -> str:
    title = title.rstrip(". ")
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
