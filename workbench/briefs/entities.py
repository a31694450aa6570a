"""The brief entities: a header per template and the free-text sections the user writes.

Both live in the document so a brief is drafted, saved and reopened with the rest of the work; the
ids are derived from the template and section so each piece of text has one obvious home.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.fields import Choice, attr

SECTION_TEXT_LIMIT = 100_000  # a long background section, not a book


class Purpose(Choice):
    """What the reader is asked to do with a submission: the line a private office reads first."""

    FOR_DECISION = "for_decision"
    FOR_INFORMATION = "for_information"
    FOR_COMMENT = "for_comment"


class BriefTemplate(Choice):
    MINISTERIAL = "ministerial"
    WORKSHOP = "workshop"
    EVALUATION = "evaluation"


def brief_id(template: str) -> str:
    return f"brief-{template}"


def section_id(template: str, section: str) -> str:
    return f"{template}-{section}"


@dataclasses.dataclass(kw_only=True, slots=True)
class Brief(Entity):
    """The header block of one template's brief (From, To, Date, Subject, copy list, purpose, clearance,
    contact) and its chosen sections."""

    KIND: ClassVar[str] = "brief"
    LABEL: ClassVar[str] = "Brief"
    TITLE_FIELD: ClassVar[str] = "subject"

    template: str = attr(
        BriefTemplate.MINISTERIAL.value,
        label="Template",
        kind="choice",
        choices=BriefTemplate,
        required=True,
        editable=False,
    )
    subject: str = attr("", label="Subject", max_length=300)
    sender: str = attr("", label="From", max_length=300)
    recipient: str = attr("", label="To", max_length=300)
    date: str | None = attr(None, label="Date", kind="date")
    copy_to: list[str] = attr(label="Copy list", kind="strings", help="One recipient of a copy per entry.")
    omitted_sections: list[str] = attr(label="Sections left out", kind="strings", editable=False)
    purpose: str = attr(Purpose.FOR_DECISION.value, label="Purpose", kind="choice", choices=Purpose, required=True)
    clearance: str = attr("", label="Clearance", max_length=300, help="Who cleared the brief, e.g. the director.")
    contact: str = attr("", label="Contact", max_length=300, help="Who answers questions: name, role and phone.")
    added_sections: list[str] = attr(label="Optional sections added", kind="strings", editable=False)


@dataclasses.dataclass(kw_only=True, slots=True)
class BriefSection(Entity):
    """Free text for one section of one template: paragraphs split by blank lines, '- ' starts a bullet."""

    KIND: ClassVar[str] = "brief_section"
    LABEL: ClassVar[str] = "Brief section"
    TITLE_FIELD: ClassVar[str] = "section"

    template: str = attr(
        BriefTemplate.MINISTERIAL.value,
        label="Template",
        kind="choice",
        choices=BriefTemplate,
        required=True,
        editable=False,
    )
    section: str = attr("", label="Section", required=True, max_length=64, editable=False)
    text: str = attr("", label="Text", kind="longtext", max_length=SECTION_TEXT_LIMIT)
