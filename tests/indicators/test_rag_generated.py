"""Generated variation for RAG scales: the green boundary of a whole scale under a measure is a target (raw text
kept); amber and red boundaries, a partial scale, a scale under another topic, and a green boundary above ('G= >80%',
a higher-is-better measure) give nothing; no boundary is ever an actual."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from extractors.indicators.rag import rag_targets
from extractors.readers.text import read_text

HEADINGS = [("Reduction in FTE", "3. First Time Entrants rate reduced", "first_time_entrants", "per_100000", False),
            ("Reduction in reoffending rate", "4. Reoffending rate reduced", "reoffending", "percent", True),
            ("Reduction in use of custody rate", "5. Use of Custody reduced", "custody", "per_1000", False),
            ("Reduction in remand bed nights", "6. Use of remand reduced", None, "", False),
            ("Improve ETE engagement", "7. ETE improved", None, "", True)]
STYLES = ["G= <{g}{p}, A= {a1}-{a2}{p}, R=>{r}{p}", "(G=<{g}{p}, A={a1}-{a2}{p}, R= >{r}{p})",
          "Green: below {g}{p}; Amber: {a1}-{a2}{p}; Red: over {r}{p}", "R= >{r}{p}, A= {a1}-{a2}{p}, G= <{g}{p}"]


@st.composite
def scales(draw: st.DrawFn) -> tuple[int, str, str, Decimal, bool]:
    h = draw(st.integers(0, len(HEADINGS) - 1))
    pct = HEADINGS[h][4]
    g = draw(st.integers(10, 500))
    value = Decimal(g) / (100 if HEADINGS[h][2] == "custody" else 1)
    style = draw(st.sampled_from(STYLES + ["partial", "above"]))
    p = "%" if pct else ""
    text = {"partial": f"(G= <{value}{p}, A= {value}-{value + 5}{p})",
            "above": f"(G= >{value}{p}, A= {value - 1}-{value}{p}, R= <{value - 1}{p})"}.get(style) or \
        style.format(g=value, p=p, a1=value + 1, a2=value + 5, r=value + 5)
    return h, style, text, value, pct


@settings(max_examples=150, deadline=None)
@given(st.lists(scales(), min_size=1, max_size=4))
def test_green_boundary_is_a_target(ss: list[tuple[int, str, str, Decimal, bool]]) -> None:
    lines = []
    for k, (h, _, text, _, _) in enumerate(ss):
        filler = ["The cohort is analysed and understood across the partnership."] * (k % 2)
        lines += [HEADINGS[h][1]] + filler + [HEADINGS[h][0], text] + filler[:1 - k % 3]
    doc = read_text(("\r".join(lines) + "\r\n").encode(), "generated.txt")
    got = rag_targets(doc, {})
    assert all(f.kind == "target" for f in got)
    want = [(HEADINGS[h][2], value, HEADINGS[h][3]) for h, style, _, value, _ in ss
            if HEADINGS[h][2] and style not in ("partial", "above")]
    assert sorted((f.indicator, f.value, f.unit) for f in got) == sorted(want)
    assert all(f.raw.upper().startswith("G") for f in got)
