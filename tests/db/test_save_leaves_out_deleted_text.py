"""A saved file holds what the document holds: text deleted or overwritten before saving is not in it."""

from __future__ import annotations

from db.session import DocumentSession
from workbench.spheres.items import Item


def test_deleted_and_overwritten_text_is_not_in_the_saved_file(tmp_path):
    session = DocumentSession.new()
    path = session.save_as(tmp_path / "policy.iipw")
    session.store.create([Item.create(id=f"i{n}", name=f"Keep {n}", description="x" * 300) for n in range(40)])
    session.store.create([Item.create(id="gone", name="Closure of the Northfield plant", description="y" * 300)])
    session.store.update("item", "i1", {"name": "Takeover talks with Brightcell"})
    session.save()
    assert b"Northfield" in path.read_bytes() and b"Brightcell" in path.read_bytes()
    session.store.delete([("item", "gone")])
    session.store.update("item", "i1", {"name": "Keep 1"})
    session.save()
    session.close()
    saved = path.read_bytes()
    assert b"Northfield" not in saved and b"Brightcell" not in saved
    assert b"Keep 39" in saved


def test_a_save_after_many_deletions_compacts_the_file(tmp_path):
    session = DocumentSession.new()
    path = session.save_as(tmp_path / "policy.iipw")
    empty = path.stat().st_size
    session.store.create([Item.create(id=f"i{n}", name=f"Item {n}", description="x" * 2000) for n in range(200)])
    session.save()
    assert path.stat().st_size > 2 * empty
    session.store.delete([("item", f"i{n}") for n in range(200)])
    session.save()
    session.close()
    assert path.stat().st_size == empty
