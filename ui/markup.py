"""Putting user text into Qt rich text."""

from __future__ import annotations


def escape(text: str) -> str:
    """`text` shown as itself in rich text: &, < and > escaped, and quotes (it may sit in an attribute).

    The same as html.escape; that module also loads html.entities, about 2 ms of every start-up
    (the overview escapes the project's title)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
