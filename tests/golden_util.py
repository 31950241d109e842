"""Golden files: one JSON per document and extractor under tests/golden/<document stem>/.

Set REGENERATE_GOLDEN=1 to rewrite them from the current output; review the diff before committing.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(stem: str, name: str, rows: list[dict[str, Any]]) -> None:
    path = GOLDEN / stem / f"{name}.json"
    if os.environ.get("REGENERATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    assert path.exists(), f"no golden file {path}; run with REGENERATE_GOLDEN=1 and review it"
    want = Counter(_key(r) for r in json.loads(path.read_text()))
    got = Counter(_key(r) for r in rows)
    extra = [json.loads(k) for k in (got - want).elements()]  # a row emitted twice counts twice
    missing = [json.loads(k) for k in (want - got).elements()]
    assert not extra and not missing, f"{path.name} for {stem}: new rows {extra}; rows no longer produced {missing}"


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def golden_rows(stem: str, name: str) -> list[dict[str, Any]]:
    """The reviewed rows of a golden file (read only, never regenerated)."""
    return json.loads((GOLDEN / stem / f"{name}.json").read_text())
