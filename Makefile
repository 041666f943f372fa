# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-12)

export DBT_PROFILES_DIR := $(CURDIR)
export IOT_LANDING_DIR ?= $(CURDIR)/data/landing
export IOT_DUCKDB_PATH ?= $(CURDIR)/data/warehouse.duckdb
# The test suite builds its own export, landing area and warehouse under build/test.
TEST_DIR := $(CURDIR)/build/test
SPARK_TEST_DIR := $(CURDIR)/build/test-spark
# The Spark test in its own test dir and pytest temp dir, so it can run beside the rest.
SPARK_PYTEST := IOT_TEST_DIR=$(SPARK_TEST_DIR) $(BIN)/pytest -p no:cacheprovider \
	--basetemp=$(SPARK_TEST_DIR)/tmp tests/python/test_spark.py
# Run after the Spark test in its process by `make test`, then sqlfluff: tests that build their
# own small warehouses (no session warehouse), so the two processes take about as long.
BESIDE_SPARK := tests/python/test_entity_history.py tests/python/test_incremental_staging.py
# sqlfluff's dbt templater compiles the models against a landing area and a warehouse: in
# `make test`, the Spark test's (every format, built), in the second process after its tests.
SPARK_LINT_ENV := IOT_LANDING_DIR=$(SPARK_TEST_DIR)/spark-pipeline/landing \
	IOT_DUCKDB_PATH=$(SPARK_TEST_DIR)/spark-pipeline/reference.duckdb \
	DBT_TARGET_PATH=$(SPARK_TEST_DIR)/lint-target DBT_LOG_PATH=$(SPARK_TEST_DIR)/lint-target/logs

.PHONY: demo test test-spark venv lint lint-macros codegen docs report clean bench help

help:
	@echo "make demo   - sample export -> local S3 -> loader -> dbt build -> docs -> summary"
	@echo "make test   - every test: ruff, generated files, pytest (incl. dbt build + unit tests), sqlfluff"
	@echo "make test-spark - the Spark target alone: incremental builds on Spark, compared with DuckDB's"
	@echo "make lint-macros - sqlfluff on the macros (compiled integration_tests fixture models)"
	@echo "make report - the report site (reports/, Evidence) from the warehouse: reports/build"
	@echo "make codegen - regenerate the staging layer from seeds/*.csv"
	@echo "make bench  - benchmarks (see bench/README.md)"

$(STAMP): requirements.txt pyproject.toml
	@echo "==> installing pinned Python packages into $(VENV) (1-2 min on a fresh machine)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(BIN)/python scripts/demo.py

test: venv
	@echo "==> ruff, generated files"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m iot_facts.dbt_codegen --check
	@echo "==> pytest in 2 processes: the rest, and the Spark test + $(BESIDE_SPARK) + sqlfluff (log: build/test-spark.log)"
	@mkdir -p build
	@( $(SPARK_PYTEST) $(BESIDE_SPARK); status=$$?; \
		echo "==> sqlfluff lint models, on the Spark test's landing area and DuckDB reference"; \
		$(SPARK_LINT_ENV) $(BIN)/sqlfluff lint models --processes 2 || status=1; \
		exit $$status ) > build/test-spark.log 2>&1 & spark=$$!; \
	trap 'kill $$spark 2>/dev/null' INT TERM; \
	IOT_TEST_DIR=$(TEST_DIR) $(BIN)/pytest --ignore=tests/python/test_spark.py \
		$(addprefix --ignore=,$(BESIDE_SPARK)); rest=$$?; \
	echo "==> waiting for the second process"; wait $$spark; spark_status=$$?; \
	echo "==> the second process (build/test-spark.log)"; cat build/test-spark.log; \
	test $$rest -eq 0 && test $$spark_status -eq 0
	$(MAKE) lint-macros

# The project on Spark (local mode), built incrementally in two deliveries, every mart and
# incremental model compared with DuckDB's (part of `make test` too, beside the rest).
test-spark: venv
	$(SPARK_PYTEST)

# sqlfluff on the macros' SQL: compile the fixture models of integration_tests/ (one macro call
# each) and lint the compiled SQL (raw templater; integration_tests/macro-lint.sqlfluff).
MACRO_LINT_DIR := $(CURDIR)/build/macro-lint
lint-macros: venv
	rm -rf $(MACRO_LINT_DIR)
	cd integration_tests && DBT_PROFILES_DIR=. DBT_TARGET_PATH=$(MACRO_LINT_DIR) \
		DBT_LOG_PATH=$(MACRO_LINT_DIR)/logs IOT_FIXTURES_DUCKDB_PATH=$(MACRO_LINT_DIR)/fixtures.duckdb \
		sh -c '$(CURDIR)/$(BIN)/dbt deps --quiet && $(CURDIR)/$(BIN)/dbt compile --quiet --select "resource_type:model"'
	$(BIN)/sqlfluff lint $(MACRO_LINT_DIR)/compiled/iot_facts_integration_tests/models/*/test_*.sql \
		--config integration_tests/macro-lint.sqlfluff --processes 2

codegen: venv
	$(BIN)/python -m iot_facts.dbt_codegen

docs: venv
	$(BIN)/dbt docs generate --static
	@echo "open target/static_index.html"

report: venv
	$(BIN)/python -m iot_facts.report

bench: venv
	$(BIN)/python bench/run.py

clean:
	rm -rf target logs build data/landing data/warehouse.duckdb reports/build reports/data reports/.evidence
