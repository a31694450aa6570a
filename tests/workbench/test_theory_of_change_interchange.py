"""The theory of change as JSON: written and read back whole; read into another document it keeps what
that document can hold and says what it left out; a file that is not one is refused in one sentence."""

from __future__ import annotations

import json

import pytest

from workbench.document import Document
from workbench.interchange.errors import BadImportFile
from workbench.interchange.theory_of_change_json import read_theory_of_change, write_theory_of_change
from workbench.monitoring.entities import Indicator
from workbench.sample import sample_entities, starter_entities
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode

KINDS = (Rationale, TocNode, TocLink, Indicator)


def chain_of(doc: Document) -> dict[str, list]:
    return {t.KIND: sorted((e.values() for e in doc.all(t)), key=lambda v: v["id"]) for t in KINDS}


def test_the_sample_chain_goes_round_whole():
    doc = Document.of(sample_entities())
    text = write_theory_of_change(doc).decode("utf-8")
    read = read_theory_of_change(text, "chain.json", doc)
    assert read.notes == []
    assert chain_of(Document.of(read.entities)) == chain_of(doc)
    assert read.summary() == "2 rationales, 8 results, 9 links, 6 indicators"


def test_into_another_document_what_it_cannot_hold_is_left_out_and_said():
    text = write_theory_of_change(Document.of(sample_entities())).decode("utf-8")
    read = read_theory_of_change(text, "chain.json", Document.of(starter_entities()))
    got = Document.of(read.entities)
    assert all(r.instrument_ids == [] and r.objective_ids == [] for r in got.all(Rationale))
    assert all(n.objective_id is None for n in got.all(TocNode))
    assert got.all(Indicator) and all(i.objective_id is None for i in got.all(Indicator))
    links = got.all(TocLink)
    assert links and all(k.from_node_id for k in links)  # links from instruments skipped
    assert "chain.json: skipped the link 'Start-ups can afford the line fees'" in "\n".join(read.notes)
    assert (
        "chain.json: 'Cells made in volume in Northland' named an objective this document does not have; left out"
        in read.notes
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"results": []}', r"chain\.json: is not a theory of change written by IIP Workbench"),
        (
            json.dumps({"format": "iip-workbench/theory-of-change", "version": 2}),
            r"chain\.json: is version 2 of the format",
        ),
        (
            json.dumps({"format": "iip-workbench/theory-of-change", "version": 1, "results": [{"title": ""}]}),
            r"chain\.json, results\[0\]: Result: Title is required",
        ),
        (
            json.dumps({"format": "iip-workbench/theory-of-change", "version": 1, "links": [3]}),
            r"chain\.json, links\[0\]: each record must be an object",
        ),
        ('{"format": "iip-workbench/theory-of-change", "version": 1, "x": NaN}', r"NaN is not a number JSON allows"),
    ],
)
def test_a_file_that_is_not_a_chain_is_refused_in_one_sentence(text, message):
    with pytest.raises(BadImportFile, match=message):
        read_theory_of_change(text, "chain.json", Document())


def test_a_file_whose_links_name_their_testers_is_read_and_says_the_questions_now_hold_that():
    """Written before evaluation questions held what a link is tested by: the list is left out, said."""
    doc = Document.of(sample_entities())
    data = json.loads(write_theory_of_change(doc))
    data["links"][0]["tested_by_ids"] = ["eval-loan-ex-ante"]
    read = read_theory_of_change(json.dumps(data), "old.json", doc)
    assert len([e for e in read.entities if isinstance(e, TocLink)]) == len(data["links"])
    assert read.notes == ["old.json: links[0] named the evaluations that test it; name the link in a question instead"]
