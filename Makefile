# `make site` and `make test` work on a machine that has only Python 3.11:
# they create .venv, install the locked dependencies (exact versions, checked by hash),
# then build the site or run the tests.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: site test check serve templates-doc lock clean

site: $(STAMP)
	$(PY) -m builder build

test: $(STAMP)
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

# Re-resolve requirements.in into requirements.lock (needs pip-tools in the venv).
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf site .cache $(VENV)
