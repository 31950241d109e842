"""The generated families (budget tables, staffing grids): strategy, forms, renderer and properties of each."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from hypothesis import strategies as st

from tests.generated import budget_strategies, expenditure, headcount, staffing
from tests.generated.properties import Failure, judge
from tests.generated.render_text import TEXT_FORMS, render_text


@dataclass(frozen=True)
class Family:
    shapes: tuple[str, ...]
    forms: tuple[str, ...]
    strategy: Callable[[str, str], st.SearchStrategy[Any]]
    render: Callable[[Any, str, int], tuple[bytes, str]]
    judge: Callable[[Any, bytes, str], list[Failure]]


def _process_judge(doc: Any, data: bytes, src: str) -> list[Failure]:
    from pipeline.stages import process
    return judge(doc, process(data, src))


def _render_budget(doc: Any, form: str, variant: int) -> tuple[bytes, str]:
    if form.startswith("pdf_"):
        from tests.generated.render_pdf import render_pdf
        return render_pdf(doc, form, variant)
    return render_text(doc, form, variant)


def _budget_forms() -> tuple[str, ...]:
    try:
        from tests.generated.render_pdf import PDF_FORMS
    except ImportError:
        return TEXT_FORMS
    return TEXT_FORMS + PDF_FORMS


def _staff_judge(doc: Any, data: bytes, src: str) -> list[Failure]:
    from pipeline.stages import process
    return staffing.judge_staff(doc, process(data, src))


def _head_judge(doc: Any, data: bytes, src: str) -> list[Failure]:
    from pipeline.stages import process
    return headcount.judge_head(doc, process(data, src))


FAMILIES: dict[str, Family] = {
    "budget": Family(budget_strategies.SHAPES, _budget_forms(), lambda shape, form: budget_strategies.budget_docs(shape),
                     _render_budget, _process_judge),
    "staffing": Family(staffing.SHAPES, _budget_forms(), lambda shape, form: staffing.staff_docs(shape),
                       _render_budget, _staff_judge),
    "headcount": Family(headcount.SHAPES, _budget_forms(), lambda shape, form: headcount.head_docs(shape),
                        _render_budget, _head_judge),
    "expenditure": Family(expenditure.SHAPES, expenditure.FORMS + expenditure.PDF_FORMS,
                          lambda shape, form: expenditure.family_docs(shape), expenditure.render_family,
                          expenditure.judge_family),
}
