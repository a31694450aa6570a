"""Brief PDFs read back with pypdf: order, markings, literal user text, figures, bookmarks, robustness, CLI."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.catalogue import load_template
from templates_reports.export import make_brief
from templates_reports.fonts import BOLD
from templates_reports.pdf import render_pdf
from templates_reports.picture import Path, Text, first_page
from tests.e2e.cli import run_cli
from tests.quick import spread
from workbench.briefs.compose import compose
from workbench.briefs.entities import Brief, BriefSection, brief_id, section_id
from workbench.document import Document
from workbench.entity import Entity
from workbench.money.entities import SpendLine
from workbench.sample import sample_entities, starter_entities
from workbench.spheres.items import Instrument, Item

DAY = dt.date(2026, 3, 5)
MARKING = "OFFICIAL-SENSITIVE COMMERCIAL"  # the sample project's
INJECTIONS = [
    "<b>not bold</b>",
    '<img src="/etc/passwd" width="500" height="500"/>',
    "AT&T &amp; &lt;tag&gt; &#169; &nbsp;",
    "<font size=40 color=red>big</font>",
    "<a href='javascript:alert(1)'>click</a>",
    "<br/><para>]]><![CDATA[x]]>",
    "<seq id='x'/><onDraw name='evil'/>",
]


def sample(**texts: str) -> Document:
    doc = Document.of(sample_entities())
    for section, text in texts.items():
        put(
            doc,
            BriefSection.create(
                id=section_id("ministerial", section), template="ministerial", section=section, text=text
            ),
        )
    return doc


def put(doc: Document, *entities: Entity) -> Document:
    for e in entities:
        doc.entities[e.KIND][e.id] = e
    return doc


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def with_diagnostics(doc: Document) -> Document:
    """The sample with every optional (diagnostic) annex added, as a user ticks them in the Briefs view."""
    brief = doc.get(Brief, brief_id("ministerial"))
    optional = [s.id for s in load_template("ministerial").sections if s.optional]
    return put(doc, brief.changed(added_sections=optional))


def long_evaluation_plan() -> Document:
    """The evaluation plan with a purpose long enough for a contents list (briefs past two pages)."""
    doc = sample()
    text = "\n\n".join(f"Paragraph {n}: " + "the plan covers every programme " * 20 for n in range(20))
    return put(doc, BriefSection.create(id=section_id("evaluation", "purpose"), template="evaluation",
                                        section="purpose", text=text))


def test_a_long_brief_lists_its_sections_in_order_after_a_contents_list():
    rendered = make_brief(long_evaluation_plan(), "evaluation", fixed_date=DAY)
    assert rendered.contents
    text = re.sub(r"( \.)+", "", flat(" ".join(page_texts(rendered.pdf))))  # without the dot leaders
    pdf = reader(rendered.pdf)
    marks = [(o.title, pdf.get_destination_page_number(o) + 1) for o in pdf.outline]
    listing = "Contents " + " ".join(f"{t} {p}" for t, p in marks)
    assert listing in text
    body = text[text.index(listing) + len(listing) :]
    positions = [body.index(t) for t, _ in marks]
    assert positions == sorted(positions)


@pytest.mark.parametrize("template", spread(["ministerial", "workshop", "evaluation"], floor=1))
def test_marking_centred_at_top_and_bottom_of_every_page(template):
    rendered = make_brief(sample(), template, fixed_date=DAY)
    marking = MARKING
    pdf = reader(rendered.pdf)
    assert len(pdf.pages) == rendered.pages >= 2
    width = stringWidth(marking, BOLD, 10)
    for n, page in enumerate(pdf.pages, start=1):
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip() == marking:
                found.append((tm[4] + cm[4], tm[5] + cm[5]))

        page.extract_text(visitor_text=visit)
        height, page_width = float(page.mediabox.height), float(page.mediabox.width)
        assert len(found) == 2, (n, found)
        (x1, top), (x2, bottom) = sorted(found, key=lambda p: -p[1])
        assert top > height - 60 and bottom < 60
        for x in (x1, x2):
            assert abs(x + width / 2 - page_width / 2) < 1
        assert f"Page {n} of {rendered.pages}" in page.extract_text()
        assert "Version 0.3" in page.extract_text() and "5 March 2026" in page.extract_text()


@pytest.mark.parametrize("injection", spread(INJECTIONS))
def test_user_text_prints_literally(injection):
    doc = sample(issue=f"Before {injection} after", risks=f"- {injection}")
    brief = doc.get(Brief, brief_id("ministerial"))
    put(doc, brief.changed(subject=f"S {injection}", copy_to=[injection]))
    rendered = make_brief(doc, "ministerial", fixed_date=DAY)
    text = flat(" ".join(page_texts(rendered.pdf)))
    assert text.count(flat(injection)) >= 4  # issue, risk bullet, subject, copy list
    assert f"Before {flat(injection)} after" in text
    raw = rendered.pdf  # the only links are the contents list's, inside the document
    assert b"/Subtype /Image" not in raw and b"/URI" not in raw and b"/JavaScript" not in raw


def test_the_spheres_figure_is_a_vector_drawing_on_the_annex_page():
    rendered = make_brief(with_diagnostics(sample()), "ministerial", fixed_date=DAY)
    pdf = reader(rendered.pdf)
    annex = next(o for o in pdf.outline if o.title.startswith("Annex D"))
    page_number = pdf.get_destination_page_number(annex)
    following = next(o for o in pdf.outline if o.title.startswith("Annex E"))
    assert page_number < pdf.get_destination_page_number(following)  # with the table of its measures after it
    page = pdf.pages[page_number]
    text = page.extract_text()
    for words in ("Figure 5:", "⚠\n 0", "C  Industrial policy"):  # the flag is drawn in a fallback font
        assert words in text
    assert not re.search(r"\b(A|B|C|AB|AC|BC|ABC): \d", text)  # no region letter codes
    content = page.get_contents().get_data()
    assert b"0 .447059 .698039 rg" in content  # sphere A's fill (#0072b2) is drawn as a path
    assert sum(1 for _ in re.finditer(rb" c\n", content)) >= 12  # circles as Bezier curves
    assert b"/Subtype /Image" not in rendered.pdf
    others = "".join(pdf.pages[n].extract_text() for n in range(rendered.pages) if n != page_number)
    assert "Figure 5:" not in others


def test_the_ecosystem_annex_keeps_figure_and_first_findings_on_one_page_before_the_checklists():
    rendered = make_brief(with_diagnostics(sample()), "ministerial", fixed_date=DAY)
    pdf = reader(rendered.pdf)
    pages = {o.title[:7]: pdf.get_destination_page_number(o) for o in pdf.outline if o.title.startswith("Annex")}
    assert pages["Annex G"] > pages["Annex F"]  # every finding listed: they may run onto a second page
    ecosystem = flat(" ".join(pdf.pages[n].extract_text() for n in range(pages["Annex F"], pages["Annex G"])))
    assert ecosystem.index("Annex F: The institutional ecosystem") < ecosystem.index("Figure 7: The institutional")
    for words in ("MIN", "AGY", "THINK", "Ministry of Finance", "Northland Green", "informal link"):
        assert words in ecosystem
    assert (
        "2 SMEs have no path to any ministry or agency: Fjordline Separators and Kestrel Coating Systems." in ecosystem
    )
    assert "connected to the main network only through Ministry of Industry and Enterprise." in ecosystem
    content = pdf.pages[pages["Annex F"]].get_contents().get_data()
    assert b"0 .447059 .698039 rg" in content  # ministries and agencies in the map's government blue
    checklists = flat(pdf.pages[pages["Annex G"]].extract_text())
    for title in (
        "Policy objectives",
        "Policy experimentation",
        "Evaluation",
        "Policy learning",
        "ROAMEF policy cycle",
    ):
        assert title in checklists
    assert "All checklists 12% 6 0 15 31" in checklists
    assert "Questions the programme's records show are not met (15)" in checklists


def test_bookmarks_and_contents_point_at_the_section_pages():
    rendered = make_brief(long_evaluation_plan(), "evaluation", fixed_date=DAY)
    assert rendered.contents
    pdf = reader(rendered.pdf)
    texts = page_texts(rendered.pdf)
    marks = [(o.title, pdf.get_destination_page_number(o)) for o in pdf.outline]
    assert marks[0][0] == "Purpose and scope" and len(marks) >= 4
    for title, page in marks:
        assert title in texts[page]
    assert [p for _, p in marks] == sorted(p for _, p in marks) and marks[-1][1] > 0
    assert "Contents" in texts[0]


def test_a_submission_has_no_contents_list_however_long_but_keeps_its_bookmarks():
    long = "\n\n".join(f"Paragraph {n}: " + "the programme map shows " * 30 for n in range(40))
    rendered = make_brief(sample(background=long), "ministerial", fixed_date=DAY)
    assert not rendered.contents and rendered.pages >= 8
    pdf = reader(rendered.pdf)
    assert "Contents" not in pdf.pages[0].extract_text()
    assert [o.title for o in pdf.outline][:3] == ["Issue", "Recommendation", "Timing"]


def test_short_briefs_have_no_contents_list_and_empty_sections_follow_the_template():
    workshop = make_brief(Document.of(starter_entities()), "workshop", fixed_date=DAY)
    assert workshop.pages <= 2 and not workshop.contents
    text = " ".join(page_texts(workshop.pdf))
    assert "Contents" not in text and "To be completed" not in text and "Next steps" not in text
    ministerial = make_brief(Document.of(starter_entities()), "ministerial", fixed_date=DAY)
    assert flat(" ".join(page_texts(ministerial.pdf))).count("Timing To be completed.") == 1


def test_metadata_fonts_page_size_and_reproducible_output():
    first = make_brief(sample(), "evaluation", fixed_date=DAY, page_size="letter")
    again = make_brief(sample(), "evaluation", fixed_date=DAY, page_size="letter")
    assert first.pdf == again.pdf
    pdf = reader(first.pdf)
    meta = pdf.metadata
    assert meta.title == "Evaluation plan: Northland Battery Cell Scale-up Programme"
    assert meta.author == "Policy team, Advanced Manufacturing Unit"
    assert meta.subject == "Northland Battery Cell Scale-up Programme"
    assert meta.creator.startswith("IIP Workbench ")
    assert meta["/CreationDate"].startswith("D:20260305")
    assert (float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)) == (612, 792)
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "LiberationSans" in font["/BaseFont"] and "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
    a4 = reader(make_brief(sample(), "evaluation", fixed_date=DAY).pdf).pages[0].mediabox
    assert round(float(a4.width)) == 595 and round(float(a4.height)) == 842


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Rocket 🚀 launch 👩‍💻 done", "Rocket \ufffd launch"),
        ("שלום עולם — مرحبا بالعالم", "—"),
        (
            "Ærøskøbing, Ελλάδα, Москва, Łódź, Þórshöfn, İstanbul",
            "Ærøskøbing, Ελλάδα, Москва, Łódź, Þórshöfn, İstanbul",
        ),
        ("W" * 10_000, "WWWWWWWWWW"),
        (("Wort " * 2000).strip(), "Wort Wort"),
    ],
    ids=["emoji", "right-to-left", "accented", "10000-character word", "10000 characters"],
)
def test_awkward_text_does_not_crash(text, expect):
    doc = sample(background=text, issue=text[:300], timing=text[:120].replace("\n", " "))
    project = doc.project.changed(title=text[:200])
    brief = doc.get(Brief, brief_id("ministerial")).changed(subject=text[:300], copy_to=[text])
    put(doc, project, brief)
    rendered = make_brief(doc, "ministerial", fixed_date=DAY)
    text_out = " ".join(page_texts(rendered.pdf))
    assert expect in text_out
    if len(text) == 10_000:
        assert text_out.replace("\n", "").count("W") >= 10_000 * 2  # background and copy list, wrapped


def stress_document() -> Document:
    """Enough instruments and text for 50+ pages: the instrument table alone spans many pages."""
    doc = sample(background="\n\n".join(f"Paragraph {n}: " + "the programme map shows " * 30 for n in range(80)))
    for n in range(1000):
        item = Item.create(id=f"stress-{n}", name=f"Stress instrument {n:04d}", x=float(n % 50), y=float(n // 50))
        put(doc, item, Instrument.create(id=item.id, trl_min=1 + n % 9, stage_from_id="stage-1"))
        put(doc, SpendLine.create(instrument_id=item.id, year=2026, amount=n * 1e6))
    return doc


@pytest.mark.slow  # lays out fifty pages
def test_a_fifty_page_brief_repeats_table_headers_on_every_page():
    rendered = make_brief(stress_document(), "ministerial", fixed_date=DAY)
    assert rendered.pages >= 50
    texts = page_texts(rendered.pdf)
    table_pages = [t for t in texts if "Stress instrument" in t]
    assert len(table_pages) >= 20
    assert all("Instrument or programme" in flat(t) and "Lead body" in t for t in table_pages)
    assert all(MARKING in t for t in texts)
    last = max(n for n, t in enumerate(texts) if "Instrument or programme" in flat(t))
    # no total row adding loans to grants: the money by budget type is said once, above the table
    assert "Total" not in texts[last]
    assert sum("Money by budget type" in flat(t) for t in texts) == 1


# ----- the command line --------------------------------------------------------------------------


def test_cli_writes_a_reproducible_brief_and_refuses_bad_input(tmp_path, app_home):
    doc = tmp_path / "sample.iipw"
    assert run_cli("new", str(doc), "--sample", home=app_home).returncode == 0
    out = tmp_path / "brief.pdf"
    ok = run_cli("brief", str(doc), "--template", "workshop", "-o", str(out), "--date", "2026-03-05", home=app_home)
    assert ok.returncode == 0, ok.stderr
    assert "brief.pdf" in ok.stdout and "pages" in ok.stdout
    assert out.read_bytes() == make_brief(Document.of(sample_entities()), "workshop", fixed_date=DAY).pdf

    bad_file = tmp_path / "bad.iipw"
    bad_file.write_bytes(b"not a database at all" * 50)
    cases = [
        (("--template", "memo"), str(doc), "Unknown brief template 'memo'"),
        (("--template", "workshop"), str(tmp_path / "nowhere.iipw"), "nowhere.iipw"),
        (("--template", "workshop"), str(bad_file), "not an IIP Workbench document"),
        (("--template", "workshop", "--date", "5/3/2026"), str(doc), "not a date like"),
        (("--template", "workshop", "--page-size", "a3"), str(doc), "Unknown page size"),
    ]
    for options, path, words in cases:
        target = tmp_path / "refused.pdf"
        got = run_cli("brief", path, *options, "-o", str(target), home=app_home)
        assert got.returncode == 2, (options, got.stderr)
        assert words in got.stderr and "Traceback" not in got.stderr
        assert not target.exists()
    missing_folder = run_cli(
        "brief", str(doc), "--template", "workshop", "-o", str(tmp_path / "no" / "b.pdf"), home=app_home
    )
    assert missing_folder.returncode == 2 and "does not exist" in missing_folder.stderr


def test_the_preview_picture_is_the_first_page_as_laid_out():
    composed = compose(sample(), load_template("ministerial"), today=DAY)
    picture = first_page(composed, fixed_date=DAY)
    rendered = render_pdf(composed, fixed_date=DAY)
    assert picture.pages == rendered.pages and (round(picture.width), round(picture.height)) == (595, 842)
    page_one = flat(reader(rendered.pdf).pages[0].extract_text())
    texts = [t for t in picture.items if isinstance(t, Text)]
    assert all(flat(t.text).strip(" .") in page_one for t in texts)
    markings = sorted(t.y for t in texts if t.text == MARKING)
    assert len(markings) == 2 and markings[0] < 60 and markings[1] > picture.height - 60
    assert {"(a)", "(b)", "(c)"} <= {t.text for t in texts}  # the recommendation, lettered on page 1
    shaded = [p for p in picture.items if isinstance(p, Path) and p.fill and p.fill[:3] != (1, 1, 1)]
    assert shaded and all(0 <= v <= picture.width for p in shaded for s in p.segments for v in s[1::2])


def test_a_pdf_brief_loads_neither_the_word_writer_nor_the_web_client():
    """python-docx is wanted only for a Word brief, and xml.sax's escape loads urllib, HTTP and e-mail with
    it: together a third of a second of every brief from the command line."""
    code = (
        "import sys, templates_reports.export, templates_reports.pdf\n"
        "print(sorted(m for m in ('docx', 'urllib.request', 'http.client', 'email') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


@pytest.mark.parametrize("annex", [False, True], ids=["without the ecosystem annex", "with it"])
def test_a_brief_loads_the_network_analysis_only_when_it_shows_the_ecosystem_findings(annex: bool):
    """numpy and rustworkx are a third of a brief's start from the command line; a brief whose sections
    leave the ecosystem findings out has no use for them."""
    code = (
        "import sys, datetime\n"
        "from templates_reports.catalogue import load_template\n"
        "from workbench.briefs.compose import compose\n"
        "from workbench.document import Document\n"
        "from workbench.sample import sample_entities\n"
        "spec = load_template('ministerial')\n"
        f"chosen = [s.id for s in spec.sections if {annex} or s.id != 'annex_ecosystem']\n"
        "brief = compose(Document.of(sample_entities()), spec, today=datetime.date(2026, 3, 5), sections=chosen)\n"
        "findings = [s for s in brief.sections if s.title.endswith('The institutional ecosystem')]\n"
        "print(len(findings), sorted(m for m in ('numpy', 'rustworkx') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == ("1 ['numpy', 'rustworkx']" if annex else "0 []")
