# The whole path for a newcomer: `make run` builds everything from nothing,
# `make test` runs the test suite. Both create the virtual environment on first use.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= data/raw
export DBT_PROFILES_DIR := $(CURDIR)
export INSTACART_DATA_DIR ?= $(DATA_DIR)

.DEFAULT_GOAL := help
.PHONY: help install chromium data build review screenshot run docs test bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	@echo "==> Creating the virtual environment in $(VENV) and installing requirements.txt"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

install: $(BIN)/.installed ## Create .venv and install the pinned requirements (done once)

chromium: ## Find Chrome/Chromium for PNG figures, installing Debian's chromium if possible
	@bash scripts/ensure_chromium.sh

data: install ## Generate full-scale data into data/raw unless the six CSVs are already there
	@$(BIN)/python scripts/ensure_data.py --data-dir="$$INSTACART_DATA_DIR"

# Unit tests check the SQL logic on fixed inputs, not the week's data: make test runs
# them, the weekly build skips them (dbt's advice for production runs).
build: data ## Run dbt build (models, seeds, data tests) into warehouse/instacart.duckdb
	@mkdir -p warehouse
	@$(BIN)/dbt build --exclude-resource-type unit_test

review: install ## Render the weekly review (memo, dashboard.html, figures, playbook) into reports/
	@$(BIN)/python scripts/render_review.py

screenshot: install chromium review ## Screenshot reports/dashboard.html into docs/images/dashboard.png (the README's)
	@$(BIN)/python scripts/screenshot_dashboard.py

run: install chromium build review ## The main job: data, dbt build, then the weekly review

docs: install ## Build the docs site (metric dictionary) and serve it on localhost:8080
	@$(BIN)/dbt docs generate && $(BIN)/dbt docs serve --port 8080

test: install chromium ## Run the whole test suite (dbt builds with unit tests on small generated data; browser tests need Chromium)
	@$(BIN)/python -m pytest

bench: install ## Benchmark the full-scale build and render against the floor
	@$(BIN)/python scripts/benchmark.py

clean: ## Remove the built warehouse, dbt artefacts and rendered reports (keeps data and .venv)
	rm -rf target logs warehouse/*.duckdb* reports/*.png reports/*.html reports/*.md
