"""The `report` Prefect flow: writes the report and publishes the summary and findings as artifacts."""
from __future__ import annotations

import json

import pytest

from flows.report import ARTIFACT_KEY, TABLE_COLUMNS, findings_table
from pipeline.report import write_report_from

from tests.report.test_report_data import store_pdf_document


def test_findings_table_rows_are_the_csv_rows(engine, tmp_path):
    store_pdf_document(engine, tmp_path)
    files = write_report_from(engine, tmp_path / "out")
    (row,) = findings_table(files.csv)
    assert tuple(row) == TABLE_COLUMNS
    assert (row["council"], row["found"], row["evidence"]) == ("Sometown", "241,017", "page 1")


@pytest.mark.slow
def test_report_flow_publishes_markdown_and_table_artifacts(engine, db_url, tmp_path):
    """A real flow run on the ephemeral Prefect server; the artifacts are read back from its API."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    from flows.report import report_flow
    store_pdf_document(engine, tmp_path)
    # a loaded CI machine can take longer than the default 20 s to start the ephemeral API server
    with temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 120}):
        files = report_flow(db_url, str(tmp_path / "out"))
        assert files.html.exists() and files.findings == 1
        with get_client(sync_client=True) as client:
            found = client._client.post("/artifacts/filter", json={
                "artifacts": {"key": {"any_": [ARTIFACT_KEY, f"{ARTIFACT_KEY}-findings"]}},
                "limit": 10, "offset": 0, "sort": "CREATED_DESC"}).json()
    by_key = {a["key"]: a for a in found}
    assert by_key[ARTIFACT_KEY]["type"] == "markdown"
    assert "1 document ingested, 0 failed; 1 finding (1 error, 0 warning, 0 info)." in by_key[ARTIFACT_KEY]["data"]
    table = by_key[f"{ARTIFACT_KEY}-findings"]
    assert table["type"] == "table"
    data = table["data"] if isinstance(table["data"], list) else json.loads(table["data"])
    assert [r["check_name"] for r in data] == ["column_sum_mismatch"] and data[0]["found"] == "241,017"
