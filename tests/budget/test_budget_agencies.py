"""Row labels to agency codes, as the YJB template and the gold README map funders."""
from __future__ import annotations

from typing import Optional

import pytest

from normalisers.agencies import agency_of


@pytest.mark.parametrize("label, agency", [
    ("Police", "police"), ("Police Service", "police"), ("Other (A&S Constabulary)", "police"),
    ("Police and Crime Commissioner", "pcc"), ("Police Crime Commissioner", "pcc"), ("OPCC", "pcc"),
    ("Office of Police & Crime Commissioner", "pcc"), ("Community Safety Partnership", "pcc"),
    ("Early Intervention Youth Fund (via PCC)", "pcc"),
    ("National Probation Service", "probation"), ("Community Rehabilitation Company", "probation"),
    ("Health", "health"), ("Clinical Commissioning Group", "health"), ("CAMHS", "health"),
    ("Health (Public Health)", "health"), ("Other (NHS CCG ) *", "health"),
    ("NHS for trauma informed practice/ training", "health"),
    ("Local Authority", "local_authority"), ("Local authority*", "local_authority"),
    ("People and Communities, North Somerset Council", "local_authority"), ("Other (Education)", "local_authority"),
    ("YJB", "yjb"), ("YJB Good Practice and Remand Placements Grants", "yjb"), ("Youth Justice Board", "yjb"),
    ("* Welsh Government", "welsh_government"), ("Wales Assembly Government", "welsh_government"),
    ("Other", "other"), ("Other***", "other"), ("Other, GLA, LB Croydon, HMPPS", "other"),
    ("Other (for breakdown see below)", "other"), ("Troubled Families Programme (North Somerset)", "other"),
    ("DSG", "other"), ("Youth Justice Early Intervention Grant", "other"),
])
def test_agency_of(label: str, agency: str) -> None:
    assert agency_of(label) == agency


@pytest.mark.parametrize("label", ["Strategic Leadership, setting direction, tone, policy", "Accommodation",
                                   "Permanent", "", "Total"])
def test_labels_that_name_no_funder(label: str) -> None:
    assert agency_of(label) is None
