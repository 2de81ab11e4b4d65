# The two commands a newcomer needs are `make run` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BASE_STAMP := $(VENV)/.installed-base
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8000
ONLY ?=

.PHONY: run test lint typecheck unit e2e bench manage lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(BASE_STAMP): requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(DEV_STAMP): requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@ $(BASE_STAMP)

run: $(BASE_STAMP)
	HTTPS=off PORT=$(PORT) bin/serve

manage: $(BASE_STAMP)
	HTTPS=off $(PY) manage.py $(CMD)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(DEV_STAMP)
	HTTPS=off $(VENV)/bin/mypy .

unit: $(DEV_STAMP)
	$(VENV)/bin/pytest

test: lint typecheck unit

e2e: $(DEV_STAMP)
	bin/e2e

bench: $(DEV_STAMP)
	$(PY) -m bench $(ONLY)

# Regenerate the lock files after changing pyproject.toml.
lock: $(DEV_STAMP)
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) var/bench node_modules
