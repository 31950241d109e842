"""``make bench``: table-reader accuracy on peer ground truth, and ingest speed and memory on the bundled PDFs."""
