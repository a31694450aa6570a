"""One pass of analyses over a document works out what many of them ask for once (workbench.passes): the
checklists and the overview's findings walk the policy's instruments and add up their budgets once, not
once per question, and a pass never answers for another document or outlives its block."""

from __future__ import annotations

from workbench.attention import needs_attention
from workbench.checklists.rules import policy_instruments
from workbench.checklists.scoring import evaluate_all
from workbench.document import Document
from workbench.money.entities import SpendLine
from workbench.passes import one_pass
from workbench.sample import sample_entities
from workbench.spheres.items import Instrument, Item


class Watched(Document):
    """A document that counts how often the analyses read every item and every spend line."""

    def __init__(self, entities):
        super().__init__()
        for e in entities:
            self.entities[e.KIND][e.id] = e
        self.reads: dict[str, int] = {Item.KIND: 0, SpendLine.KIND: 0}

    def all(self, kind):
        if kind.KIND in self.reads:
            self.reads[kind.KIND] += 1
        return super().all(kind)


def test_scoring_the_checklists_reads_the_items_and_the_spend_lines_once():
    doc = Watched(sample_entities())
    results = evaluate_all(doc)
    assert doc.reads == {Item.KIND: 1, SpendLine.KIND: 1}
    assert evaluate_all(Document.of(sample_entities())) == results  # the same answers as an unwatched document


def test_the_overviews_findings_add_up_the_budgets_once():
    doc = Watched(sample_entities())
    found = needs_attention(doc)
    assert doc.reads[SpendLine.KIND] == 1
    assert found == needs_attention(Document.of(sample_entities()))


def test_a_scoring_after_an_edit_sees_the_edit():
    doc = Document.of(sample_entities())
    before = len(policy_instruments(doc))
    evaluate_all(doc)
    item = Item.create(name="New grant")
    doc.entities[Item.KIND][item.id] = item
    doc.entities[Instrument.KIND][item.id] = Instrument.create(id=item.id)
    assert len(policy_instruments(doc)) == before + 1
    with one_pass(doc):
        assert len(policy_instruments(doc)) == before + 1


def test_a_pass_answers_only_for_its_own_document():
    doc, other = Document.of(sample_entities()), Document.of([])
    with one_pass(doc):
        assert policy_instruments(doc) and policy_instruments(other) == ()
        with one_pass(other):
            assert policy_instruments(other) == () and policy_instruments(doc)


def test_each_options_coverage_adds_up_its_budgets_once(monkeypatch):
    """The sphere and value-chain analyses of an option's coverage share one pass over its document."""
    import workbench.spheres.budgets as budgets_module
    from workbench.money.entities import Option
    from workbench.options.coverage import coverage_by_option

    doc = Document.of(sample_entities())
    options = doc.all(Option)
    expected = coverage_by_option(doc, options)
    calls = []
    added_up = budgets_module.instrument_budgets
    monkeypatch.setattr(budgets_module, "instrument_budgets", lambda *a: calls.append(1) or added_up(*a))
    assert coverage_by_option(doc, options) == expected
    assert len(options) > 1 and len(calls) == len(options)
