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
from workbench.briefs.blocks import Block, ComposedBrief, ComposedSection, Figure, Note, Para
from workbench.briefs.context import BriefContext
from workbench.briefs.entities import Brief, BriefSection, Purpose, brief_id
from workbench.briefs.format import long_date
from workbench.briefs.providers import PROVIDERS
from workbench.briefs.spec import HeaderField, SectionSpec, TemplateSpec
from workbench.briefs.text import lettered_blocks, text_blocks
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.words import listing

TO_BE_COMPLETED = "To be completed."


class NotFinal(WorkbenchError):
    """A final export asked for while sections are still to be completed."""


def brief_of(doc: Document, spec: TemplateSpec) -> Brief:
    """The stored header of this template's brief, or an empty one (nothing written yet)."""
    found = doc.get(Brief, brief_id(spec.id))
    return found if found is not None else Brief(id=brief_id(spec.id), template=spec.id)


def section_texts(doc: Document, template: str) -> dict[str, str]:
    return {s.section: s.text for s in doc.all(BriefSection) if s.template == template}


def chosen_sections(doc: Document, spec: TemplateSpec) -> list[str]:
    """The sections the user has kept for this template, in template order: every section not left out,
    and of the optional ones (diagnostic annexes) only those added."""
    brief = brief_of(doc, spec)
    left_out, added = set(brief.omitted_sections), set(brief.added_sections)
    return [s.id for s in spec.sections if (s.id in added if s.optional else s.id not in left_out)]


def available(section: SectionSpec) -> bool:
    """False for a section made only of content nobody provides yet (skipped, not 'to be completed')."""
    return section.text or bool(section.field) or any(p in PROVIDERS for p in section.providers)


def compose(
    doc: Document,
    spec: TemplateSpec,
    *,
    today: dt.date,
    sections: Collection[str] | None = None,
    marking: str | None = None,
    final: bool = False,
) -> ComposedBrief:
    """Compose the brief; `sections` (ids) overrides the stored choice, `marking` the project's marking.
    A template with drafts composes a draft unless `final`; a final one with anything still to be
    completed is refused (NotFinal, naming what is missing)."""
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
    ctx = BriefContext(doc, today)
    composed = []
    missing = [h.label for h in spec.header if h.required and not _header_value(brief, h.field, "", "")]
    for section in spec.sections:
        if section.id not in chosen or not available(section):
            continue
        blocks: list[Block] = [*_user_blocks(section, texts.get(section.id, "")), *_field_blocks(section, brief)]
        for name in section.providers:
            provider = PROVIDERS.get(name)
            if provider is not None:
                blocks += provider(ctx)
        if not blocks:
            if spec.empty_sections == "omit":
                continue
            blocks = [Note(TO_BE_COMPLETED)]
            missing.append(section.title)
        composed.append(
            ComposedSection(
                section.id,
                section.title,
                blocks,
                annex=section.annex,
                numbered=spec.number_paragraphs and section.numbered and not section.annex,
            )
        )
    if final and missing:
        raise NotFinal(
            f"The {spec.name.lower()} cannot be exported as final until {listing([f'“{m}”' for m in missing])} "
            f"{'is' if len(missing) == 1 else 'are'} completed; export it as a draft meanwhile."
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
        header=[(h.label, value) for h in spec.header if (value := _header_row(brief, h, date, title))],
        sections=composed,
        draft=spec.drafts and not final,
        missing=tuple(missing),
        contents=spec.contents,
    )


def _user_blocks(section: SectionSpec, text: str) -> list[Block]:
    if not section.text:
        return []
    return [*lettered_blocks(text)] if section.lettered else [*text_blocks(text)]


def _field_blocks(section: SectionSpec, brief: Brief) -> list[Block]:
    value = str(getattr(brief, section.field)).strip() if section.field else ""
    return [Para(value)] if value else []


def _header_row(brief: Brief, field: HeaderField, date: str, title: str) -> str:
    """The printed value of a header row: empty (the row left out) when nothing was written and the
    template does not require it, "To be completed." when it does."""
    value = _header_value(brief, field.field, date, title)
    return TO_BE_COMPLETED if field.required and not value else value


def _header_value(brief: Brief, field: str, date: str, title: str) -> str:
    """The printed value of a header row; the subject falls back to the project title."""
    if field == "date":
        return date
    if field == "subject":
        return title
    if field == "purpose":
        return Purpose(brief.purpose).label
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
