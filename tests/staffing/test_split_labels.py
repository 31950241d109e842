"""Row labels run together on one line (rows that printed no values, in a grid flattened into text) are split back
into the labels printed (as many; the last one, whose values follow, exactly or flagged ambiguous): the most pieces that are each a label, and of those the split whose pieces name different
contract types, since a grid has one row per contract type (grids.split_labels)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from extractors.staffing.grids import fte_label, last_label_readings, split_labels
from normalisers.staffing_vocab import contract_code
from tests.generated.staffing import CONTRACTS


def test_a_parenthesis_stays_with_the_label_it_ends() -> None:
    words = "Secondee Health (Speech/language) Other/Unspecified Secondee Health".split()
    assert split_labels(words, fte_label) == ["Secondee Health (Speech/language)", "Other/Unspecified Secondee Health"]


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(CONTRACTS), min_size=2, max_size=5, unique_by=lambda c: c[0]), st.data())
def test_distinct_labels_run_together_are_split_back(contracts: list, data: st.DataObject) -> None:
    labels = [data.draw(st.sampled_from(names)) for _, names in contracts]
    got = split_labels(" ".join(labels).split(), fte_label)
    # the row printed last carries the values that follow: it names its own contract type, or the other readings
    # name it and the row is left out as ambiguous (the rows before it print nothing: no record depends on them)
    words = " ".join(labels).split()
    readings = [got[-1]] + last_label_readings(words, fte_label, got[-1])
    assert contracts[-1][0] in [contract_code(r) for r in readings]
    assert len(readings) > 1 or contract_code(got[-1]) == contracts[-1][0]
    assert len(got) == len(labels)
