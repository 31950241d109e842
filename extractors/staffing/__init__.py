"""Staffing grids: ``grids`` finds the raw grids (FTE by contract x role, headcount by ethnicity x sex);
``extract`` reads their cells and printed totals."""
