"""The value chain from the command line: `analyse --json` and `render --view value-chain`, run as a user would."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QColor, QImage

from tests.e2e.cli import run_cli


def test_analyse_json_has_the_value_chain(sample, app_home):
    out = run_cli("analyse", str(sample), "--json", home=app_home)
    assert out.returncode == 0, out.stderr
    chain = json.loads(out.stdout)["value_chain"]
    stages = {s["id"]: s for s in chain["stages"]}
    assert [s["name"] for s in chain["stages"]][:4] == [
        "Research",
        "Development",
        "Prototype / demonstration",
        "Production",
    ]
    assert stages["stage-3"]["count"] == 1 and stages["stage-3"]["ids"] == ["item-gigafactory-loan"]
    # Half of the €420m loan, which spans two stages, counted as a net cost at its 15% expected loss.
    assert stages["stage-3"]["budget"] == pytest.approx(210e6 * 0.15)
    assert chain["uncovered_stages"] == [] and chain["not_placed"] == []
    assert chain["uncovered_trl"] == [] and chain["uncovered_mrl"] == []
    valley = chain["prototype_to_production"]
    assert valley["status"] == "thin" and valley["stage_ids"] == ["stage-2", "stage-3"]
    assert "At Research, 4 instruments create value but none captures it." in chain["value_balance"]["imbalances"]
    assert {g["id"] for g in chain["capability_gaps"]} >= {"cap-volume-manufacturing", "cap-production-skills"}
    assert chain["findings"][0]["kind"] == "prototype_to_production"


@pytest.mark.slow  # a CLI process with a window
def test_render_value_chain_draws_the_chain_and_its_warnings(sample, tmp_path, app_home):
    png = tmp_path / "vc.png"
    out = run_cli(
        "render",
        str(sample),
        "--view",
        "value-chain",
        "-o",
        str(png),
        "--width",
        "1400",
        "--height",
        "900",
        home=app_home,
    )
    assert out.returncode == 0, out.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1400, 4) for y in range(0, 900, 4)}
    assert len(colours) > 50  # a drawing, not a blank page
    warn, creation_fill, capture_fill = QColor("#a1001c"), QColor("#cfe8f7"), QColor("#fbe3b0")
    for wanted in (warn, creation_fill, capture_fill):  # the warning mark and both lanes' bars are there
        assert any(_near(QColor(c), wanted) for c in colours), wanted.name()


def _near(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_ministerial_brief_has_the_value_chain_annex_as_a_vector_figure():
    import datetime as dt
    import io

    from pypdf import PdfReader

    from templates_reports.export import make_brief
    from workbench.document import Document
    from workbench.sample import sample_entities

    rendered = make_brief(
        Document.of(sample_entities()),
        "ministerial",
        fixed_date=dt.date(2026, 3, 5),
        sections=["issue", "annex_spheres", "annex_value_chain"],  # a diagnostic annex, added by the user
    )
    pdf = PdfReader(io.BytesIO(rendered.pdf))
    annex = next(o for o in pdf.outline if o.title.startswith("Annex B"))
    page = pdf.pages[pdf.get_destination_page_number(annex)]
    text = page.extract_text()
    for words in (
        "Where the measures act along the value chain",
        "Figure 2:",
        "Valley of death",
        "only one",
        "Prototype-to-production gap",
        "At Research, 4 instruments create value but none captures it.",
    ):
        assert words in " ".join(text.split()), words
    assert b"/Subtype /Image" not in rendered.pdf  # drawn, not pasted as a picture
