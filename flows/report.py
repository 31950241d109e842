"""The `report` Prefect flow: writes the data-quality report and publishes it as Prefect artifacts.

Sequencing only: the report is built by ``pipeline.report``; this flow adds the artifacts (the Markdown
summary and a table of every finding) so the report is visible in the Prefect UI next to the run.
"""
from __future__ import annotations

import logging
from pathlib import Path

from prefect import flow, task

from pipeline.report import ReportFiles, write_report

log = logging.getLogger(__name__)

ARTIFACT_KEY = "data-quality-report"
TABLE_COLUMNS = ("finding_id", "council", "period", "check_name", "severity", "message", "expected", "found",
                 "difference", "diagnosis", "supported_value", "evidence")


def findings_table(csv_path: Path) -> list[dict[str, str]]:
    """The report's CSV as table-artifact rows (all strings, the columns an analyst scans)."""
    import csv
    with csv_path.open(newline="", encoding="utf-8") as fh:
        return [{k: row.get(k, "") for k in TABLE_COLUMNS} for row in csv.DictReader(fh)]


@task(name="write-report")
def write_report_task(db_url: str, out_dir: str) -> ReportFiles:
    return write_report(db_url, out_dir)


@task(name="publish-report")
def publish_report(files: ReportFiles) -> list[str]:
    """The Markdown summary and the findings table as Prefect artifacts; returns their ids."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact
    md = create_markdown_artifact(markdown=files.markdown.read_text(encoding="utf-8"), key=ARTIFACT_KEY,
                                  description=f"Data-quality summary; full report at {files.html}")
    table = create_table_artifact(table=findings_table(files.csv), key=f"{ARTIFACT_KEY}-findings",
                                  description=f"All {files.findings} findings")
    return [str(md), str(table)]


@flow(name="report")
def report_flow(db_url: str, out_dir: str = "reports") -> ReportFiles:
    files = write_report_task(db_url, out_dir)
    ids = publish_report(files)
    log.info("report artifacts %s", ids)
    return files
