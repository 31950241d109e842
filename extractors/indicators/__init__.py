"""Outcome indicators: ``rules`` (what a sentence states), ``cells`` and ``tables`` (figures in table cells),
``extract`` (statements from the whole document)."""
