# The whole path for a newcomer: `make run` builds everything from nothing,
# `make test` runs the test suite. Both create the virtual environment on first use.
# Each long step prints one line and writes its full output under logs/; VERBOSE=1 shows it all.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= data/raw
export DBT_PROFILES_DIR := $(CURDIR)
# No network here for dbt's anonymous usage events (they would only time out).
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export INSTACART_DATA_DIR ?= $(DATA_DIR)
# One progress line per step, the step's output in a log (standard library only: it runs before .venv exists).
STEP := $(PYTHON) scripts/make_step.py

.DEFAULT_GOAL := help
.PHONY: help install chromium data metric-files build review screenshot run docs test test-spark lint fmt bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  VERBOSE=1 shows each step's full output on screen (it is always in logs/)."

$(BIN)/.installed: requirements.txt
	@test -x $(BIN)/python || $(STEP) --label "Creating the virtual environment in $(VENV)" --log logs/install.log \
		-- $(PYTHON) -m venv $(VENV)
	@$(STEP) --label "Installing requirements.txt into $(VENV) (a few minutes the first time)" \
		--log logs/install.log --append --hint "Fix what pip says above, then run make again: the install is retried." \
		-- sh -c '$(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install -r requirements.txt'
	@touch $@

install: $(BIN)/.installed ## Create .venv and install the pinned requirements (done once)

chromium: ## Find Chrome/Chromium for PNG figures, installing Debian's chromium if possible
	@bash scripts/ensure_chromium.sh

# Data is generated only into data/raw, or into another empty INSTACART_DATA_DIR when asked
# for with GENERATE=1: a mistyped folder is an error, not 740 MB of new files.
data: install ## Generate full-scale data into data/raw unless the six CSVs are already there (GENERATE=1: into INSTACART_DATA_DIR too)
	@$(STEP) --log logs/data.log --show '^==> ' -- $(BIN)/python scripts/ensure_data.py --data-dir="$$INSTACART_DATA_DIR" $(if $(GENERATE),--generate)

# A metric's facts live in seeds/metric_definitions.csv; the docs site's facts blocks and the
# MetricFlow metrics are written from it, so a new or edited seed row reaches both.
metric-files: install ## Write the docs facts blocks and the MetricFlow metrics from the seeds (make build does it)
	@$(BIN)/python scripts/generate_metric_docs.py --quiet
	@$(BIN)/python scripts/generate_semantic_metrics.py --quiet

# Unit tests check the SQL logic on fixed inputs, not the week's data: make test runs
# them, the weekly build skips them (dbt's advice for production runs).
build: data metric-files ## Run dbt build (models, seeds, data tests) into warehouse/instacart.duckdb
	@mkdir -p warehouse
	@$(STEP) --label "Building the warehouse (dbt build, log: logs/dbt-build.log)" --log logs/dbt-build.log \
		--dbt-results "$${DBT_TARGET_PATH:-target}/run_results.json" --tail-from 'Completed with [0-9]+ error' \
		--hint "dbt's debug log: logs/dbt.log. Fix what dbt says above, then run the same make command again." \
		-- $(BIN)/dbt build --exclude-resource-type unit_test

# ARGS are render_review.py's options (.venv/bin/python scripts/render_review.py --help), e.g. ARGS="--week 2026-11-09".
review: install ## Render the weekly review (memo, dashboard.html, figures, playbook) into reports/ (ARGS="--week YYYY-MM-DD")
	@$(STEP) --label "Rendering the weekly review" --all -- $(BIN)/python scripts/render_review.py --quiet $(ARGS)
	@$(BIN)/python scripts/review_summary.py $(ARGS)

screenshot: install chromium review ## Screenshot reports/dashboard.html into docs/images/dashboard.png (the README's)
	@$(BIN)/python scripts/screenshot_dashboard.py

run: install chromium build review ## The main job: data, dbt build, then the weekly review

docs: install ## Build the docs site (metric dictionary) and serve it on localhost:8080
	@$(BIN)/dbt docs generate && $(BIN)/dbt docs serve --port 8080

# Two workers (TEST_WORKERS=1 for one), each test file on one worker so its builds are shared.
TEST_WORKERS ?= 2
test: install chromium ## Run the whole test suite (dbt builds on small generated data; browser tests need Chromium)
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations 15

# The Spark check (docs/spark.md): dbt-spark and pyspark go into the same
# .venv only when asked for, so `make install` stays light. Needs Java 17 or later.
$(BIN)/.installed-spark: $(BIN)/.installed requirements-spark.txt
	@$(STEP) --label "Installing requirements-spark.txt (dbt-spark, pyspark) into $(VENV)" \
		--log logs/install-spark.log --hint "Fix what pip says above, then run make again." \
		-- $(BIN)/python -m pip install -r requirements-spark.txt
	@touch $@

test-spark: $(BIN)/.installed-spark ## Build a small dated dataset on DuckDB and on Spark (local, dbt-spark session) and compare the marts
	@command -v java >/dev/null || { echo "make test-spark needs Java 17 or later (java not found)."; exit 1; }
	@$(BIN)/python scripts/compare_engines.py $(SPARK_ARGS)

# The house style, checked (rules in .sqlfluff, ruff.toml, pyproject.toml and dbt_score_rules/):
# SQL with sqlfluff's dbt templater, Python with ruff, model metadata with dbt-score.
# LINT_SQL narrows sqlfluff to some files or folders (make lint LINT_SQL=models/marts); the rest runs whole.
LINT_SQL ?= models tests analyses
lint: install ## Check SQL style (sqlfluff), Python (ruff) and model metadata (dbt-score: descriptions, owners, tests)
	@mkdir -p target/lint
	@# Each linter runs even when one before it fails, so one run names every problem; make fails after the last.
	@# sqlfluff templates against an empty database, the same on every machine (a macro asks whether orders are dated).
	@failed=""; \
	echo "==> sqlfluff: $(LINT_SQL)"; \
	INSTACART_DUCKDB_PATH=target/lint/templater.duckdb $(BIN)/sqlfluff lint $(LINT_SQL) --processes 2 \
		--disable-progress-bar --nocolor || failed="$$failed sqlfluff"; \
	echo "==> ruff: scripts, tests, models, dbt_score_rules"; \
	{ $(BIN)/ruff check . && $(BIN)/ruff format --check .; } || failed="$$failed ruff"; \
	echo "==> dbt-score: every model and seed described, owned and tested"; \
	{ $(BIN)/dbt parse --quiet --target-path target/lint \
		&& $(BIN)/dbt-score lint --manifest target/lint/manifest.json --show failing-items; } || failed="$$failed dbt-score"; \
	if [ -n "$$failed" ]; then echo "make lint failed:$$failed (see above; make fmt fixes what sqlfluff and ruff can)"; exit 1; fi

fmt: install ## Fix what the linters can: sqlfluff fix, ruff format, ruff check --fix
	@mkdir -p target/lint
	@INSTACART_DUCKDB_PATH=target/lint/templater.duckdb $(BIN)/sqlfluff fix models tests analyses --processes 2 --disable-progress-bar
	@$(BIN)/ruff format .
	@$(BIN)/ruff check --fix .

bench: install ## Time the full-scale build, render and fixed cost against the floor (BENCH_ARGS=--check fails past a bar)
	@$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

clean: ## Remove the warehouse, target/, logs/ and the renderer's files in reports/ (keeps data, .venv, your files)
	@if test -x $(BIN)/python; then $(BIN)/python scripts/clean.py; else $(PYTHON) scripts/clean.py; fi

# mf reads target/semantic_manifest.json, which dbt parse writes from the current definitions,
# and the warehouse the profile names. The weekly question is empty on undated data (no weeks).
.PHONY: semantic
semantic: install ## Ask the semantic layer (MetricFlow) three growth questions of the built warehouse (docs/semantic_layer.md)
	@test -f "$${INSTACART_DUCKDB_PATH:-warehouse/instacart.duckdb}" || { echo "No warehouse yet: run make build first."; exit 1; }
	@$(BIN)/dbt parse --quiet
	@$(BIN)/mf validate-configs
	@echo; echo "==> Which segment carries the North Star (the whole history), and through which driver?"
	@$(BIN)/mf query --quiet --decimals 2 --metrics active_customers,vpac,orders_per_customer,items_per_order \
		--group-by metric_value__segment,metric_value__segment_sort_order --order metric_value__segment_sort_order
	@echo; echo "==> How did VPAC move over the last six ISO weeks, and which driver moved it?"
	@$(BIN)/mf query --quiet --decimals 2 \
		--metrics vpac_weekly,orders_per_customer_weekly,items_per_order_weekly,vpac_weekly_wow_change \
		--group-by metric_time__week --order -metric_time__week --limit 6
	@echo; echo "==> Which departments carry the items, and which do customers come back for?"
	@$(BIN)/mf query --quiet --decimals 3 --metrics product_items,product_reorder_rate \
		--group-by product__department --order -product_items --limit 8
