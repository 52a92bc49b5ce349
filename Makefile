# The two commands: `make site` builds the site, `make test` runs every check.
# Each creates or reuses .venv from the pinned requirements.lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
TODAY_FLAG := $(if $(TODAY),--today $(TODAY))

.PHONY: site serve test validate lint clean

site: $(STAMP)
	$(PY) -m generator build $(TODAY_FLAG)

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest

validate: $(STAMP)
	$(PY) -m generator validate

clean:
	rm -rf site .site.* $(VENV) .pytest_cache .ruff_cache test-artifacts

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@
