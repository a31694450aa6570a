"""What a brief template says: its header fields, its sections in order and their rules.

Templates are data (TOML files in templates_reports); this module only checks their shape, so a
broken template fails with a sentence naming the template and the field, not a KeyError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.briefs.entities import BriefSection, BriefTemplate
from workbench.errors import WorkbenchError

HEADER_FIELDS = frozenset({"subject", "sender", "recipient", "date", "copy_to", "purpose", "clearance", "contact"})
EMPTY_RULES = frozenset({"omit", "mark"})


@dataclass(frozen=True)
class HeaderField:
    label: str
    field: str  # a Brief attribute
    required: bool = False  # left empty, it prints "To be completed" and blocks a final export


@dataclass(frozen=True)
class SectionSpec:
    """One section: free text the user writes, model content from providers, or both."""

    id: str
    title: str
    text: bool = True
    hint: str = ""
    providers: tuple[str, ...] = ()
    annex: bool = False
    optional: bool = False  # left out unless the user adds it (a diagnostic annex)
    lettered: bool = False  # the user's points print (a), (b), (c): a recommendation
    numbered: bool = True  # in a template that numbers paragraphs (False: a contact line)
    field: str = ""  # a Brief field the section prints (the contact), edited in the section's place


@dataclass(frozen=True)
class TemplateSpec:
    id: str
    name: str
    heading: str
    header: tuple[HeaderField, ...]
    sections: tuple[SectionSpec, ...]
    empty_sections: str = "mark"  # "omit" leaves an empty section out; "mark" prints "To be completed."
    number_paragraphs: bool = False
    contents: bool = True  # a contents list when the brief is long (never in a submission)
    drafts: bool = False  # printed DRAFT until exported as final, which needs every section written
    font: str = "Liberation Sans"  # the face of the text (the layout ships Liberation Sans and DejaVu Sans)
    font_size: float = 10.5  # points, of the body text; headings and tables scale with it

    def section(self, section_id: str) -> SectionSpec:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise WorkbenchError(f"The {self.name} template has no section {section_id!r}.")


def spec_from_data(data: dict[str, Any]) -> TemplateSpec:
    """Check a parsed template file and build its spec; WorkbenchError names what is wrong."""
    name = str(data.get("name") or data.get("id") or "unnamed")

    def fail(problem: str) -> WorkbenchError:
        return WorkbenchError(f"Brief template {name!r}: {problem}")

    try:
        template_id = BriefTemplate(data["id"]).value
        header = tuple(
            HeaderField(str(h["label"]), str(h["field"]), bool(h.get("required", False)))
            for h in data.get("header", [])
        )
        sections = tuple(
            SectionSpec(
                id=str(s["id"]),
                title=str(s["title"]),
                text=bool(s.get("text", True)),
                hint=str(s.get("hint", "")),
                providers=tuple(str(p) for p in s.get("providers", [])),
                annex=bool(s.get("annex", False)),
                optional=bool(s.get("optional", False)),
                lettered=bool(s.get("lettered", False)),
                numbered=bool(s.get("numbered", True)),
                field=str(s.get("field", "")),
            )
            for s in data["sections"]
        )
        spec = TemplateSpec(
            id=template_id,
            name=name,
            heading=str(data.get("heading", name)),
            header=header,
            sections=sections,
            empty_sections=str(data.get("empty_sections", "mark")),
            number_paragraphs=bool(data.get("number_paragraphs", False)),
            contents=bool(data.get("contents", True)),
            drafts=bool(data.get("drafts", False)),
            font=str(data.get("font", "Liberation Sans")),
            font_size=float(data.get("font_size", 10.5)),
        )
    except KeyError as err:
        raise fail(f"missing {err.args[0]!r}") from None
    except (TypeError, ValueError) as err:
        raise fail(str(err)) from None
    unknown = ({h.field for h in header} | {s.field for s in sections if s.field}) - HEADER_FIELDS
    if unknown:
        raise fail(f"unknown header field(s) {', '.join(sorted(unknown))}")
    if spec.empty_sections not in EMPTY_RULES:
        raise fail(f"empty_sections must be one of {', '.join(sorted(EMPTY_RULES))}")
    if not 6 <= spec.font_size <= 24:
        raise fail("font_size must be between 6 and 24 points")
    ids = [s.id for s in sections]
    if not ids or len(set(ids)) != len(ids) or not all(ids):
        raise fail("section ids must be present and unique")
    if any(len(s.id) > BriefSection.specs()["section"].max_length for s in sections):
        raise fail("section ids must be short (they are stored with the text)")
    return spec
