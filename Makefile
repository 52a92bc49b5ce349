# The two commands: `make site` builds the site, `make test` runs every check.
# Each creates or reuses .venv from the pinned requirements.lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
TODAY_FLAG := $(if $(TODAY),--today $(TODAY))

.PHONY: site serve test test-fast validate lint clean chromium bench

site: $(STAMP)
	$(PY) -m generator build $(TODAY_FLAG)

serve: $(STAMP)
	$(PY) -m generator serve $(TODAY_FLAG)

test: $(STAMP) node_modules/.installed chromium
	$(PY) -m ruff check .
	$(PY) -m pytest

# The fast tier: each module's own logic, no site build, no browser (seconds).
test-fast: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -m unit

validate: $(STAMP)
	$(PY) -m generator validate

# Synthetic national data, the site and a plain MkDocs Material reference, side by side.
# SCALE=1 is national size (342 municipalities, 4,900 practices, 20,000 sessions); SERVE=1
# also times an edit in mkdocs serve; REPEAT=3 builds both sites three times and keeps the
# fastest of each. Everything is written to .bench/ (git-ignored).
SCALE ?= 1
bench: $(STAMP)
	$(PY) -m bench --scale $(SCALE) $(if $(SERVE),--serve) $(if $(REPEAT),--repeat $(REPEAT))

clean:
	rm -rf site .site.* .bench $(VENV) .pytest_cache .ruff_cache test-artifacts node_modules

# axe-core and the Nu HTML checker (vnu.jar, run with Java 17) for the browser tests.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The browser tests use Debian's Chromium; CI starts on a fresh machine as root.
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@
