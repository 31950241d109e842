"""The tree keeps its promises (issue 'One house'): checks read records only, file formats are read only by
readers, and no package keeps hidden module state."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("pipeline", "extractors", "normalisers", "flows")
PDF_LIBRARIES = {"pymupdf", "fitz", "pdfplumber", "pdfminer", "pypdfium2"}


def _modules(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_checks_import_nothing_from_extractors() -> None:
    bad = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if m.split(".")[0] == "extractors")
           for p in _modules("pipeline/checks")}
    assert not {k: v for k, v in bad.items() if v}


def test_only_readers_open_pdfs() -> None:
    readers = ROOT / "extractors" / "readers"
    bad = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if m.split(".")[0] in PDF_LIBRARIES)
           for p in _modules(*PACKAGES) if readers not in p.parents}
    assert not {k: v for k, v in bad.items() if v}
    assert any(m.split(".")[0] == "pymupdf" for p in _modules("extractors/readers") for m in _imports(p))


def test_no_module_state_is_rebound() -> None:
    """A ``global`` statement means a function rebinds module state (a memo shared by worker threads)."""
    bad = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in _modules(*PACKAGES)
           for n in ast.walk(ast.parse(p.read_text())) if isinstance(n, ast.Global)]
    assert not bad


def test_the_test_tree_needs_nothing_beside_the_repository() -> None:
    """Gold and the warehouse contract live in the repository: no test reads ../shared."""
    bad = [str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("*.py")
           if "shared" in p.read_text() and p.name != Path(__file__).name
           and any(s in p.read_text() for s in ('parent / "shared"', "parents[2]", "../shared"))]
    assert not bad
