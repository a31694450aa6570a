"""User text in rich text: escaped exactly as the standard library would."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from ui.markup import escape


@given(st.text())
def test_escape_is_html_escape(text):
    assert escape(text) == html.escape(text)


def test_markup_in_a_title_stays_text():
    assert escape("R&D <b>\"bold\"</b> 'plan'") == "R&amp;D &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &#x27;plan&#x27;"
