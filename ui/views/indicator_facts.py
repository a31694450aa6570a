"""Inspector lines for an indicator: its status by the stated rule (in words and a shape), its latest
value against what the straight path expects, and when the next measurement is due; and for an objective,
the indicators that measure it (the one place its baseline and target are held).

Registered when the inspector first shows an entity (ui.inspector.FACT_MODULES).
"""

from __future__ import annotations

import datetime as dt

from ui.dates import shown_date
from ui.document import OpenDocument
from ui.inspector import FACTS
from ui.markup import escape
from workbench.entity import Entity
from workbench.monitoring.entities import Indicator, Measurement
from workbench.monitoring.status import RULE, status_of


def _number(value: float, unit: str) -> str:
    return f"{value:,.6g} {unit}".strip()


def indicator_lines(doc: OpenDocument, entity: Entity) -> list[tuple[str, str]]:
    if not isinstance(entity, Indicator):
        return []
    measured = [m for m in doc.all("measurement") if isinstance(m, Measurement) and m.indicator_id == entity.id]
    s = status_of(entity, measured, dt.date.today())
    status = s.words + (f" ({max(s.share, 0.0):.0%} of the way the path expects)" if s.share is not None else "")
    lines = [("Status", escape(status))]
    if s.latest is not None:
        lines.append(("Latest", escape(f"{_number(s.latest.value, entity.unit)} on {shown_date(s.latest.date)}")))
    if s.expected is not None:
        lines.append(("The path expects by then", escape(_number(s.expected, entity.unit))))
    if s.next_due:
        lines.append(("Next measurement due", escape(s.next_due + (" (overdue)" if s.overdue else ""))))
    lines.append(("", f"<i>{escape(RULE)}</i>"))
    return lines


def objective_lines(doc: OpenDocument, entity: Entity) -> list[tuple[str, str]]:
    measured_by = [i for i in doc.all("indicator") if isinstance(i, Indicator) and i.objective_id == entity.id]
    if not measured_by:
        return [("Measured by", "no indicator yet: add one under Indicators with a baseline and a target")]
    return [("Measured by" if n == 0 else "", escape(_path(i))) for n, i in enumerate(measured_by)]


def _path(ind: Indicator) -> str:
    if ind.baseline_value is None or ind.target_value is None:
        return f"{ind.name} (no baseline and target yet)"
    by = f" by {shown_date(ind.target_date)}" if ind.target_date else ""
    return f"{ind.name}: {_number(ind.baseline_value, ind.unit)} → {_number(ind.target_value, ind.unit)}{by}"


FACTS.setdefault("indicator", []).append(indicator_lines)
FACTS.setdefault("objective", []).append(objective_lines)
