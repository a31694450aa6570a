"""`iip-workbench appraise` and the money and options in `analyse --json`, run as a user would (a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.session import DocumentSession
from workbench.money.entities import OptionFlow

CLI = [sys.executable, "-m", "ui.cli"]


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


def test_appraise_prints_the_comparison_table(sample, app_home):
    out = run("appraise", str(sample), home=app_home)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:5] == ["No.", "Option", "PV", "costs", "PV"]
    assert lines[2].startswith("0    Business as usual") and "undefined (the counterfactual)" in lines[2]
    assert lines[4].startswith("2 *  Growth fund in two tranches") and "benefits may fall" in lines[4]
    assert "* the preferred option" in lines
    assert any(line.startswith("Costs are the net cost to the public sector:") for line in lines)


@pytest.mark.slow  # two CLI processes
def test_appraise_json_and_analyse_json_give_every_figure(sample, app_home):
    appraisal = json.loads(run("appraise", str(sample), "--json", home=app_home).stdout)
    analysed = json.loads(run("analyse", str(sample), "--json", home=app_home).stdout)
    assert analysed["appraisal"] == appraisal
    fund = next(o for o in appraisal["options"] if o["name"] == "Growth fund in two tranches")
    for figure in ("pv_costs", "pv_benefits", "npsv", "bcr", "switching_value", "cost_per_unit"):
        assert isinstance(fund[figure], float), figure
    assert set(fund["sensitivity"]) >= {"central", "costs +20%", "additionality low"}
    assert appraisal["options"][0]["bcr"] is None and appraisal["options"][0]["bcr_text"].startswith("undefined")
    money = analysed["money"]
    assert money["by_type"]["loan"]["total"] == 420e6 and money["by_type"]["loan"]["years"]["2026"] == 180e6
    assert "total" not in money and money["net_cost"]["name"] == "Net cost to the public sector"
    assert money["by_stage"]["stage-3"]["loan"]["2026"] == 90e6  # half the 2026 drawdown: the loan spans two stages


@pytest.mark.slow  # a CLI process
def test_a_figure_before_the_base_year_stops_appraise_with_one_sentence(sample, app_home):
    session = DocumentSession.open(sample)
    try:
        session.store.create(
            [OptionFlow.create(option_id="option-loan-only", budget_type="grant", year=2020, amount=1e6)]
        )
        session.save()
    finally:
        session.close()
    out = run("appraise", str(sample), home=app_home)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == (
        "iip-workbench: The cost of option 1 (Loan only) in 2020 is before the base year 2026; "
        "move the base year back or the figure on."
    )
    analysed = run("analyse", str(sample), "--json", home=app_home)
    assert analysed.returncode == 0 and json.loads(analysed.stdout)["appraisal"]["error"].startswith("The cost of")


def test_appraise_a_missing_file_is_one_sentence(tmp_path, app_home):
    out = run("appraise", str(tmp_path / "nowhere.iipw"), home=app_home)
    assert out.returncode == 2 and "Traceback" not in out.stderr and out.stderr.count("\n") == 1


@pytest.mark.slow  # two CLI processes
def test_the_whole_document_goes_out_as_json_and_comes_back_identical(sample, tmp_path, app_home):
    out = tmp_path / "whole.json"
    assert run("export", str(sample), "--format", "document", "-o", str(out), home=app_home).returncode == 0
    copy = tmp_path / "copy.iipw"
    made = run("new", str(copy), "--from", str(out), home=app_home)
    assert made.returncode == 0, made.stderr
    again = tmp_path / "again.json"
    assert run("export", str(copy), "--format", "document", "-o", str(again), home=app_home).returncode == 0
    assert again.read_bytes() == out.read_bytes()
    assert json.loads(out.read_text(encoding="utf-8"))["entities"]["option"][0]["id"] == "option-bau"
    assert run("appraise", str(copy), home=app_home).stdout == run("appraise", str(sample), home=app_home).stdout
