"""Generated variation: partner budget tables and staffing grids as typed truth records, rendered into every
form a document gives, read by the real pipeline and held to properties (``tests/test_generated_*.py``,
``make fuzz``)."""
from tests.generated.reproducible import without_local_constants

without_local_constants()  # examples independent of the modules imported before (also under ``make fuzz``)
