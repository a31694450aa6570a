"""Word numbers the paragraphs itself (w:numPr on each paragraph, one multi-level list in the numbering
part), so a private office inserting a paragraph in Word sees the numbers after it follow; and the numbers
Word shows are the numbers the PDF prints (workbench.briefs.numbering)."""

from __future__ import annotations

import copy
import io
import re
import zipfile

from docx import Document as open_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from templates_reports.catalogue import load_template
from templates_reports.docx import render_docx
from templates_reports.flowables import Numbering, section_body
from tests.templates_reports.test_docx import DAY, brief_of, sample_docx, word_labels
from workbench.briefs.blocks import Bullets, Lettered, Para
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.sample import sample_entities

TYPED_NUMBER = re.compile(r"^(\d+\.\d*|\([a-z]+\))\t")


def pdf_labels(brief) -> list[str]:
    """The number or letter the PDF prints before each paragraph, in order (bullets left out)."""
    numbering = Numbering()
    labels = []
    for section in brief.sections:
        for flowable in section_body(section, numbering, 400, {}):
            label = getattr(flowable, "bulletText", None)
            if label and label != "•":
                labels.append(label)
    return labels


def levels_of(word) -> dict[str, dict[int, tuple[str, str]]]:
    """Each abstract list's levels: ilvl -> (numFmt, lvlText)."""
    return {
        a.get(qn("w:abstractNumId")): {
            int(lvl.get(qn("w:ilvl"))): (
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")),
            )
            for lvl in a.findall(qn("w:lvl"))
        }
        for a in word.part.numbering_part.element.findall(qn("w:abstractNum"))
    }


def num_pr(paragraph) -> tuple[str, int]:
    found = paragraph._p.pPr.numPr
    return str(found.numId.val), found.ilvl.val


def test_word_shows_the_numbers_the_pdf_prints_for_the_sample_submission():
    composed = compose(Document.of(sample_entities()), load_template("ministerial"), today=DAY)
    word = sample_docx()
    labels = word_labels(word)
    assert [label for label, _ in labels] == pdf_labels(composed)
    assert {"1.", "(a)", "(b)", "(c)"} <= {label for label, _ in labels}
    # the numbers are Word's, not typed into the text
    assert not [p.text for p in word.paragraphs if TYPED_NUMBER.match(p.text)]


def test_paragraphs_sub_points_and_limbs_are_levels_of_one_word_list():
    brief = brief_of(Para("First."), Bullets(("a", "b")), Para("That you:"), Lettered(("x", "y")))
    word = open_docx(io.BytesIO(render_docx(brief, None)))
    numbered = [p for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [p.text for p in numbered] == ["First.", "a", "b", "That you:", "x", "y"]
    pars = [num_pr(p) for p in numbered]
    paragraph_list = pars[0][0]
    assert [level for _, level in pars] == [0, 1, 1, 0, 2, 2]
    assert {num for num, _ in pars[:4]} == {paragraph_list} != pars[4][0] == pars[5][0]
    numbering = word.part.numbering_part.element
    nums = {n.get(qn("w:numId")): n for n in numbering.findall(qn("w:num"))}
    abstract = nums[paragraph_list].find(qn("w:abstractNumId")).get(qn("w:val"))
    assert nums[pars[4][0]].find(qn("w:abstractNumId")).get(qn("w:val")) == abstract  # limbs: the same list
    levels = levels_of(word)[abstract]
    assert [levels[n] for n in range(3)] == [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)")]
    # the limbs restart at (a): their own w:num overrides the start of level 2, as Word's "Restart at" does
    override = nums[pars[4][0]].find(qn("w:lvlOverride"))
    assert override.get(qn("w:ilvl")) == "2" and override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_bullets_of_a_section_without_numbers_are_word_s_own_bullets():
    brief = brief_of(Para("Context."), Bullets(("one", "two")), numbered=False)
    word = open_docx(io.BytesIO(render_docx(brief, None)))
    bullets = [p for p in word.paragraphs if p.text in ("one", "two")]
    assert [p.text for p in bullets] == ["one", "two"]  # no typed "•" before the words
    (num,) = {num_pr(p)[0] for p in bullets}
    numbering = word.part.numbering_part.element
    abstract = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num)
    assert levels_of(word)[abstract.find(qn("w:abstractNumId")).get(qn("w:val"))] == {0: ("bullet", "•")}
    assert word_labels(word) == []  # nothing numbered


def test_every_list_of_limbs_restarts_at_a():
    brief = brief_of(
        Para("That you:"), Lettered(("agree", "note")), Para("And that you:"), Lettered(("one", "two", "three")),
        Lettered(("alone",)),
    )
    word = open_docx(io.BytesIO(render_docx(brief, None)))
    expected = ["1.", "(a)", "(b)", "2.", "(a)", "(b)", "(c)", "(a)"]
    assert [label for label, _ in word_labels(word)] == expected == pdf_labels(brief)


def test_a_paragraph_inserted_in_word_renumbers_those_after_it():
    """What a private office does: copy a numbered paragraph (Enter at its end copies its numPr) and type."""
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("First."), Para("Second."), Para("Third.")), None)))
    first = next(p for p in word.paragraphs if p.text == "First.")
    inserted = copy.deepcopy(first._p)
    first._p.addnext(inserted)
    for text in inserted.iter(qn("w:t")):
        text.text = "Inserted."
    assert word_labels(word) == [("1.", "First."), ("2.", "Inserted."), ("3.", "Second."), ("4.", "Third.")]


def test_a_department_template_keeps_its_lists_and_gains_the_brief_s_one(tmp_path):
    template = open_docx()
    template.add_paragraph("An example", style="List Number")
    path = tmp_path / "department.docx"
    template.save(str(path))
    own = template.part.numbering_part.element
    kept = {
        (child.tag, child.get(qn("w:abstractNumId")), child.get(qn("w:numId"))): child
        for child in own
        if child.tag in (qn("w:abstractNum"), qn("w:num"))
    }
    assert kept
    brief = brief_of(Para("First."), Bullets(("a", "b")), Para("That you:"), Lettered(("x", "y")))
    word = open_docx(io.BytesIO(render_docx(brief, None, template=path)))
    numbering = word.part.numbering_part.element
    after = {(c.tag, c.get(qn("w:abstractNumId")), c.get(qn("w:numId"))): c for c in numbering}
    for key, element in kept.items():  # every list of the department's stays, unchanged
        assert key in after and etree.tostring(after[key]) == etree.tostring(element)
    assert len(after) > len(kept)
    # Word wants every abstractNum before the first num
    tags = [c.tag for c in numbering if c.tag in (qn("w:abstractNum"), qn("w:num"))]
    assert tags == sorted(tags, key=lambda t: t != qn("w:abstractNum"))
    assert word.styles["List Number"] is not None
    assert [label for label, _ in word_labels(word)] == pdf_labels(brief) == ["1.", "1.1", "1.2", "2.", "(a)", "(b)"]


def test_a_department_template_without_a_numbering_part_gains_one(tmp_path):
    template = open_docx()
    document_part = template.part
    for r_id, rel in list(document_part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            document_part.drop_rel(r_id)
    path = tmp_path / "plain.docx"
    template.save(str(path))
    assert "word/numbering.xml" not in zipfile.ZipFile(path).namelist()
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("First."), Lettered(("x", "y"))), None, template=path)))
    assert word_labels(word) == [("1.", "First."), ("(a)", "x"), ("(b)", "y")]
