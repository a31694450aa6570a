"""Evaluations from the command line: `analyse --json` gives each evaluation's status and whether it is
overdue by the stated rule, and `analyse` says the overdue ones in words."""

from __future__ import annotations

import json

from tests.e2e.cli import run_cli


def test_analyse_json_lists_the_overdue_evaluations(sample, app_home):
    out = run_cli("analyse", str(sample), "--json", home=app_home)
    assert out.returncode == 0, out.stderr
    part = json.loads(out.stdout)["evaluation"]
    assert part["rule"].startswith("An evaluation is overdue from the day after its report is due")
    by_id = {e["id"]: e for e in part["evaluations"]}
    # due 2026-09-30 and in progress; the earlier ex-ante appraisal is reported and its response agreed
    assert by_id["eval-challenge-interim"] == {
        "id": "eval-challenge-interim",
        "name": "Cell innovation challenge fund: mid-term process review",
        "status": "in_progress",
        "report_due": "2026-09-30",
        "overdue": True,
    }
    assert by_id["eval-loan-ex-ante"]["overdue"] is False and by_id["eval-loan-long-term"]["overdue"] is False
    assert [f["refs"] for f in part["findings"]] == [[["evaluation", "eval-challenge-interim"]]]


def test_analyse_says_the_overdue_evaluations_in_words(sample, app_home):
    out = run_cli("analyse", str(sample), home=app_home)
    assert out.returncode == 0, out.stderr
    assert "Evaluation 'Cell innovation challenge fund: mid-term process review' was due to report" in out.stdout
