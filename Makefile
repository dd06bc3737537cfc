# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
INSTALLED := $(VENV)/.installed

.PHONY: run test install demo browser-deps bench clean vendor

run: install
	$(BIN)/mingzhang demo --if-missing
	PORT=$(PORT) $(BIN)/mingzhang serve --port $(PORT)

test: install browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned, so that sentence-transformers does not pull a CUDA build.
$(VENV)/.torch: | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	touch $@

$(INSTALLED): pyproject.toml $(VENV)/.torch
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Chromium and a CJK font from Debian for the browser tests (never a browser download).
browser-deps:
	@bash scripts/ensure-system-deps.sh

demo: install
	$(BIN)/mingzhang demo

bench: install
	$(BIN)/python bench/run_all.py

# Re-vendor ECharts from the npm registry (the result is committed under portal/static/vendor).
vendor:
	@bash scripts/vendor-echarts.sh

clean:
	rm -rf instance .pytest_cache
