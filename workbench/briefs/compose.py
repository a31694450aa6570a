"""Brief composition: which sections a brief holds, in what order, filled from what.

Pure: a Document and a template spec in, a ComposedBrief out. The date is passed in (never read
from the clock here) so the same inputs always give the same brief.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from collections.abc import Collection

from workbench.briefs.alt_text import alt_text
from workbench.briefs.blocks import Block, ComposedBrief, ComposedSection, Figure, Note
from workbench.briefs.context import BriefContext
from workbench.briefs.entities import Brief, BriefSection, brief_id
from workbench.briefs.format import long_date
from workbench.briefs.providers import PROVIDERS
from workbench.briefs.spec import SectionSpec, TemplateSpec
from workbench.briefs.text import text_blocks
from workbench.document import Document
from workbench.errors import WorkbenchError

TO_BE_COMPLETED = "To be completed."


def brief_of(doc: Document, spec: TemplateSpec) -> Brief:
    """The stored header of this template's brief, or an empty one (nothing written yet)."""
    found = doc.get(Brief, brief_id(spec.id))
    return found if found is not None else Brief(id=brief_id(spec.id), template=spec.id)


def section_texts(doc: Document, template: str) -> dict[str, str]:
    return {s.section: s.text for s in doc.all(BriefSection) if s.template == template}


def chosen_sections(doc: Document, spec: TemplateSpec) -> list[str]:
    """The sections the user has kept for this template, in template order."""
    left_out = set(brief_of(doc, spec).omitted_sections)
    return [s.id for s in spec.sections if s.id not in left_out]


def available(section: SectionSpec) -> bool:
    """False for a section made only of content nobody provides yet (skipped, not 'to be completed')."""
    return section.text or any(p in PROVIDERS for p in section.providers)


def compose(
    doc: Document,
    spec: TemplateSpec,
    *,
    today: dt.date,
    sections: Collection[str] | None = None,
    marking: str | None = None,
) -> ComposedBrief:
    """Compose the brief; `sections` (ids) overrides the stored choice, `marking` the project's marking."""
    chosen = set(chosen_sections(doc, spec) if sections is None else sections)
    unknown = chosen - {s.id for s in spec.sections}
    if unknown:
        known = ", ".join(s.id for s in spec.sections)
        raise WorkbenchError(f"The {spec.name} template has no section {', '.join(sorted(unknown))}; it has {known}.")
    project = doc.project
    if marking is not None:
        project = project.with_marking(marking)
    brief = brief_of(doc, spec)
    texts = section_texts(doc, spec.id)
    ctx = BriefContext(doc)
    composed = []
    for section in spec.sections:
        if section.id not in chosen or not available(section):
            continue
        blocks: list[Block] = [*text_blocks(texts.get(section.id, ""))] if section.text else []
        for name in section.providers:
            provider = PROVIDERS.get(name)
            if provider is not None:
                blocks += provider(ctx)
        if not blocks:
            if spec.empty_sections == "omit":
                continue
            blocks = [Note(TO_BE_COMPLETED)]
        composed.append(
            ComposedSection(
                section.id,
                section.title,
                blocks,
                annex=section.annex,
                numbered=spec.number_paragraphs and not section.annex,
            )
        )
    _letter_annexes(composed)
    _number_figures(composed)
    date = long_date(brief.date or today)
    title = brief.subject or project.title
    return ComposedBrief(
        template_id=spec.id,
        heading=spec.heading,
        title=title,
        department=project.department,
        author=project.author,
        subject=brief.subject,
        marking=project.marking_text,
        version=project.version,
        date=date,
        header=[(h.label, _header_value(brief, h.field, date, title)) for h in spec.header],
        sections=composed,
    )


def _header_value(brief: Brief, field: str, date: str, title: str) -> str:
    """The printed value of a header row; the subject falls back to the project title."""
    if field == "date":
        return date
    if field == "subject":
        return title
    value = getattr(brief, field)
    return "\n".join(value) if isinstance(value, list) else value


def _letter_annexes(sections: list[ComposedSection]) -> None:
    """Annexes are lettered A, B, ... in the order they appear, so a skipped one leaves no hole."""
    letters = iter(string.ascii_uppercase)
    for s in sections:
        if s.annex:
            s.title = f"Annex {next(letters, '?')}: {s.title}"


def _number_figures(sections: list[ComposedSection]) -> None:
    """Figures are numbered in order of appearance and say in words what they show (alt text)."""
    n = 0
    for s in sections:
        for i, block in enumerate(s.blocks):
            if isinstance(block, Figure):
                n += 1
                s.blocks[i] = dataclasses.replace(block, number=n, alt=block.alt or alt_text(block.diagram))
