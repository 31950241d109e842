"""Generated variation: partner budget tables and staffing grids as typed truth records, rendered into every
form a document gives, read by the real pipeline and held to properties (``tests/test_generated_*.py``,
``make fuzz``)."""
