"""The real vocabulary of partner budget tables (labels as printed in tests/gold/*, codes of the gold README)."""
from __future__ import annotations

# (label, agency, agency_alt): the YJB template rows and their printed variants
TEMPLATE: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "police": (("Police", "police", ()), ("Police Service", "police", ()), ("Police Service*", "police", ())),
    "pcc": (("Police and Crime Commissioner", "pcc", ()), ("Police & Crime Commissioner", "pcc", ()),
            ("Police and crime commissioner**", "pcc", ()), ("OPCC", "pcc", ()),
            ("Office of Police & Crime Commissioner", "pcc", ())),
    "probation": (("Probation", "probation", ()), ("National Probation Service", "probation", ()),
                  ("Probation Service", "probation", ())),
    "health": (("Health", "health", ()), ("Health Service", "health", ()),
               ("Clinical Commissioning Group", "health", ()), ("Health (Public Health)", "health", ())),
    "local_authority": (("Local Authority", "local_authority", ()), ("Local authority*", "local_authority", ()),
                        ("Children's Services", "local_authority", ())),
    "welsh_government": (("Welsh Government", "welsh_government", ()),
                         ("Wales Assembly Government", "welsh_government", ()),
                         ("* Welsh Government", "welsh_government", ())),
    "yjb": (("YJB", "yjb", ()), ("YJB Good Practice Grant", "yjb", ()), ("YJB Practice Grant", "yjb", ()),
            ("Youth Justice Grant", "yjb", ()), ("Youth Justice Board", "yjb", ())),
    "other": (("Other", "other", ()), ("Other***", "other", ()), ("Other Income", "other", ())),
}
TEMPLATE_ORDERS = (
    ("police", "pcc", "probation", "health", "local_authority", "yjb", "other"),
    ("local_authority", "police", "probation", "health", "pcc", "yjb", "other"),
    ("police", "pcc", "probation", "health", "local_authority", "welsh_government", "yjb", "other"),
)
# funding streams and services printed as rows, mapped by who pays (tests/gold/real/README.md)
STREAMS = (
    ("Junior Attendance Centre grant", "yjb", ("other",)),
    ("Troubled Families", "other", ()),
    ("Troubled Families Programme", "other", ()),
    ("Dedicated Schools Grant", "other", ("local_authority",)),
    ("DSG", "other", ("local_authority",)),
    ("Early Intervention Grant", "other", ("local_authority",)),
    ("Community Safety Partnership", "pcc", ("other",)),
    ("CAMHS", "health", ()),
    ("Public Health", "health", ()),
    ("MOPAC", "pcc", ()),
    ("Youth Justice Early Intervention Grant", "other", ()),
)
WELSH = (
    ("Welsh Government", "welsh_government", ()),
    ("Wales Assembly Government", "welsh_government", ()),
    ("Welsh Government (Promoting Positive Engagement)", "welsh_government", ()),
    ("YJSB Grant", "yjb", ()),
    ("YJB Effective Practice Grant", "yjb", ()),
    ("Police and Crime Commissioner for Gwent", "pcc", ()),
    ("Local Health Board", "health", ()),
    ("Dyfed-Powys Police", "police", ()),
)
HEADERS = {
    "staffing": ("Staffing Costs", "Staffing costs", "Staffing costs (£)", "Staff (£)", "Staffing"),
    "payments_in_kind": ("Payments in kind", "Payments in Kind", "Payments in kind - revenue (£)", "In kind",
                         "In-kind"),
    "delegated": ("Other delegated funds", "Other Delegated Funds", "Other delegated funds (£)",
                  "Delegated funds (£)"),
    "total": ("Total", "TOTAL", "Total (£)"),
}
TRANSPOSED_ROWS = {"staffing": ("Staffing", "Staff costs"), "payments_in_kind": ("In-kind", "In kind"),
                   "delegated": ("Cash", "Cash contribution"), "total": ("Total", "Total income")}
CORNERS = ("Agency", "AGENCY", "Agency ", "Partner", "Funder", "Income")
TOTAL_LABELS = ("Total", "TOTAL", "Total income", "Grand Total")
SUBTOTAL_LABELS = ("Sub-total", "Subtotal", "Sub Total")
SECTIONS = (("PARTNERS CONTRIBUTIONS TO POOL BUDGET", ("police", "probation", "health", "local_authority")),
            ("YOUTH JUSTICE BOARD GRANTS", ("yjb",)),
            ("OTHER GRANTS", ("pcc", "other")))
ANCHORS = (
    "Partner Contributions to the Youth Offending Partnership Pooled Budget {p}",
    "Table 2. Partner Contributions to YOT pooled budget {p}",
    "Appendix 1 Financial Summary {p}",
    "Funding for the Youth Justice Service {p} is:",
    "Resources and value for money: partner contributions {p}",
    "YOUTH JUSTICE SERVICE BUDGET {p}",
)
PERIODS = ("2018/19", "2019/20", "2020/21")
TEXT_CELLS = ("TBC", "tbc", "n/a", "N/A", "See note", "in kind")
ZERO_FORMS = ("-", "£ -", "£0", "0", "£0.00", "£-")
PROSE = (
    "The partnership keeps the youth justice service under review and reports to the board each quarter.",
    "Partners continue to contribute staff and services in kind to the youth offending team.",
    "The management board scrutinises performance and the use of the grant.",
)
LISTS = (
    ("Expenditure", ("Employees", "Premises", "Transport", "Supplies & Services", "Third Party Payments")),
    ("The YJB grant has been budgeted as follows:", ("Courts' Services", "Activities costs", "Accommodation",
                                                     "Overheads")),
    ("'Other' Income", ("DSG for SLT provision", "Strengthening Families", "Contribution to core costs")),
)
