"""The table layer: candidate grids found in the document model, for budget, staffing and indicator reading.

``text_grids`` finds tables in text lines (tab rows, Markdown, HTML rows, rows flattened onto one line, one cell
per line); ``cell_stream`` turns lines into a stream of cells and fits them to a row width. PDF grids are found
by the readers (``extractors/readers/pdf_grids.py``) and arrive here as ``Document.tables``.
"""
