"""One call from a document to a brief, as PDF or Word: used by the `brief` command and by File > Export brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from templates_reports.catalogue import load_template
from templates_reports.pdf import Rendered, render_pdf
from workbench.briefs.blocks import ComposedBrief
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.safe_files import write_atomically

if TYPE_CHECKING:
    from templates_reports.docx import Rasterise


def make_brief(
    doc: Document,
    template_id: str,
    *,
    sections: Collection[str] | None = None,
    marking: str | None = None,
    page_size: str = "a4",
    fixed_date: dt.date | None = None,
    on_page: Callable[[int], None] | None = None,
    final: bool = False,
) -> Rendered:
    """The brief as PDF bytes. With `fixed_date` the output is reproducible and dated that day;
    `on_page` hears of each page laid out (and may raise to cancel); `final` refuses a submission
    with anything still to be completed, and prints no DRAFT."""
    composed = composed_brief(doc, template_id, sections, marking, fixed_date, final)
    return render_pdf(composed, page_size=page_size, fixed_date=fixed_date, on_page=on_page)


def composed_brief(
    doc: Document,
    template_id: str,
    sections: Collection[str] | None,
    marking: str | None,
    fixed_date: dt.date | None,
    final: bool,
) -> ComposedBrief:
    """The one composition both formats print, dated `fixed_date` or today."""
    today = fixed_date or dt.date.today()
    return compose(doc, load_template(template_id), today=today, sections=sections, marking=marking, final=final)


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date from the command line, or a WorkbenchError saying what is wrong."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise WorkbenchError(f"{text!r} is not a date like 2026-03-31.") from None


def make_docx(
    doc: Document,
    template_id: str,
    rasterise: Rasterise | None,
    *,
    sections: Collection[str] | None = None,
    marking: str | None = None,
    page_size: str = "a4",
    fixed_date: dt.date | None = None,
    word_template: Path | None = None,
    final: bool = False,
) -> bytes:
    """The brief as .docx bytes (the same composition as make_brief's PDF); `rasterise` draws its figures,
    `word_template` is a department's .docx whose styles it takes, `final` as for make_brief."""
    from templates_reports.docx import render_docx  # python-docx: a fifth of a second a PDF does without

    composed = composed_brief(doc, template_id, sections, marking, fixed_date, final)
    return render_docx(composed, rasterise, page_size=page_size, template=word_template, fixed_date=fixed_date)


def write_pdf(rendered: Rendered, target: Path) -> Path:
    return write_file(rendered.pdf, target)


def write_file(data: bytes, target: Path) -> Path:
    """Write beside the target first (under a name nobody can plant), then replace it: never half a file."""
    target = Path(target)
    if not target.parent.is_dir():
        raise WorkbenchError(f"Cannot write {target.name}: the folder {target.parent} does not exist.")
    write_atomically(target, data)
    return target
