"""Extraction, in the order a document flows through it:

``readers/`` (bytes -> Document: text, HTML, PDF) -> ``tables/`` (candidate grids) -> ``budget/``,
``staffing/``, ``indicators/`` (typed records), with ``metadata`` and ``inspection`` beside them.
"""
