# Quick start on a fresh machine with Python 3.11:  make run   (bundled corpus -> SQLite)   make test
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench fuzz install clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (or: make PYTHON=python3 ...)"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The main job: harvest the bundled registry (data/sources.csv -> data/samples/) into data/warehouse.db,
# then write the data-quality report to reports/
run: $(STAMP)
	$(VENV)/bin/run-flow harvest --sources data/sources.csv
	$(VENV)/bin/run-flow report --out reports

test: $(STAMP)
	@for s in scripts/ensure_*.sh; do [ ! -f "$$s" ] || bash "$$s" || exit 1; done
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench

# Generated tables (tests/generated/) through the real pipeline: FUZZ_N per form, a per-form, per-class summary
# with the smallest failing example of each (FUZZ_FORMS=tab,cr,... to choose; FUZZ_JOBS processes)
FUZZ_N    ?= 10000
FUZZ_JOBS ?= 2
FUZZ_OUT  ?= fuzz-findings.md
fuzz: $(STAMP)
	$(PY) -m tests.generated.fuzz --n $(FUZZ_N) --jobs $(FUZZ_JOBS) --out $(FUZZ_OUT) $(if $(FUZZ_FORMS),--forms $(FUZZ_FORMS),)

clean:
	rm -rf $(VENV) data/warehouse.db data/raw reports
