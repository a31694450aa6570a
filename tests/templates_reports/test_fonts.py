"""The house face is Liberation Sans, embedded with every other font a brief uses (figures too), and
Korean, Chinese and Japanese print in the shipped fallbacks instead of as replacement marks."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.ttfonts import TTFontFile

from resources import FOLDER
from templates_reports import styles
from templates_reports.export import make_brief
from templates_reports.fonts import FONT, MISSING, covered, printable, runs
from templates_reports.markup import literal
from workbench.briefs.entities import Brief, brief_id
from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.sample import sample_entities

FONTS = FOLDER / "fonts"
LICENCE_TERMS = {  # words only the licence's full terms hold, not a pointer to them
    "SIL Open Font License 1.1": "PERMISSION & CONDITIONS",
    "Apache License 2.0": "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
    "Bitstream Vera and Arev Fonts licence": "be included in all copies of one or more of the Font Software typefaces",
}
DAY = dt.date(2026, 3, 5)
KOREAN_TITLE = "배터리 셀 확대 프로그램"
CHINESE_ACTOR = "国家电池创新中心"
JAPANESE = "電池のスケールアップ"


def fonts_of(pdf: bytes) -> list[tuple[int, str, bool]]:
    """(page, font name, embedded) for every font each page uses, its figures' forms included."""
    out = []
    for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        resources = [page["/Resources"]]
        resources += [x.get_object().get("/Resources", {}) for x in page["/Resources"].get("/XObject", {}).values()]
        for res in resources:
            for font in res.get("/Font", {}).values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
                embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
                out.append((n, str(font["/BaseFont"]), embedded))
    return out


@pytest.mark.parametrize("template", ["ministerial", "workshop", "evaluation"])
def test_every_font_on_every_page_is_embedded_and_none_is_helvetica(template):
    pdf = make_brief(Document.of(sample_entities()), template, fixed_date=DAY).pdf
    fonts = fonts_of(pdf)
    assert fonts, "no fonts found"
    assert [f for f in fonts if not f[2] or "Helvetica" in f[1]] == []
    assert {name.split("+")[-1] for _, name, _ in fonts} >= {"LiberationSans", "LiberationSans-Bold"}


def test_korean_title_and_chinese_actor_name_round_trip():
    doc = Document.of(sample_entities())
    project = doc.project.changed(title=KOREAN_TITLE)
    doc.entities[project.KIND][project.id] = project
    brief = doc.get(Brief, brief_id("ministerial"))
    if brief is not None:
        doc.entities[brief.KIND][brief.id] = brief.changed(subject="")
    actor = next(iter(doc.all(Actor)))
    doc.entities[Actor.KIND][actor.id] = actor.changed(name=CHINESE_ACTOR)
    pdf = make_brief(doc, "ministerial", fixed_date=DAY).pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert KOREAN_TITLE in text
    assert CHINESE_ACTOR in text
    assert MISSING not in text
    names = {name.split("+")[-1] for _, name, _ in fonts_of(pdf)}
    assert {"NanumGothic", "DroidSansFallback"} <= names
    assert all(embedded for _, _, embedded in fonts_of(pdf))


def test_text_is_cut_into_runs_of_the_font_that_draws_it():
    assert list(runs(f"Plan {JAPANESE}!")) == [(FONT, "Plan "), ("DroidSansFallback", JAPANESE), (FONT, "!")]
    assert list(runs("서울 Seoul")) == [("NanumGothic", "서울"), (FONT, " Seoul")]
    assert printable("Rocket 🚀 한") == f"Rocket {MISSING} 한"
    assert literal("a<b> 中") == 'a&lt;b&gt; <font face="DroidSansFallback">中</font>'


def test_a_template_sets_the_face_and_body_size_and_the_styles_are_put_back():
    from templates_reports import styles
    from templates_reports.catalogue import load_template
    from templates_reports.picture import first_page
    from workbench.briefs.compose import compose

    assert (load_template("ministerial").font, load_template("ministerial").font_size) == ("Liberation Sans", 12)
    assert load_template("evaluation").font_size == styles.BODY_SIZE
    doc = Document.of(sample_entities())
    picture = first_page(compose(doc, load_template("ministerial"), today=DAY), fixed_date=DAY)
    sizes = {round(t.size, 1) for t in picture.items if hasattr(t, "size") and t.font == FONT}
    assert 12.0 in sizes
    assert styles.body.fontSize == styles.BODY_SIZE and styles.body.fontName == FONT
    with styles.house("DejaVu Sans", 21):
        assert (styles.body.fontName, styles.body.fontSize, styles.heading.fontSize) == ("DejaVuSans", 21, 36)
    assert styles.heading.fontSize == 18


def test_every_paragraph_style_takes_the_template_s_face_and_size():
    """Recommendation limbs and sub-points too: they were left in the house face at the default size."""
    made = [v for v in vars(styles).values() if isinstance(v, ParagraphStyle)]
    assert set(made) == set(styles.ALL)
    with styles.house("DejaVu Sans", 21):
        assert styles.lettered.fontName == styles.sub_point.fontName == "DejaVuSans"
        assert styles.lettered.fontSize == styles.body.fontSize == 21


def test_every_shipped_font_ships_with_its_licence_in_full():
    """LICENSE-<family>.txt beside each font file whose name starts with <family>: it names the font's
    family and its licence, and holds the licence's terms (no pointer to a file the reader lacks)."""
    licences = {p.name.removeprefix("LICENSE-").removesuffix(".txt"): p.read_text() for p in FONTS.glob("LICENSE-*")}
    fonts = sorted(FONTS.glob("*.ttf"))
    assert len(fonts) >= 9
    owners = {font.name: [f for f in licences if font.name.startswith(f)] for font in fonts}
    assert all(len(found) == 1 for found in owners.values()), owners
    assert {found[0] for found in owners.values()} == set(licences)  # no licence of a font not shipped
    for font in fonts:
        text = licences[owners[font.name][0]]
        assert TTFontFile(str(font)).familyName.decode() in text.splitlines()[0], font.name
        named = re.search(r"^Licence: (.+?) \(below", text, re.MULTILINE)
        assert named is not None, font.name
        assert LICENCE_TERMS[named[1]] in text, font.name


@pytest.mark.parametrize(
    ("text", "house"),
    [("", True), ("Plain words, £12.5m\nand\ta tab", True), ("Café, naïve, Œuvre", True), ("서울", False),
     ("A word and 😀", False), ("a \x07 bell", False)],
)
def test_covered_says_whether_the_house_face_draws_every_character(text, house):
    assert covered(text) is house
