"""Workshop summary content for the brief engine: the agenda, what the room placed on the spheres, the
ideas, the votes and the decisions.

Each function is a brief provider (`BriefContext -> list[Block]`, [] when there is nothing to show),
registered in workbench.briefs.providers and named by the workshop-summary template. The sphere gaps
come from the engine's own `sphere_findings` provider. Totals are always printed here: the summary is
written after the room has voted, whether or not the facilitator revealed them on the board.
"""

from __future__ import annotations

from collections import defaultdict

from workbench.briefs.blocks import Block, Bullets, Column, Figure, Para, SpheresDiagram, Subheading, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH
from workbench.kinds import entity_type
from workbench.spheres.entities import REGIONS, Sphere, region_label, regions_of
from workbench.spheres.items import Item, ItemKind
from workbench.words import count
from workbench.workshop.agenda import ordered
from workbench.workshop.entities import STATE_ID, AgendaStep, ConversionKind, Note, Participant, Vote, WorkshopState
from workbench.workshop.groups import label_of
from workbench.workshop.voting import totals

GROUP_NOUNS = ("participant or group", "participants or groups")


def placed_items(ctx: BriefContext) -> list[Block]:
    items = ctx.doc.all(Item)
    if not items:
        return []
    spheres = ctx.doc.all(Sphere)
    where = ctx.spheres.region_of_item
    order = {r: n for n, r in enumerate(REGIONS)}
    items.sort(key=lambda i: (order[where[i.id]], i.name.casefold()))
    rows = tuple((i.name, ItemKind(i.kind).label, region_label(where[i.id], spheres)) for i in items)
    return [
        Table(
            columns=(Column("Item", 3), Column("Kind", 1.2), Column("Where it sits", 3.2)),
            rows=rows,
            caption=f"{count(len(items), 'item')} placed on the spheres canvas, by region.",
        )
    ]


def workshop_agenda(ctx: BriefContext) -> list[Block]:
    steps = ordered(ctx.doc.all(AgendaStep))
    if not steps:
        return []
    rows = tuple((f"{n}. {s.title}", str(s.minutes)) for n, s in enumerate(steps, start=1))
    minutes = sum(s.minutes for s in steps)
    return [
        Table(
            columns=(Column("Step", 5), Column("Minutes", 1, numeric=True)),
            rows=rows,
            total=("Planned time", str(minutes)),
        )
    ]


def _ranked_notes(ctx: BriefContext) -> list[Note]:
    """The sticky notes most voted first: the order of the ideas table and the numbers on the board's picture."""
    votes = totals(ctx.doc.all(Vote))
    return sorted(ctx.doc.all(Note), key=lambda n: (-votes[n.id], n.text.casefold()))


def workshop_board(ctx: BriefContext) -> list[Block]:
    """A picture of the board: the spheres with every sticky note where the room left it, by its number."""
    notes = _ranked_notes(ctx)
    spheres = tuple(sorted(ctx.doc.all(Sphere), key=lambda s: s.key))
    if not notes or not spheres:
        return []
    marks = tuple((n.x, n.y, str(number)) for number, n in enumerate(notes, start=1))
    caption = "The board as the room left it: each sticky note by its number in the table of ideas."
    return [Figure(SpheresDiagram(spheres, ctx.spheres, marks), caption)]


def workshop_ideas(ctx: BriefContext) -> list[Block]:
    """Every sticky note, most voted first, with where it sits on the spheres, who raised it and what became of it."""
    notes = _ranked_notes(ctx)
    if not notes:
        return []
    votes = totals(ctx.doc.all(Vote))
    people = {p.id: p for p in ctx.doc.all(Participant)}
    steps = {s.id: s.title for s in ctx.doc.all(AgendaStep)}
    spheres = ctx.doc.all(Sphere)
    regions = regions_of(((n.x, n.y) for n in notes), spheres)
    rows = tuple(
        (
            str(number),
            n.text,
            region_label(region, spheres),
            _who(people.get(n.participant_id or "")),
            steps.get(n.step_id or "", DASH),
            str(votes[n.id]),
            _fate(n),
        )
        for number, (n, region) in enumerate(zip(notes, regions, strict=True), start=1)
    )
    groups = len({n.participant_id for n in notes if n.participant_id in people})
    return [
        Table(
            columns=(
                Column("#", 0.4, numeric=True),
                Column("Idea", 3.2),
                Column("Where it sits", 2.2),
                Column("From", 1.8),
                Column("Agenda step", 1.8),
                Column("Votes", 0.8, numeric=True),
                Column("Became", 1.4),
            ),
            rows=rows,
            caption=f"{count(len(notes), 'sticky note')} from {count(groups, *GROUP_NOUNS)}, most voted first.",
        )
    ]


NO_VOTES = "Nothing was put to a vote: no dots were placed on the notes or the items."


def workshop_votes(ctx: BriefContext) -> list[Block]:
    """The dot vote: each note or item that got votes, ranked, with who gave them (totals only when the
    facilitator made the votes anonymous); a sentence saying so when the room held no vote."""
    votes = ctx.doc.all(Vote)
    if not votes:
        held = bool(ctx.doc.all(Note) or ctx.doc.all(Participant))  # a workshop took place, but nobody voted
        return [Para(NO_VOTES)] if held else []
    state = ctx.doc.table(WorkshopState).get(STATE_ID)
    anonymous = bool(state and state.anonymous_votes)
    people = {p.id: p for p in ctx.doc.all(Participant)}
    titles = {n.id: n.text for n in ctx.doc.all(Note)} | {i.id: i.name for i in ctx.doc.all(Item)}
    given: dict[str, list[str]] = defaultdict(list)
    for v in sorted(votes, key=lambda v: (-v.count, _who(people.get(v.voter_id)))):
        who = _who(people.get(v.voter_id))
        given[v.target_id].append(who if v.count == 1 else f"{who} ×{v.count}")
    total = totals(votes)
    ranked = sorted(total, key=lambda t: (-total[t], titles.get(t, "").casefold()))
    rows = tuple(
        (str(n), titles.get(t, DASH), str(total[t]), *(() if anonymous else (", ".join(given[t]),)))
        for n, t in enumerate(ranked, start=1)
    )
    cast, allowed = sum(total.values()), sum(p.votes for p in people.values())
    voters = len({v.voter_id for v in votes})
    columns = (Column("#", 0.4, numeric=True), Column("Note or item", 4), Column("Votes", 0.8, numeric=True))
    caption = f"{cast} of {count(allowed, 'vote')} cast by {count(voters, *GROUP_NOUNS)}"
    return [
        Table(
            columns=columns if anonymous else (*columns, Column("Given by", 2.6)),
            rows=rows,
            caption=caption + (", anonymously: totals only." if anonymous else "."),
        )
    ]


def workshop_decisions(ctx: BriefContext) -> list[Block]:
    """What the room agreed, and which notes it turned into parts of the design."""
    notes = sorted(ctx.doc.all(Note), key=lambda n: n.text.casefold())
    decided = tuple(n.text for n in notes if n.decision)
    turned = tuple(_turned(ctx, n, n.converted_kind) for n in notes if n.converted_kind)
    out: list[Block] = []
    if decided:
        out += [Subheading("Decided"), Bullets(decided)]
    if turned:
        out += [Subheading("Taken into the design"), Bullets(turned)]
    return out


def _who(participant: Participant | None) -> str:
    return f"{label_of(participant)} {participant.name}" if participant else DASH


def _fate(note: Note) -> str:
    return ConversionKind(note.converted_kind).label if note.converted_kind else DASH


def _turned(ctx: BriefContext, note: Note, converted_kind: str) -> str:
    kind = ConversionKind(converted_kind)
    target = ctx.doc.get(entity_type("item" if kind is ConversionKind.INSTRUMENT else kind.value), note.converted_id)
    what = f"the {kind.label.lower()} '{target.title}'" if target else f"{kind.label.lower()} (since deleted)"
    return f"'{note.text}' became {what}."
