"""Partner budget tables: ``extract`` (tables to rows), ``rows`` (a row's label and amounts), ``placement``
(which column each amount is in), ``column_solver`` (the arithmetic that places them), ``narrative`` (totals and
funder figures stated in prose)."""
