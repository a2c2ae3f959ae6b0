# `make site` and `make test` work on a machine that has only Python 3.11:
# they create .venv, install the locked dependencies (exact versions, checked by hash),
# then build the site or run the tests.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: site test check lock clean

site: $(STAMP)
	$(PY) -m builder build

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(PY) -m builder check

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
