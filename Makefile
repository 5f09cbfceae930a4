# emodal-agent: every target installs what a fresh machine lacks, then does its job.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
# Selenium Grid 4, from the npm registry (the package ships the jar; its install script, which would download
# it again from GitHub, is skipped). Pinned: change both lines together.
SELENIUM_SERVER_VERSION := 4.20.0
SELENIUM_SERVER_DIR := .cache/selenium-server
SELENIUM_SERVER_JAR := $(SELENIUM_SERVER_DIR)/node_modules/@nightwatch/selenium-server/lib/selenium-server-$(SELENIUM_SERVER_VERSION).jar
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help bootstrap python-deps browser redis-for-tests test lint typecheck pytest demo serve sandbox bench \
	grid-jar scale-test

help:
	@echo "make demo   run the product on its embedded defaults (sandbox portal, SQLite, offline model)"
	@echo "make test   ruff, mypy and the whole pytest suite"
	@echo "make serve  run the API (configure with EMODAL_AGENT_* variables)"
	@echo "make bench  run the benchmarks and write bench/results.json"
	@echo "make scale-test  a Selenium Grid (hub, two nodes), two API replicas and the sandbox on loopback"

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

grid-jar:
	@missing=""; command -v java >/dev/null 2>&1 || missing="openjdk-17-jre-headless"; \
	if [ ! -f $(SELENIUM_SERVER_JAR) ] && ! command -v npm >/dev/null 2>&1; then missing="$$missing npm"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing for the Selenium Grid"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: the Selenium Grid needs:$$missing (apt-get install$$missing)"; fi; \
	fi
	@if [ ! -f $(SELENIUM_SERVER_JAR) ]; then \
	  echo "installing @nightwatch/selenium-server@$(SELENIUM_SERVER_VERSION) into $(SELENIUM_SERVER_DIR)"; \
	  mkdir -p $(SELENIUM_SERVER_DIR) && \
	  npm install --prefix $(SELENIUM_SERVER_DIR) --ignore-scripts --no-save --no-audit --no-fund --loglevel=error \
	    @nightwatch/selenium-server@$(SELENIUM_SERVER_VERSION) >/dev/null; \
	fi

# Not part of `make test` (see DEPLOYMENT.md, "Testing the cluster", for its duration).
scale-test: bootstrap redis-for-tests grid-jar
	$(UV) run pytest tests/scale -m scale $(PYTEST_ARGS)
