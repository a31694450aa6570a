"""The theory of change from the command line: `analyse --json` names each finding of the sample's
chain, `analyse` prints them in words, and `render --view theory-of-change` draws the canvas."""

from __future__ import annotations

import json

from PySide6.QtGui import QImage

from tests.e2e.cli import run_cli


def test_analyse_json_has_the_theory_of_change(sample, app_home):
    out = run_cli("analyse", str(sample), "--json", home=app_home)
    assert out.returncode == 0, out.stderr
    toc = json.loads(out.stdout)["theory_of_change"]
    assert toc["rationales"] == 2 and toc["results"] == {"output": 3, "outcome": 4, "impact": 1}
    found = {(f["kind"], tuple(map(tuple, f["refs"]))) for f in toc["findings"]}
    assert ("outcome_without_indicator", (("toc_node", "toc-local-hires"),)) in found
    assert ("objective_not_reached", (("objective", "obj-carbon-footprint"),)) in found
    assert ("assumption_untested", (("toc_link", "toc-l-plant-cells"),)) in found
    assert ("instrument_reaches_no_outcome", (("item", "item-recycling-prize"),)) in found
    assert ("instrument_reaches_no_outcome", (("item", "item-pilot-lines"),)) not in found


def test_analyse_says_the_findings_in_words(sample, app_home):
    out = run_cli("analyse", str(sample), home=app_home)
    assert out.returncode == 0, out.stderr
    assert "theory_of_change:" in out.stdout
    assert "Outcome 'Plant jobs filled by people trained in Northland' has no indicator" in out.stdout


def test_render_draws_the_theory_of_change(sample, tmp_path, app_home):
    png = tmp_path / "toc.png"
    out = run_cli("render", str(sample), "--view", "theory-of-change", "-o", str(png), home=app_home)
    assert out.returncode == 0, out.stderr
    image = QImage(str(png))
    assert image.width() > 400 and image.height() > 300


def test_analyse_json_has_monitoring_with_its_rule(sample, app_home):
    out = run_cli("analyse", str(sample), "--json", home=app_home)
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)["monitoring"]
    assert found["rule"].startswith("On track when the latest measurement has come at least 90% of the way")
    statuses = {i["id"]: i["status"] for i in found["indicators"]}
    assert statuses["ind-cell-capacity"] == "off_track" and statuses["ind-community-trust"] == "no_path"
    sme = next(i for i in found["indicators"] if i["id"] == "ind-sme-share")
    assert sme["latest"] == {"date": "2025-01-01", "value": 7.5} and sme["overdue"] is True
