# Quick start: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := out/demo.db

.PHONY: demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "corridor needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@echo "== registering the example witness keys"
	@for key in examples/keys/*.pub; do \
		$(BIN)/corridor --db $(DEMO_DB) witness add "$$(basename $$key .pub)" "$$(cat $$key)" || exit 1; \
	done
	@echo "== ingesting examples/"
	$(BIN)/corridor --db $(DEMO_DB) ingest examples/reports examples/witness
	@echo "== stored documents"
	$(BIN)/corridor --db $(DEMO_DB) documents
	@echo "== evidence log"
	$(BIN)/corridor --db $(DEMO_DB) log verify

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
