"""The Measurements register: Add records a value of the indicator selected (or the first one) today,
starting from its latest value, so a new row is valid and counted at once; edit it in the inspector."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from ui import dialogs
from ui.document import OpenDocument
from ui.views.register import RegisterView
from workbench.entity import Entity
from workbench.monitoring.entities import Indicator, Measurement


class MeasurementRegister(RegisterView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(
            doc,
            "measurement",
            ["indicator_id", "date", "value", "note"],
            "No measurements yet. Click 'Add measurement' to record an indicator's value on a date.",
            parent=parent,
        )

    def new_entity(self) -> Entity | None:
        indicators = sorted((i for i in self.doc.all("indicator") if isinstance(i, Indicator)), key=lambda i: i.name)
        if not indicators:
            dialogs.inform(
                self, "Add measurement", "Add an indicator under Indicators first; then record its values here."
            )
            return None
        chosen = {id_ for kind, id_ in self.doc.selection if kind == "indicator"}
        indicator = next((i for i in indicators if i.id in chosen), indicators[0])
        earlier = [
            m for m in self.doc.all("measurement") if isinstance(m, Measurement) and m.indicator_id == indicator.id
        ]
        latest = max(earlier, key=lambda m: m.date, default=None)
        value = latest.value if latest else indicator.baseline_value or 0.0
        return Measurement.create(indicator_id=indicator.id, date=dt.date.today().isoformat(), value=value)
