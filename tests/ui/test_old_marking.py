"""A document carrying a marking the tool no longer offers (SECRET, from an earlier version) opens,
keeps it and says so once; no dialog offers SECRET or TOP SECRET anew."""

from __future__ import annotations

from db.session import DocumentSession
from tests.e2e.cli import run_cli
from ui.brief_export import ExportBriefDialog
from ui.project_dialog import ProjectDialog


def secret_document(path):
    session = DocumentSession.new()
    session.store.update("project", "project", {"marking": "secret", "title": "Old programme"})
    session.save_as(path)
    session.close()
    return path


def offered(combo) -> list[str]:
    return [combo.itemText(n) for n in range(combo.count())]


def test_an_old_secret_document_opens_keeps_its_marking_and_warns_once(window, qtbot, answers, tmp_path):
    path = secret_document(tmp_path / "old.iipw")
    assert window.open_path(path)
    assert answers.asked == ["inform"]
    assert window.doc.get("project", "project").marking == "secret"
    dialog = ProjectDialog(window.doc, window)
    qtbot.addWidget(dialog)
    assert offered(dialog.form.editors["marking"]) == ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"]  # its own kept
    dialog.accept()
    export = ExportBriefDialog(window.doc.store.load(), "ministerial", tmp_path)
    qtbot.addWidget(export)
    assert export.marking.currentData() == "secret"
    assert offered(export.marking) == ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET (this document's)"]
    export.close()
    assert window.doc.get("project", "project").marking == "secret"  # OK changed nothing
    window.new_document()
    assert answers.asked == ["inform"]  # once, for that document only
    fresh = ProjectDialog(window.doc, window)
    qtbot.addWidget(fresh)
    assert offered(fresh.form.editors["marking"]) == ["OFFICIAL", "OFFICIAL-SENSITIVE"]
    fresh.reject()


def test_the_brief_command_keeps_an_old_marking_and_says_so(tmp_path, app_home):
    path = secret_document(tmp_path / "old.iipw")
    out = tmp_path / "old.pdf"
    done = run_cli("brief", path, "--template", "workshop", "-o", out, home=app_home)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().startswith("This document is marked SECRET: IIP Workbench keeps the marking")
    refused = run_cli("brief", path, "--template", "workshop", "--marking", "top_secret", "-o", out, home=app_home)
    assert refused.returncode == 2 and "TOP SECRET is not offered" in refused.stderr
