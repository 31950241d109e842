"""The data-quality report (issue 5): HTML, CSV and Markdown from a real SQLite warehouse."""
from __future__ import annotations

import base64
import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.cli import main
from pipeline.report import write_report_from
from pipeline.report.charts import to_svg

from tests.conftest import SEEDS, gold_for
from tests.warehouse.test_postgres import pg_url  # noqa: F401 - the fresh-PostgreSQL fixture
from tests.report.test_report_data import seed_warehouse, store_pdf_document

# any way a page could reach the network: a URL, a CSS url()/@import not of data or an in-page #id, a link, a src
URL_RE = re.compile(r"(https?:)?//[\w.-]+\.\w|\burl\(\s*['\"]?(?!data:|#)|@import|<link\b|\bsrc=\"(?!data:)",
                    re.I)
END = r'</div>\s*(?=<div class="finding|<h[23]|<p class="muted">No findings|<pre id="report-errors")'



@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    """One warehouse for the module (read-only tests): the seeds, their findings, one failed document."""
    from pipeline.stages import ingest_source
    from pipeline.warehouse.db import open_warehouse
    tmp = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{tmp / 'warehouse.db'}"
    eng = open_warehouse(url)
    ids = seed_warehouse(eng, tmp / "raw")
    ingest_source(eng, str(tmp / "broken.pdf"), raw_dir=str(tmp / "raw"))  # no such file: a failed row
    yield eng, url, ids, tmp
    eng.dispose()


@pytest.fixture(scope="module")
def report(seeded):
    eng, _, ids, tmp = seeded
    return write_report_from(eng, tmp / "out"), ids


@pytest.fixture
def engine(seeded):  # noqa: F811 - this module's tests read the shared seeded warehouse
    return seeded[0]


def _issues(engine) -> list[dict]:
    with engine.connect() as c:
        return [dict(r) for r in c.execute(text("select * from quality_issues order by finding_id")).mappings()]


def test_csv_lists_exactly_the_findings_of_the_warehouse(engine, report):
    files, _ = report
    rows = sorted(csv.DictReader(io.StringIO(files.csv.read_text())), key=lambda r: int(r["finding_id"]))
    issues = _issues(engine)
    assert [r["finding_id"] for r in rows] == [str(i["finding_id"]) for i in issues]
    for r, i in zip(rows, issues):
        assert (r["check_name"], r["severity"], r["message"], r["expected"], r["found"]) == \
            (i["check_name"], i["severity"], i["message"], i["expected"], i["found"])
        assert r["evidence"] and r["evidence"] != "not recorded"


def test_every_finding_is_on_the_page_with_its_figures_and_quoted_evidence(engine, report):
    files, _ = report
    html = files.html.read_text()
    for i in _issues(engine):
        block = re.search(rf'<div class="finding \w+" id="f{i["finding_id"]}">(.*?)' + END, html, re.S)
        assert block, i["check_name"]
        body = block.group(1)
        assert i["message"].replace("'", "&#39;") in body
        assert i["expected"] in body and i["found"] in body
        assert f"line {i['line']}: " in body  # the quoted line with its number
    # Milton Keynes: the narrative line quoted from the archived raw file, the diagnosis and the supported value
    assert "line 88: </span>The budget for 2019/20 has been established at £<mark>1,223,757</mark>." in html
    assert "Typing slip (two digits mistyped): 1,223,757 and 1,234,757 differ only in the 3rd and 4th digits" in html
    assert re.search(r"Value the arithmetic supports \(not printed in the document[^<]*</span>\s*"
                     r'<span class="supported">1,234,757</span>', html)
    assert "the Police and Crime Commissioner row (36,225) is in table 1 and missing from table 2" in html


def test_summary_counts_documents_failures_and_findings_by_check(report):
    files, _ = report
    html, md = files.html.read_text(), files.markdown.read_text()
    assert "5 documents ingested, 1 failed; 5 findings (2 error, 3 warning, 0 info)." in md
    assert re.search(r"- `[^`]*broken.pdf`: [^\n]*broken.pdf: file not found", md)
    assert "| unit_conflict | 0 | 2 | 0 |" in md and "| narrative_total_mismatch | 1 | 0 | 0 |" in md
    assert re.search(r"<td>[^<]*broken.pdf</td><td>[^<]*broken.pdf: file not found</td>", html)
    assert re.search(r"<td>tables_disagree</td><td class=\"num\">1</td>", html)
    assert (files.documents, files.failed, files.findings) == (6, 1, 5)


def test_html_is_self_contained_with_no_url_anywhere(report):
    files, _ = report
    html = files.html.read_text()
    assert not URL_RE.search(html), URL_RE.search(html).group(0)  # type: ignore[union-attr]
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_charts_of_partner_budgets_by_agency_and_by_period(report):
    files, _ = report
    html = files.html.read_text()
    assert html.count("<svg") == 9  # the overview, then four councils with a budget table, two charts each
    assert "Partner budgets by agency, per council (latest period held)" in html
    assert "Milton Keynes: partner budget by agency, 2019/20" in html
    assert "Blackpool: budget by period (1 held)" in html
    assert "£609,347" in html  # Milton Keynes' local authority bar is labelled with its printed amount


def test_period_chart_holds_every_period_of_a_council():
    from pipeline.report.charts import council_budgets, period_chart
    from pipeline.report.queries import BudgetRow
    rows = [BudgetRow(1, "X", "2018/19", 1, "police", "Police", __import__("decimal").Decimal(10)),
            BudgetRow(2, "X", "2019/20", 1, "police", "Police", __import__("decimal").Decimal(12)),
            BudgetRow(2, "X", "2019/20", 1, "yjb", "YJB", __import__("decimal").Decimal(5))]
    (cb,) = council_budgets(rows)
    svg = period_chart(cb)
    assert svg and "2018/19" in svg and "2019/20" in svg and "£17" in svg and "budget by period (2 held)" in svg


def test_pdf_evidence_is_the_page_and_an_image_crop_of_the_region(tmp_path):
    import pymupdf as fitz

    from pipeline.warehouse.db import open_warehouse
    fresh = open_warehouse(f"sqlite:///{tmp_path / 'pdf.db'}")
    store_pdf_document(fresh, tmp_path)
    html = write_report_from(fresh, tmp_path / "out").html.read_text()
    fresh.dispose()
    m = re.search(r'id="f\d+">.*?page 1: <q>Total 241,017</q>\s*<img class="crop" alt="page 1 region" '
                  r'src="data:image/png;base64,([^"]+)"', html, re.S)
    assert m, "no crop for the PDF finding"
    pix = fitz.Pixmap(base64.b64decode(m.group(1)))
    assert pix.width == 595 * 2 and pix.height > 30  # the full width of the page: the row and its figures
    samples = set(pix.samples[i:i + 3] for i in range(0, len(pix.samples), 3 * 7))
    assert len(samples) > 3  # text and the outline, not a blank image
    assert "A row left out" not in html  # no table rows stored for it: no row can be named


def test_to_svg_leaves_no_namespace_url():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4], marker="o")
    svg = to_svg(fig, "t")
    assert svg.startswith("<svg") and "http" not in svg and "<metadata" not in svg


def test_cli_report_writes_the_three_files(seeded, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", "--out", str(out), "--db", seeded[1]]) == 0
    assert "5 documents ingested, 1 failed; 5 data-quality findings" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["findings.csv", "report.html", "summary.md"]


def test_cli_report_has_help(capsys):
    assert main(["report", "--help"]) == 0
    assert "--out" in capsys.readouterr().out


# --------------------------------------------------------------------------- the real checks, once they land


def test_report_of_the_real_pipeline_lists_the_gold_error_findings(tmp_path):
    """Seeds through the real checks (no constructed findings): exactly gold's errors, each with evidence."""
    from pipeline.warehouse.db import open_warehouse
    engine = open_warehouse(f"sqlite:///{tmp_path / 'real.db'}")
    seed_warehouse(engine, tmp_path / "raw", construct="never")
    issues = _issues(engine)
    assert issues, "the seeds through the real checks give no findings"
    files = write_report_from(engine, tmp_path / "out")
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text())))
    assert len(rows) == len(issues) and all(r["evidence"] != "not recorded" for r in rows)
    with engine.connect() as c:
        names = dict(c.execute(text("select document_id, source from documents")).all())
    for path in SEEDS:
        gold = gold_for(path) or {}
        want = sum(1 for q in gold.get("quality_issues", []) if q["severity"] == "error")
        got = [r for r in rows if names[int(r["document_id"])] == str(path) and r["severity"] == "error"]
        assert len(got) == want, (path.name, [r["message"] for r in got])
    engine.dispose()
    mk = next(r for r in rows if names[int(r["document_id"])].endswith(SEEDS[0].name) and r["severity"] == "error")
    assert mk["diagnosis"].startswith("Typing slip") and mk["supported_value"] == "1,234,757"


def test_empty_warehouse_gives_an_empty_report(tmp_path):
    from pipeline.report import write_report
    files = write_report(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path / "out")
    assert (files.documents, files.findings) == (0, 0)
    assert "0 documents ingested, 0 failed; 0 findings" in files.markdown.read_text()
    assert "No findings: every checked figure agrees." in files.html.read_text()


@pytest.mark.postgres
def test_report_on_postgresql(pg_url, tmp_path):
    from pipeline.warehouse.db import open_warehouse
    pg = open_warehouse(pg_url)
    store_pdf_document(pg, tmp_path)
    files = write_report_from(pg, tmp_path / "out")
    pg.dispose()
    (row,) = csv.DictReader(io.StringIO(files.csv.read_text()))
    assert (row["council"], row["expected"], row["found"], row["difference"]) == \
        ("Sometown", "310,203", "241,017", "-69186")
    assert "data:image/png;base64," in files.html.read_text() and "***" in files.html.read_text()
