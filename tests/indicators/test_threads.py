"""The harvest reads documents in threads: documents processed in several threads started at once in a fresh
process read exactly as one thread reads them, and nothing raises. (The harvest tests once failed with spaCy's
E018 after the vocabulary's pipeline could be built twice by racing threads; this test did not catch that race,
the harvest tests in tests/harvest/test_harvest_crash.py did; it guards the plain case.)"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import glob, json, sys, threading
from pipeline.stages import process
files = sorted(glob.glob("data/samples/real/*.txt"))[:8]
docs = [(open(f, "rb").read(), f) for f in files]
out, errors = {}, []
start = threading.Barrier(len(docs))
def run(k):
    try:
        start.wait()
        out[k] = sorted(str((i.indicator, i.value, i.unit, i.scope, i.kind, i.prov.line)) for i in
                        process(*docs[k]).indicators)
    except Exception as e:
        errors.append(repr(e))
threads = [threading.Thread(target=run, args=(k,)) for k in range(len(docs))]
[t.start() for t in threads]; [t.join() for t in threads]
alone = [sorted(str((i.indicator, i.value, i.unit, i.scope, i.kind, i.prov.line)) for i in
                process(*d).indicators) for d in docs]
print(json.dumps({"errors": errors, "same": [out.get(k) == alone[k] for k in range(len(docs))]}))
"""


def test_documents_processed_cold_in_threads() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert all(result["same"])
