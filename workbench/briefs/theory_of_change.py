"""The theory of change in a brief: the chain as a figure, and its findings in words."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Column, Figure, Table, TheoryOfChangeDiagram
from workbench.briefs.context import BriefContext
from workbench.document import Document
from workbench.theory_of_change.analysis import TheoryOfChangeAnalysis, analyse_theory_of_change
from workbench.theory_of_change.chain import COLUMN_KEYS, COLUMN_TITLES, DRAWN_PER_COLUMN, cards_of, lines_of

CAPTION = (
    "Theory of change: the failures the programme addresses, its instruments, and the outputs, outcomes and "
    "impacts they should lead to. A warning mark names a card with a finding; a dashed line rests on an "
    "assumption no evaluation tests."
)


def theory_of_change_diagram(doc: Document, analysis: TheoryOfChangeAnalysis | None = None) -> TheoryOfChangeDiagram:
    a = analysis or analyse_theory_of_change(doc)
    cards = tuple(card for column in cards_of(doc).values() for card in column)
    refs = {card.ref for card in cards}
    flagged = frozenset(ref for f in a.findings for ref in f.refs)
    return TheoryOfChangeDiagram(cards, tuple(lines_of(doc, refs)), flagged)


def theory_of_change_figure(ctx: BriefContext) -> list[Block]:
    diagram = theory_of_change_diagram(ctx.doc)
    if not any(card.column not in ("activity",) for card in diagram.cards):
        return []  # instruments alone are no theory of change
    return [Figure(diagram, CAPTION), *not_drawn(diagram)]


def not_drawn(diagram: TheoryOfChangeDiagram) -> list[Block]:
    """The cards a long column of the figure has no room for, by name: a printed figure cuts no card unsaid."""
    rows = []
    for key in COLUMN_KEYS:
        rest = [card.title for card in diagram.cards if card.column == key][DRAWN_PER_COLUMN:]
        if rest:
            rows.append((COLUMN_TITLES[key], str(len(rest)), "; ".join(rest)))
    if not rows:
        return []
    columns = (Column("Column", 1.0), Column("Cards", 0.45, numeric=True), Column("Not drawn in the figure", 3.5))
    return [Table(columns, tuple(rows), caption="The cards the figure above has no room for")]


def theory_of_change_findings(ctx: BriefContext) -> list[Block]:
    a = analyse_theory_of_change(ctx.doc)
    if not (a.rationales or sum(a.nodes.values())):
        return []
    return [Bullets(tuple(f.text for f in a.findings) or ("The chain has no gap the analysis looks for.",))]
