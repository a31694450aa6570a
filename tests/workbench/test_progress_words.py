"""An import's progress says its counts as the rest of the program does: '1 of 1 actor or link
checked', never '1 of 1 actors and links checked'."""

from __future__ import annotations

from workbench.document import Document
from workbench.interchange.files import plan_files
from workbench.words import agreeing, count


def test_one_file_of_one_record_is_counted_in_the_singular(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("id,name\na1,Northland Research Council\n", encoding="utf-8")
    heard = []
    plan_files([path], Document(), progress=lambda *report: heard.append(report))
    assert heard == [(1, 1, "file read"), (1, 1, "actor or link checked")]


def test_the_noun_agrees_with_its_number_as_count_writes_it():
    nouns = ("actor or link", "actors and links")
    for n in (0, 1, 2):
        assert count(n, *nouns) == f"{n} {agreeing(n, *nouns)}"
    assert agreeing(3, "file") == "files" and agreeing(1, "file") == "file"
