# Tracery: `make run` serves the platform, `make test` runs every test. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UI := designer_ui
UI_SOURCES := $(shell find $(UI)/src $(UI)/public $(UI)/index.html $(UI)/package.json $(UI)/package-lock.json $(UI)/vite.config.ts $(UI)/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test lint install install-dev ui migrate clean bench

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.runtime
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

$(UI)/node_modules/.package-lock.json: $(UI)/package-lock.json
	cd $(UI) && npm ci --no-audit --no-fund

$(UI)/dist/index.html: $(UI)/node_modules/.package-lock.json $(UI_SOURCES)
	cd $(UI) && npm run build

ui: $(UI)/dist/index.html

migrate: install
	$(VENV)/bin/tracery migrate

run: install ui
	$(VENV)/bin/tracery serve

lint: install-dev $(UI)/node_modules/.package-lock.json
	$(VENV)/bin/ruff check engine tests bench migrations
	$(VENV)/bin/ruff format --check engine tests bench migrations
	$(VENV)/bin/mypy
	cd $(UI) && npm run lint

test: install-dev ui
	$(PY) -m pytest tests/unit tests/integration tests/e2e
	cd $(UI) && npm test

bench: install-dev
	$(PY) bench/records_api.py

clean:
	rm -rf $(VENV) $(UI)/node_modules $(UI)/dist test-artifacts
