# emodal-agent: every target installs what a fresh machine lacks, then does its job.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help bootstrap python-deps browser redis-for-tests test lint typecheck pytest demo serve sandbox bench

help:
	@echo "make demo   run the product on its embedded defaults (sandbox portal, SQLite, offline model)"
	@echo "make test   ruff, mypy and the whole pytest suite"
	@echo "make serve  run the API (configure with EMODAL_AGENT_* variables)"
	@echo "make bench  run the benchmarks and write bench/results.json"

python-deps:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium and chromium-driver"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "note: /usr/bin/chromium or /usr/bin/chromedriver is missing; install chromium and chromium-driver"; fi; \
	fi

redis-for-tests:
	@if ! command -v redis-server >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing redis-server for the tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else echo "note: redis-server is missing; the tests that need Redis will say so"; fi; \
	fi

bootstrap: python-deps browser

lint: python-deps
	$(UV) run ruff check --no-cache .

typecheck: python-deps
	$(UV) run mypy

pytest: bootstrap redis-for-tests
	$(UV) run pytest $(PYTEST_ARGS)

test: lint typecheck pytest

demo: bootstrap
	$(UV) run emodal-agent demo --host $(HOST) --port $(PORT)

serve: bootstrap
	$(UV) run emodal-agent serve --host $(HOST) --port $(PORT)

sandbox: bootstrap
	$(UV) run emodal-agent sandbox --host $(HOST) --port 8099

bench: bootstrap
	$(UV) run python -m bench
