"""Datasette plugins loaded by ``run-flow browse`` (``--plugins-dir`` points here)."""
