# Quick start: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := out/demo.db

.PHONY: demo test lint typecheck bench model clean postgres chromium pango fuzz

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "corridor needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP) pango
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
	@echo "== extracting claims and events"
	$(BIN)/corridor --db $(DEMO_DB) extract
	@echo "== claims about people fleeing and people trapped"
	$(BIN)/corridor --db $(DEMO_DB) claims --indicator people.displaced
	$(BIN)/corridor --db $(DEMO_DB) claims --indicator people.trapped
	@echo "== situation in east Aleppo"
	$(BIN)/corridor --db $(DEMO_DB) situation "east Aleppo"
	@echo "== food projection for east Aleppo as known on 21 November 2016"
	$(BIN)/corridor --db $(DEMO_DB) project "east Aleppo" --as-of 2016-11-21
	@echo "== report"
	$(BIN)/corridor --db $(DEMO_DB) report "east Aleppo" --out out/report.html
	$(BIN)/corridor --db $(DEMO_DB) report "east Aleppo" --out out/report.pdf
	@echo "== corridor plan: the evacuation of east Aleppo, 15-22 December 2016"
	$(BIN)/corridor --db $(DEMO_DB) plan examples/scenarios/aleppo-evacuation-2016-12.yaml
	@echo "== the plan checked against the reports and witness messages"
	$(BIN)/corridor --db $(DEMO_DB) verify "$$($(BIN)/corridor --db $(DEMO_DB) plan examples/scenarios/aleppo-evacuation-2016-12.yaml --closures 0 --json | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
	@echo "== evidence log"
	$(BIN)/corridor --db $(DEMO_DB) log verify

test: $(STAMP) postgres chromium pango
	$(BIN)/pytest -q

# The store tests start a throwaway PostgreSQL server of their own; install the
# server from Debian's packages when this machine has none.
postgres:
	@if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "== installing PostgreSQL (Debian packages) for the store tests"; \
		if [ "$$(id -u)" -ne 0 ]; then echo "PostgreSQL is missing: run 'sudo apt-get install postgresql', then make test" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

# PDF reports are rendered by WeasyPrint, which needs the system's Pango.
pango:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0'; then \
		echo "== installing Pango (Debian packages) for PDF reports"; \
		if [ "$$(id -u)" -ne 0 ]; then echo "Pango is missing: run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0', then make" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

# The web tests drive Debian's Chromium through Playwright (no browser is
# downloaded); install it from Debian's packages when missing.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "== installing Chromium (Debian packages) for the browser tests"; \
		if [ "$$(id -u)" -ne 0 ]; then echo "Chromium is missing: run 'sudo apt-get install chromium', then make test" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Fuzz every reader and the extractor with atheris, FUZZ_SECONDS each (see
# fuzz/run.py; crashes land in out/fuzz/crashes).
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	@$(BIN)/python -c 'import atheris' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[dev,fuzz]'
	@for t in $$($(BIN)/python -c 'from fuzz import TARGETS; print(*TARGETS)'); do \
		echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
		$(BIN)/python -m fuzz.run $$t -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Retrain the learned second opinions on indicators and modality from the
# tuning passages (docs/extraction.md); writes src/corridor/extract/*_model.json.
model: $(STAMP)
	$(BIN)/python tools/train_models.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
