# `make site` and `make test` work on a machine that has only Python 3.11:
# they create .venv, install the locked dependencies (exact versions, checked by hash),
# then build the site or run the tests.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# axe-core for the browser tests, from npm at the version and integrity pinned in
# tests/browser/package-lock.json; without npm those tests say why they skip (CI fails them).
AXE    := $(if $(shell command -v npm),tests/browser/node_modules/.installed)

.PHONY: site test check serve templates-doc confidence lock clean

site: $(STAMP)
	$(PY) -m builder build

test: $(STAMP) $(AXE)
	$(PY) -m pytest

check: $(STAMP)
	$(PY) -m builder check

# Live preview at http://127.0.0.1:8000/: rebuilds on edits to seeds/, templates/ and mkdocs.yml.
serve: $(STAMP)
	$(PY) -m builder serve

# TEMPLATES.md lists what each template receives; regenerate it after changing builder/context.py.
templates-doc: $(STAMP)
	$(PY) -m builder.templatedoc > TEMPLATES.md

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

tests/browser/node_modules/.installed: tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Refit the speaker confidence model and its page threshold from the labelled quotes in
# ../shared/eval (builder/data/confidence.json); prints the reliability tables for the README.
confidence: $(STAMP)
	$(PY) scripts/fit_confidence.py

# Re-resolve requirements.in into requirements.lock (needs pip-tools in the venv).
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf site .cache $(VENV)
