"""The vocabulary tokenizes a text with whitespace runs read as one space; ``Offsets`` maps every character of that
text back to the original, as a per-character table would (checked against one over generated texts)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.indicators.vocabulary import doc_of, terms

_TEXT = st.lists(st.one_of(st.sampled_from(["first", "time", "entrants", "re-offending", "custody", "FTE", "3.2%",
                                            "(per", "100,000)", "rate"]),
                           st.text(alphabet="ab.,-' ", min_size=1, max_size=6),
                           st.text(alphabet=" \t\r\n\u00a0", min_size=1, max_size=4)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT)
def test_offsets_map_each_character_back_as_a_table_would(text: str) -> None:
    found = list(re.finditer(r"\S+", text))
    table = [k for m in found for k in range(m.start(), m.end() + 1)]  # the old per-character table
    doc, offsets = doc_of(text)
    assert doc.text == " ".join(m.group(0) for m in found)
    assert [offsets[i] for i in range(len(doc.text))] == table[:len(doc.text)]
    for t in terms(text):  # every term's offsets hold its words in the original text
        assert " ".join(text[t.start:t.end].split()) == t.text
