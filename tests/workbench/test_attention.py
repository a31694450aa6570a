"""What needs attention: the sections' findings gathered by area, for the overview."""

from __future__ import annotations

from workbench.attention import needs_attention
from workbench.document import Document
from workbench.sample import sample_entities
from workbench.spheres.entities import Region, Sphere, region_anchor
from workbench.spheres.items import Item

AC_GAP = "No item sits where science & research policy and industrial policy overlap."


def test_the_sample_needs_attention_on_the_spheres_the_value_chain_and_the_checklists():
    found = {a.area: a for a in needs_attention(Document.of(sample_entities()))}
    assert list(found) == ["spheres", "value_chain", "theory_of_change", "monitoring", "checklists"]
    assert found["spheres"].findings == (AC_GAP,)
    assert any("valley of death" in text for text in found["value_chain"].findings)
    assert found["checklists"].findings == ("The checklists are 12% complete; 25 questions are not answered yet.",)


def test_an_overlap_with_one_item_is_listed_as_thin_rather_than_empty():
    entities = sample_entities()
    spheres = [e for e in entities if isinstance(e, Sphere)]
    x, y = region_anchor(Region.AC, spheres)
    bridge = Item.create(name="Battery materials bridge", kind="programme", x=x, y=y)
    found = {a.area: a for a in needs_attention(Document.of([*entities, bridge]))}
    assert found["spheres"].findings == (
        "Only 1 item sits where science & research policy and industrial policy overlap.",
    )
