# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
INSTALLED := $(VENV)/.installed

.PHONY: run test install demo browser-deps es-deps bench clean vendor

run: install
	$(BIN)/mingzhang demo --if-missing
	PORT=$(PORT) $(BIN)/mingzhang serve --port $(PORT)

# Two pytest-xdist workers on the two cores CI has; TEST_WORKERS=0 runs in one process (tests/conftest.py
# keeps each file on one worker).
TEST_WORKERS ?= 2
test: install browser-deps es-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned. PyPI's torch 2.13.0 brings ~3 GB of CUDA libraries (unused on the CPU) and the
# registry's answers are not kept by pip's HTTP cache, so the wheels are downloaded once into a local
# wheelhouse and every new venv (a fresh clone, CI, scripts/check-wheel.sh) installs from it.
WHEELHOUSE ?= $(HOME)/.cache/mingzhang/wheels
TORCH := torch==2.13.0
$(VENV)/.torch: | $(BIN)/python
	$(BIN)/pip install -q --no-index --find-links $(WHEELHOUSE) $(TORCH) 2>/dev/null || \
	  { $(BIN)/pip download -q -d $(WHEELHOUSE) $(TORCH) && \
	    $(BIN)/pip install -q --no-index --find-links $(WHEELHOUSE) $(TORCH); }
	touch $@

$(INSTALLED): pyproject.toml $(VENV)/.torch
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Chromium and a CJK font from Debian for the browser tests (never a browser download).
browser-deps:
	@bash scripts/ensure-system-deps.sh

# Elasticsearch 8 for the search tests: Elastic's server jar and netty4 module from Maven Central, resolved
# once into ~/.cache/mingzhang/elasticsearch (installs a JDK 17 and Maven from Debian when missing);
# tests/es_support.py starts a throwaway node from them.
es-deps:
	@bash scripts/elasticsearch.sh fetch

demo: install
	$(BIN)/mingzhang demo

bench: install
	$(BIN)/python bench/run_all.py

# Re-vendor ECharts from the npm registry (the result is committed under portal/static/vendor).
vendor:
	@bash scripts/vendor-echarts.sh

clean:
	rm -rf instance .pytest_cache
