"""Actors and links as GraphML, readable and writable by Gephi.

Reading goes through defusedxml with document type definitions forbidden, so entity expansion
('billion laughs') and external entities are refused before they are expanded. Attributes are
matched by their `attr.name` (Gephi's key ids are arbitrary); attributes the workbench does not
know (Gephi's colours, sizes, modularity classes) are skipped. Gephi's y axis points up and the
map's points down, so y changes sign both ways.

Every node and edge written carries the attribute `workbench_id` (Gephi keeps it as a column and
writes it back): a node or edge with it is known as this app's and updates the document in place;
one without it is another tool's (see `identity`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from workbench.ecosystem.entities import Actor, Link
from workbench.interchange.errors import BadImportFile, line
from workbench.interchange.records import OWN_ID, Record, from_text
from workbench.interchange.source import MAX_RECORDS

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
# (attr.name as written, element it describes, field, GraphML type). 'label' and 'weight' are the
# names Gephi shows as node label and edge weight; x and y are Gephi's node position.
KEYS: tuple[tuple[str, str, str, str], ...] = (
    (OWN_ID, "node", "id", "string"),
    ("label", "node", "name", "string"),
    ("actor_type", "node", "actor_type", "string"),
    ("level", "node", "level", "string"),
    ("sphere", "node", "sphere_key", "string"),
    ("actor_size", "node", "size", "string"),
    ("x", "node", "x", "double"),
    ("y", "node", "y", "double"),
    ("notes", "node", "notes", "string"),
    (OWN_ID, "edge", "id", "string"),
    ("link_type", "edge", "link_type", "string"),
    ("weight", "edge", "weight", "double"),
    ("formal", "edge", "formal", "boolean"),
    ("notes", "edge", "notes", "string"),
)
_FIELDS = {(element, attr_name.casefold()): name for attr_name, element, name, _type in KEYS}
_FIELDS[("node", "name")] = "name"
_FIELDS[("node", "sphere_key")] = "sphere_key"
Y = Actor.specs()["y"]
NODE_FIELDS = ("name", "actor_type", "level", "sphere_key", "size", "x", "y", "notes")


def write_graphml(actors: Sequence[Actor], links: Sequence[Link]) -> bytes:
    root = ET.Element("graphml", {"xmlns": NAMESPACE})
    key_ids = {}
    for n, (attr_name, element, name, kind) in enumerate(KEYS):
        key_ids[element, name] = f"d{n}"
        ET.SubElement(root, "key", {"id": f"d{n}", "for": element, "attr.name": attr_name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "ecosystem", "edgedefault": "directed"})
    for actor in actors:
        node = ET.SubElement(graph, "node", {"id": actor.id})
        _data(node, key_ids, "node", actor, ("id", *NODE_FIELDS))
    for link in links:
        edge = ET.SubElement(graph, "edge", {"id": link.id, "source": link.source_id, "target": link.target_id})
        _data(edge, key_ids, "edge", link, ("id", "link_type", "weight", "formal", "notes"))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _data(parent: ET.Element, key_ids: dict, element: str, entity: Any, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(entity, name)
        if value is None or value == "":
            continue
        if name == "y":
            value = -value
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        ET.SubElement(parent, "data", {"key": key_ids[element, name]}).text = text


def read_graphml(data: bytes, file: str) -> list[Record]:
    reader = _Reader(file)
    parser = DefusedXMLParser(target=reader, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    reader.expat = parser.parser
    try:
        parser.feed(data)
        parser.close()
    except DefusedXmlException:
        raise BadImportFile(
            file,
            "XML with a document type definition or entities is refused: they can make a small file expand "
            "without limit or read other files on this computer",
            _line_of(data, b"<!DOCTYPE") or _line_of(data, b"<!ENTITY"),
        ) from None
    except (ParseError, ExpatError) as err:
        position = getattr(err, "position", None)
        raise BadImportFile(file, f"is not well-formed XML ({err})", line(position[0] if position else None)) from None
    if not reader.seen_root:
        raise BadImportFile(file, "is not a GraphML file")
    for record in reader.records:  # edges name nodes by their element id; a node's own id may differ
        if record.kind == "link":
            for end in ("source_id", "target_id"):
                record.values[end] = reader.node_ids.get(record.values[end], record.values[end])
    return reader.records


def _flip(text: str, record: Record) -> float | None:
    """Gephi's y (up) as the map's y (down); a bad y makes its node one the import skips."""
    try:
        value = from_text(Y, text)
    except ValueError as err:
        record.problem = f"{Y.label} {err}"
        return None
    return None if value is None else -value


def _line_of(data: bytes, marker: bytes) -> str | None:
    at = data.find(marker)
    return line(data.count(b"\n", 0, at) + 1) if at >= 0 else None


class _Reader:
    """Parser target: turns node and edge elements into records as they stream past."""

    def __init__(self, file: str):
        self.file = file
        self.expat: Any = None
        self.keys: dict[str, tuple[str, str]] = {}  # key id -> (for, attr.name folded)
        self.records: list[Record] = []
        self.current: Record | None = None
        self.element_id = ""
        self.node_ids: dict[str, str] = {}  # node element id -> the id its record has
        self.data_key: str | None = None
        self.text: list[str] = []
        self.graphs = 0
        self.seen_root = False

    def fail(self, problem: str) -> BadImportFile:
        return BadImportFile(self.file, problem, line(self.expat.CurrentLineNumber))

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = tag.rpartition("}")[2]
        if not self.seen_root:
            if name != "graphml":
                raise self.fail(f"is not a GraphML file: it starts with <{name}>, not <graphml>")
            self.seen_root = True
        elif name == "key":
            if "id" not in attrib:
                raise self.fail("a <key> has no id")
            self.keys[attrib["id"]] = (attrib.get("for", "all"), attrib.get("attr.name", attrib["id"]).casefold())
        elif name == "graph":
            self.graphs += 1
            if self.graphs > 1 or self.current is not None:
                raise self.fail("holds more than one graph, or a graph inside a node; only one flat graph can be read")
        elif name in ("node", "edge"):
            self._start_record(name, attrib)
        elif name == "data" and self.current is not None:
            self.data_key = attrib.get("key")
            self.text = []
        elif name in ("hyperedge", "port"):
            raise self.fail(f"uses <{name}>, which an ecosystem map cannot hold")

    def _start_record(self, name: str, attrib: dict[str, str]) -> None:
        where = line(self.expat.CurrentLineNumber)
        if name == "node":
            if "id" not in attrib:
                raise self.fail("a <node> has no id")
            values = {"id": attrib["id"]}
            self.element_id = attrib["id"]
        else:
            if "source" not in attrib or "target" not in attrib:
                raise self.fail("an <edge> needs a source and a target")
            values = {"id": attrib.get("id", ""), "source_id": attrib["source"], "target_id": attrib["target"]}
        self.current = Record("actor" if name == "node" else "link", values, self.file, where)
        if len(self.records) >= MAX_RECORDS:
            raise self.fail(f"has more than {MAX_RECORDS:,} nodes and edges, more than one import may hold")

    def data(self, text: str) -> None:
        if self.data_key is not None:
            self.text.append(text)

    def end(self, tag: str) -> None:
        name = tag.rpartition("}")[2]
        if name == "data" and self.data_key is not None:
            self._finish_data()
        elif name in ("node", "edge") and self.current is not None:
            if name == "node":
                self.current.values.setdefault("name", self.element_id)  # Gephi shows the id then too
                self.node_ids[self.element_id] = self.current.values["id"]
            self.records.append(self.current)
            self.current = None

    def _finish_data(self) -> None:
        assert self.current is not None
        key, self.data_key = self.data_key, None
        if key not in self.keys:
            raise self.fail(f"a <data> element refers to the undeclared key {key!r}")
        element = "node" if self.current.kind == "actor" else "edge"
        target, attr_name = self.keys[key]
        field = _FIELDS.get((element, attr_name)) if target in (element, "all") else None
        if field is None:
            return  # an attribute of another tool (colour, size, modularity class ...)
        text = "".join(self.text)
        self.current.values[field] = _flip(text, self.current) if field == "y" else text
        if field == "id" and text.strip():
            self.current.own = True

    def close(self) -> list[Record]:
        return self.records
