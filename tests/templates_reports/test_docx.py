"""The Word output: the same composition as the PDF, read back with python-docx: text in order,
Word's heading styles, numbered paragraphs and lettered limbs, repeating table headers, figures with
alt text, the marking in every header and footer, the document properties; on a department's template."""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import shutil
import struct
import subprocess
import zipfile
import zlib

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from templates_reports.catalogue import load_template
from templates_reports.docx import render_docx
from templates_reports.export import make_docx
from templates_reports.picture import Picture
from workbench.briefs.blocks import (
    Bullets,
    Column,
    ComposedBrief,
    ComposedSection,
    Lettered,
    Note,
    Para,
    Subheading,
    Table,
)
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)
MARKING = "OFFICIAL-SENSITIVE COMMERCIAL"
REQUIRE_SOFFICE = "IIPW_REQUIRE_SOFFICE"


def tiny_png(picture: Picture) -> bytes:
    """A 2 x 1 white PNG standing in for a painted figure (the painting is tested with Qt below)."""
    raw = b"\x00" + b"\xff\xff\xff" * 2

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def sample_docx(**kwargs):
    """The sample's submission as Word reads it back (made once without options: several tests read it)."""
    data = _sample_bytes() if not kwargs else _sample_bytes.__wrapped__(**kwargs)
    return open_docx(io.BytesIO(data))


@functools.cache
def _sample_bytes(**kwargs) -> bytes:
    return make_docx(Document.of(sample_entities()), "ministerial", tiny_png, fixed_date=DAY, **kwargs)


def body_texts(word) -> list[str]:
    return [p.text for p in word.paragraphs if p.text.strip()]


def _letters(n: int) -> str:
    """Word's lowerLetter format: a ... z, then aa ... zz (the letter repeated)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS = {"decimal": str, "lowerLetter": _letters}


def word_labels(word) -> list[tuple[str, str]]:
    """(number, text) of each numbered paragraph of the body, the number computed as Word computes it from
    the paragraph's w:numPr and the list's level formats: a level counts on within its w:num (starting at
    its start, or the num's start override), restarts after any higher level, and shows its lvlText with
    %1, %2, ... replaced by the levels' counts in their formats."""
    numbering = word.part.numbering_part.element
    abstracts = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            start = lvl.find(qn("w:start"))
            levels[int(lvl.get(qn("w:ilvl")))] = (
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")),
                int(start.get(qn("w:val"))) if start is not None else 0,
            )
        abstracts[abstract.get(qn("w:abstractNumId"))] = levels
    nums = {}
    for num in numbering.findall(qn("w:num")):
        starts = {
            int(o.get(qn("w:ilvl"))): int(o.find(qn("w:startOverride")).get(qn("w:val")))
            for o in num.findall(qn("w:lvlOverride"))
            if o.find(qn("w:startOverride")) is not None
        }
        nums[num.get(qn("w:numId"))] = (abstracts[num.find(qn("w:abstractNumId")).get(qn("w:val"))], starts)
    counts: dict[str, list[int | None]] = {}
    out = []
    for p in word.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is None:
            continue
        num_id, level = str(num_pr.numId.val), num_pr.ilvl.val
        levels, starts = nums[num_id]
        if levels[level][0] == "bullet":  # Word shows a bullet, no number
            continue
        count = counts.setdefault(num_id, [None] * 9)
        count[level] = starts.get(level, levels[level][2]) if count[level] is None else count[level] + 1
        count[level + 1 :] = [None] * (8 - level)
        label = levels[level][1]
        for k in range(level + 1):
            fmt, _, start = levels[k]
            shown = count[k] if count[k] is not None else starts.get(k, start)
            label = label.replace(f"%{k + 1}", FORMATS[fmt](shown))
        out.append((label, p.text))
    return out


def test_sections_are_word_headings_in_the_order_of_the_composition():
    composed = compose(Document.of(sample_entities()), load_template("ministerial"), today=DAY)
    word = sample_docx()
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in composed.sections]
    assert [p.text for p in word.paragraphs if p.style.name == "Title"] == ["Submission"]
    texts = body_texts(word)
    assert texts.index("Issue") < texts.index("Recommendation") < texts.index(composed.sections[-1].title)


def test_paragraphs_are_numbered_on_through_the_numbered_sections():
    word = sample_docx()
    labels = word_labels(word)
    numbers = [label for label, _ in labels if label.endswith(".")]
    assert numbers == [f"{n}." for n in range(1, len(numbers) + 1)] and len(numbers) >= 5
    first = next(p for p in word.paragraphs if p.text == labels[0][1])
    assert first.paragraph_format.first_line_indent < 0  # the number hangs in the margin


def brief_of(*blocks, numbered: bool = True, draft: bool = False) -> ComposedBrief:
    return ComposedBrief(
        template_id="ministerial",
        heading="Submission",
        title="Battery cells",
        department="Ministry",
        author="Policy team",
        subject="Battery cells",
        marking=MARKING,
        version="0.3",
        date="5 March 2026",
        header=[("From", "Policy team"), ("To", "Minister\nSpecial advisers")],
        sections=[ComposedSection("rec", "Recommendation", list(blocks), numbered=numbered)],
        draft=draft,
    )


def test_recommendation_limbs_are_lettered_and_every_block_prints():
    columns = (Column("Risk"), Column("Cost", numeric=True))
    table = Table(columns, (("Delay", "€1m"),), caption="Risks", total=("All", "€1m"))
    brief = brief_of(
        Para("That you:"),
        Lettered(("agree the fund;", "note the appraisal;", "commission options.")),
        Bullets(("one",)),
        Subheading("Options"),
        Note("To be completed."),
        table,
        Para("Line one\nline two"),
    )
    word = open_docx(io.BytesIO(render_docx(brief, tiny_png, fixed_date=DAY)))
    texts = body_texts(word)
    start = texts.index("That you:")
    assert texts[start : start + 7] == [
        "That you:", "agree the fund;", "note the appraisal;", "commission options.", "one", "Options",
        "To be completed.",
    ]
    # numbered as the PDF numbers them: bullets not under a paragraph are paragraphs of their own
    assert word_labels(word) == [
        ("1.", "That you:"),
        ("(a)", "agree the fund;"),
        ("(b)", "note the appraisal;"),
        ("(c)", "commission options."),
        ("2.", "one"),
        ("3.", "Line one\nline two"),
    ]
    assert next(p for p in word.paragraphs if p.text == "Options").style.name == "Heading 2"
    assert next(p for p in word.paragraphs if p.text == "To be completed.").runs[0].italic
    header = word.tables[0]
    assert [c.text for c in header.rows[1].cells] == ["To", "Minister\nSpecial advisers"]
    risks = word.tables[1]
    assert [[c.text for c in row.cells] for row in risks.rows] == [["Risk", "Cost"], ["Delay", "€1m"], ["All", "€1m"]]
    assert risks.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    assert risks.rows[2].cells[1].paragraphs[0].runs[0].bold
    assert risks.rows[1].cells[1].paragraphs[0].alignment == 2  # right


def test_the_marking_is_in_every_header_and_footer_and_draft_under_it():
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("x"), draft=True), tiny_png)))
    for section in word.sections:
        assert [p.text for p in section.header.paragraphs] == [MARKING, "DRAFT"]
        assert section.footer.paragraphs[-1].text == MARKING
        assert "Page" in section.footer.paragraphs[0].text
        assert not section.different_first_page_header_footer
    final = open_docx(io.BytesIO(render_docx(brief_of(Para("x"), draft=False), tiny_png)))
    assert [p.text for p in final.sections[0].header.paragraphs] == [MARKING]


def test_every_figure_is_a_picture_with_alt_text_and_the_properties_are_set():
    composed = compose(Document.of(sample_entities()), load_template("ministerial"), today=DAY)
    word = sample_docx()
    pictures = word.element.body.findall(".//" + qn("wp:docPr"))
    assert len(pictures) == len(composed.figures) >= 3
    for figure, picture in zip(composed.figures, pictures, strict=True):
        assert picture.get("descr") == (figure.alt or f"Figure {figure.number}: {figure.caption}")
        assert picture.get("title") == f"Figure {figure.number}: {figure.caption}"
    props = word.core_properties
    assert props.title == f"Submission: {composed.title}"
    assert props.author == composed.author
    assert props.subject == composed.title
    assert props.keywords == MARKING
    assert props.category == "Submission"
    assert props.language == "en-GB"
    assert props.created == dt.datetime(2026, 3, 5, tzinfo=dt.UTC)


def test_a_department_template_gives_its_styles_and_loses_its_body(tmp_path):
    template = open_docx()
    template.styles["Heading 1"].font.name = "Georgia"
    template.add_paragraph("Delete me: the template's own example text")
    path = tmp_path / "department.docx"
    template.save(str(path))
    word = sample_docx(word_template=path)
    assert "Delete me: the template's own example text" not in body_texts(word)
    assert word.styles["Heading 1"].font.name == "Georgia"
    assert body_texts(word)[1] == "Submission"
    with pytest.raises(WorkbenchError, match="not a Word document"):
        sample_docx(word_template=tmp_path)


def test_text_word_cannot_hold_is_dropped_not_a_crash():
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("bell\x07 and <b>&amp;</b>")), None)))
    assert word_labels(word) == [("1.", "bell and <b>&amp;</b>")]


def test_figures_are_painted_at_200_dpi(qapp):
    from ui.page_image import house_family, png_bytes

    family = house_family()
    data = make_docx(
        Document.of(sample_entities()), "ministerial", lambda p: png_bytes(p, family), fixed_date=DAY
    )
    word = open_docx(io.BytesIO(data))
    images = [s for s in word.inline_shapes]
    assert len(images) >= 3
    for shape in images:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = word.part.related_parts[blip.embed].image
        assert image.content_type == "image/png"
        assert round(image.px_width / (shape.width.inches)) in range(195, 206)


@pytest.mark.slow
def test_libreoffice_opens_the_docx_and_prints_the_same_text(tmp_path):
    """Skipped, with its reason, where LibreOffice is not installed, unless IIPW_REQUIRE_SOFFICE is set
    (then its absence fails the test)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        message = "LibreOffice (soffice) is not installed, so the .docx was not converted to PDF."
        if os.environ.get(REQUIRE_SOFFICE):
            pytest.fail(message)
        pytest.skip(message + f" Set {REQUIRE_SOFFICE}=1 to make this a failure.")
    source = tmp_path / "brief.docx"
    source.write_bytes(make_docx(Document.of(sample_entities()), "ministerial", tiny_png, fixed_date=DAY))
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240,
    )
    pdf = PdfReader(tmp_path / "brief.pdf")
    assert 4 <= len(pdf.pages) <= 20
    pages = [page.extract_text() for page in pdf.pages]
    assert all(MARKING in text for text in pages)
    assert "Recommendation" in pages[0] and "Submission" in pages[0]
    assert f"Page 1 of {len(pdf.pages)}" in pages[0]


def test_the_brief_command_writes_word_and_refuses_a_template_that_is_not_word(tmp_path, app_home, qapp):
    from tests.e2e.cli import run_cli

    doc = tmp_path / "sample.iipw"
    assert run_cli("new", str(doc), "--sample", home=app_home).returncode == 0
    out = tmp_path / "brief.docx"
    ok = run_cli("brief", doc, "--template", "ministerial", "--format", "docx", "-o", out, home=app_home)
    assert ok.returncode == 0, ok.stderr
    assert "brief.docx" in ok.stdout
    word = open_docx(str(out))
    assert word.inline_shapes and "Recommendation" in body_texts(word)
    named = tmp_path / "named.docx"  # the file's name says Word: no --format needed
    assert run_cli("brief", doc, "--template", "ministerial", "-o", named, home=app_home).returncode == 0
    assert zipfile.is_zipfile(named) and "Recommendation" in body_texts(open_docx(str(named)))
    clash = run_cli(
        "brief", doc, "--template", "ministerial", "--format", "pdf", "-o", tmp_path / "y.docx", home=app_home
    )
    assert clash.returncode == 2 and "y.docx is named as a .docx file but --format pdf was asked for" in clash.stderr
    assert not (tmp_path / "y.docx").exists()
    bad = tmp_path / "notes.txt"
    bad.write_text("not Word")
    refused = run_cli(
        "brief", doc, "--template", "ministerial", "--format", "docx", "--word-template", bad,
        "-o", tmp_path / "x.docx", home=app_home,
    )
    assert refused.returncode == 2 and "notes.txt cannot be used as a template" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "x.docx").exists()


def test_word_numbers_every_paragraph_and_sub_point_as_the_pdf_does():
    from templates_reports.flowables import Numbering, section_body

    section = ComposedSection("s", "Section", [Para("First."), Bullets(("a", "b")), Para("Second.")], numbered=True)
    word = open_docx(io.BytesIO(render_docx(brief_of(*section.blocks), None)))
    labels = [label for label, _ in word_labels(word)]
    printed = [getattr(f, "bulletText", None) for f in section_body(section, Numbering(), 400, {})]
    assert labels == ["1.", "1.1", "1.2", "2."] == [p for p in printed if p]


def test_a_narrow_column_is_never_narrower_than_its_longest_word_in_word():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from templates_reports.fonts import BOLD, register_fonts

    register_fonts()
    table = Table((Column("Likelihood", 0.2), Column("Mitigation", 6.0)), (("Medium", "Pause the drawdown"),))
    word = open_docx(io.BytesIO(render_docx(brief_of(table), None)))
    grid = word.tables[-1]._tbl.tblGrid.findall(qn("w:gridCol"))
    first = int(grid[0].get(qn("w:w"))) / 20  # points
    word_margins = 2 * 5.4  # Word's default cell margins, left and right
    assert first >= stringWidth("Likelihood", BOLD, 9) + word_margins
