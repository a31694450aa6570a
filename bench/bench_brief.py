"""Brief export: the ministerial submission of generated documents of 1,000 and 10,000 entities.

What a user waits for is measured: from the document in memory to the PDF's bytes (composing the brief,
its analyses and figures included, and laying it out). Against it, in the same run and interleaved:
bare reportlab laying out the same content, with no code of ours (the same paragraphs, table rows and
figure drawings, prepared beforehand, in one plain story of the same fonts; a table cell too wide for
its column wraps, as ours do, rather than running over its neighbours).

Sizes: 1,000 and 10,000 entities; with --100k also 100,000 (a run of several minutes).

Targets (a miss fails the run, and so `make bench`):
- 10,000 entities exported in < 5 s, and at most 3x bare reportlab of the same content;
- growth no worse than linear: ten times the entities cost at most 1.5 x 10 times the time;
- a text-heavy brief (10,000 characters in every section of the 10,000-entity document), at most 3x
  bare reportlab.
Process against process, where LibreOffice is installed: `iip-workbench brief` on the saved document
against `soffice --headless --convert-to pdf` of the same text as a DOCX (goal: >= 3x faster), medians of
five runs in turn after one of each not counted (LibreOffice's own time varies by a fifth). Where it is
not installed, the run says that nothing was measured.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import io
import itertools
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import interleaved, isolated_home, report

home = isolated_home()
importlib.import_module("templates_reports")  # before reportlab, as in the program: it makes reportlab's settings

from large_document import generated_entities  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table  # noqa: E402

from db.session import DocumentSession  # noqa: E402
from templates_reports import styles  # noqa: E402
from templates_reports.catalogue import load_template  # noqa: E402
from templates_reports.flowables import figure_drawing  # noqa: E402
from templates_reports.fonts import register_fonts  # noqa: E402
from templates_reports.pdf import render_pdf  # noqa: E402
from workbench.briefs.blocks import Bullets, ComposedBrief, Figure, Note, Para, Subheading  # noqa: E402
from workbench.briefs.blocks import Table as TableBlock  # noqa: E402
from workbench.briefs.compose import compose  # noqa: E402
from workbench.briefs.entities import BriefSection, section_id  # noqa: E402
from workbench.document import Document  # noqa: E402

SMALL, LARGE, HUGE = 1_000, 10_000, 100_000  # the largest only with --100k (minutes)
GROWTH = 1.5  # ten times the entities: at most GROWTH x ten times the time
LONG_SECTION = 10_000  # characters in every section of the text-heavy brief
DAY = dt.date(2026, 3, 5)
SPEC = load_template("ministerial")
WORDS = [
    "the",
    "regional",
    "battery",
    "cluster",
    "needs",
    "skills",
    "capital",
    "and",
    "a",
    "supply",
    "chain",
    "that",
    "exports",
]


def document(entities: int, section_chars: int = 0) -> Document:
    doc = Document.of(generated_entities(entities))
    rnd = random.Random(section_chars)
    for section in SPEC.sections if section_chars else ():
        text = " ".join(rnd.choice(WORDS) for _ in range(section_chars // 5))[:section_chars]
        key = section_id(SPEC.id, section.id)
        doc.entities[BriefSection.KIND][key] = BriefSection(id=key, template=SPEC.id, section=section.id, text=text)
    return doc


def export(doc: Document) -> int:
    """Ours: compose (analyses, figures) and lay out, as File > Export brief and `iip-workbench brief` do."""
    return render_pdf(compose(doc, SPEC, today=DAY), fixed_date=DAY).pages


# ----- the baseline: bare reportlab, the same content ------------------------------------------------
def bare_story(brief: ComposedBrief) -> Callable[[], list]:
    """The brief's content as plain reportlab flowables, prepared once (the figures drawn by our code
    beforehand: the baseline lays out the same drawings); the returned function makes a fresh story."""
    items: list[tuple] = [("para", styles.heading, brief.heading)]
    items += [("para", styles.body, f"{label}: {value}") for label, value in brief.header]
    for section in brief.sections:
        if section.annex:
            items.append(("break",))
        items.append(("para", styles.section, section.title))
        for block in section.blocks:
            match block:
                case Para(text) | Note(text) | Subheading(text):
                    items += [("para", styles.body, part) for part in text.split("\n\n")]
                case Bullets(entries):
                    items += [("para", styles.bullet, entry) for entry in entries]
                case TableBlock(columns, rows):
                    items.append(("table", [tuple(c.title for c in columns), *rows]))
                case Figure(diagram, caption):
                    items += [("drawing", figure_drawing(diagram)), ("para", styles.figure_caption, caption)]

    def story() -> list:
        out: list = []
        for item in items:
            if item[0] == "para":
                out.append(Paragraph(escape(item[2]), item[1]))
            elif item[0] == "table":  # a cell wider than its column wraps, as any table must
                width = 451.0 / len(item[1][0])
                cells = [[c if fits(c, width) else Paragraph(escape(c), styles.cell) for c in row] for row in item[1]]
                out += [Table(cells, colWidths=[width] * len(item[1][0]), repeatRows=1), Spacer(0, 8)]
            elif item[0] == "drawing":  # a copy: a layout marks a drawing it put off to the next page
                out.append(copy.copy(item[1]))
            else:
                out.append(PageBreak())
        return out

    return story


def fits(text: str, width: float) -> bool:
    """Whether a table cell's text fits its column on one line (reportlab pads a cell 6 points a side)."""
    return stringWidth(text, styles.cell.fontName, styles.cell.fontSize) <= width - 12


def bare(story: Callable[[], list]) -> int:
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        invariant=1,
        initialFontName=styles.body.fontName,
        leftMargin=styles.MARGIN_X,  # our page's frame: a figure as wide as ours fits
        rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP,
        bottomMargin=styles.MARGIN_BOTTOM,
    )
    doc.build(story())
    return doc.page


def measure(entities: int, rounds: int, section_chars: int = 0) -> tuple[float, float, int]:
    doc = document(entities, section_chars)
    pages = export(doc)  # warm: fonts, caches
    story = bare_story(compose(doc, SPEC, today=DAY))
    bare(story)
    timed = interleaved({"ours": lambda: export(doc), "bare": lambda: bare(story)}, repeats=rounds, warmup=0)
    return timed["ours"], timed["bare"], pages


# ----- LibreOffice, process against process -----------------------------------------------------------
def docx_of(brief: ComposedBrief, target: Path) -> Path:
    """The brief's text as a minimal DOCX (headings, paragraphs, bullets, table cells as paragraphs)."""
    lines = [brief.heading, *(f"{label}: {value}" for label, value in brief.header)]
    for section in brief.sections:
        lines.append(section.title)
        for block in section.blocks:
            if isinstance(block, (Para, Subheading, Note)):
                lines.append(block.text)
            elif isinstance(block, Bullets):
                lines += [f"• {item}" for item in block.items]
            elif isinstance(block, TableBlock):
                lines += ["\t".join(row) for row in block.rows]
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(target, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            "<?xml version='1.0' encoding='UTF-8'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/"
            "content-types'><Default Extension='rels' ContentType='application/vnd.openxmlformats-package."
            "relationships+xml'/><Default Extension='xml' ContentType='application/xml'/><Override PartName="
            "'/word/document.xml' ContentType='application/vnd.openxmlformats-officedocument.wordprocessingml."
            "document.main+xml'/></Types>",
        )
        z.writestr(
            "_rels/.rels",
            "<?xml version='1.0' encoding='UTF-8'?><Relationships xmlns='http://schemas.openxmlformats.org/package/"
            "2006/relationships'><Relationship Id='r1' Type='http://schemas.openxmlformats.org/officeDocument/2006/"
            "relationships/officeDocument' Target='word/document.xml'/></Relationships>",
        )
        z.writestr(
            "word/document.xml",
            f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{w}'><w:body>{body}</w:body></w:document>",
        )
    return target


def run_process(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=600)


def libreoffice(entities: int) -> None:
    soffice = shutil.which("soffice")
    ours_cli = shutil.which("iip-workbench") or str(Path(sys.executable).with_name("iip-workbench"))
    if soffice is None:
        print("LibreOffice comparison: NOT MEASURED (soffice is not installed); no claim is made", flush=True)
        return
    with tempfile.TemporaryDirectory(prefix="iipw-bench-") as tmp:
        folder = Path(tmp)
        session = DocumentSession.new(generated_entities(entities), title="Generated")
        path = session.save_as(folder / "generated.iipw")
        session.close()
        docx = docx_of(compose(Document.of(generated_entities(entities)), SPEC, today=DAY), folder / "brief.docx")
        ours = [ours_cli, "brief", str(path), "--template", "ministerial", "-o", str(folder / "ours.pdf")]
        theirs = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)]
        # A first run of each is not counted: ours then reads the file whole and keeps what it compiled,
        # LibreOffice makes its profile. Five rounds in turn: LibreOffice's time alone varies by a fifth.
        timed = interleaved({"ours": lambda: run_process(ours), "office": lambda: run_process(theirs)}, repeats=5)
        mine, office = timed["ours"], timed["office"]
    print(f"process to process, {entities:,} entities: iip-workbench brief {mine * 1000:.0f} ms, ", end="")
    print(f"LibreOffice DOCX -> PDF {office * 1000:.0f} ms: ours is {office / mine:.1f}x faster (goal >= 3x)")
    report(f"iip-workbench brief process, {entities:,} entities", mine, baseline=office, target="<= 0.34x LibreOffice")


def main(huge: bool) -> None:
    register_fonts()
    sizes = {SMALL: 5, LARGE: 3, **({HUGE: 1} if huge else {})}  # entities: rounds
    measured = {entities: measure(entities, rounds) for entities, rounds in sizes.items()}
    for entities, (ours, baseline, pages) in measured.items():
        print(f"{entities:,} entities ({pages} pages): {ours / entities * 1e6:.0f} µs per entity", flush=True)
        report(
            f"export, {entities:,} entities, vs bare reportlab", ours, baseline=baseline, target="<= 3x bare reportlab"
        )
    report(f"export, {LARGE:,} entities", measured[LARGE][0], target="< 5 s")
    for smaller, larger in itertools.pairwise(measured):
        growth = f"<= {GROWTH * larger / smaller:g}x the {smaller:,}-entity time (linear, with room {GROWTH}x)"
        report(
            f"growth from {smaller:,} to {larger:,} entities",
            measured[larger][0],
            baseline=measured[smaller][0],
            target=growth,
        )
    heavy, heavy_bare, heavy_pages = measure(LARGE, rounds=1, section_chars=LONG_SECTION)
    name = f"export, {LARGE:,} entities, {LONG_SECTION:,} characters in every section ({heavy_pages} pages)"
    report(name, heavy, baseline=heavy_bare, target="<= 3x bare reportlab")
    libreoffice(LARGE)


if __name__ == "__main__":
    main(huge="--100k" in sys.argv[1:])
