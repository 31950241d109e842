"""The table layer: candidate grids found in the document model, for budget, staffing and indicator reading.

- ``segments``: one-cell-per-line text segmented once (a bare CR ends a cell; the CRLF lines before it are its
  wraps or text before the table). Every family's one-cell-per-line reading starts from :func:`cr_segments`.
- ``text_grids``: the typed grid. :func:`find_tables` finds tables in every text form (tab rows and HTML rows,
  Markdown, a table flattened onto one line, one cell per line, and grids a PDF reader found as
  ``Document.tables``) and returns :class:`TextTable`: header cells and rows of :class:`TCell` (text, first line,
  wrapped parts, and for reader tables page/bbox provenance), with ``positional`` saying whether a row's cells
  kept their columns. Budget reads only this.
- ``cell_stream``: the cell stream and row fitting staffing reads (built on the same segments).
"""
