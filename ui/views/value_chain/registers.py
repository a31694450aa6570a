"""The capability and scale-up registers of the value-chain view, built on the shared RegisterView
(add, delete, filter, sort, inspector editing come with it)."""

from __future__ import annotations

from ui.document import OpenDocument
from ui.views.register import RegisterView
from workbench.fields import FieldSpec

GAP = FieldSpec(label="Gap (required − current)", kind="int")


class CapabilityRegister(RegisterView):
    """Capabilities with their current, required and potential level, the gap, the confidence in the levels,
    and linked instruments.

    The gap is computed (Capability.gap), not stored, so its column is added to the table after the
    register is built from the stored fields.
    """

    def __init__(self, doc: OpenDocument):
        super().__init__(
            doc,
            "capability",
            ["name", "current", "required", "potential", "confidence", "instrument_ids"],
            "No capabilities yet. Click 'Add capability' to record a national industrial capability with its "
            "current, required and potential level (0-5), the evidence for them, and link the instruments that "
            "build it.",
        )
        self.model.specs = {**self.model.specs, "gap": GAP}
        self.model.beginResetModel()
        self.model.columns.insert(4, "gap")
        self.model.endResetModel()


def scale_up_register(doc: OpenDocument) -> RegisterView:
    """Report 001's three scale-up dimensions per technology or sector, each rated with notes."""
    return RegisterView(
        doc,
        "scaleup",
        ["subject", "production", "supply_chain", "finance", "instrument_ids"],
        "No scale-up assessments yet. Click 'Add scale-up assessment' to rate a technology or sector on "
        "production, supply chain and finance (report 001), with notes and the instruments that help.",
    )
