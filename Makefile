# The two commands: `make site` builds the site, `make test` runs every check.
# Each creates or reuses .venv from the pinned requirements.lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
TODAY_FLAG := $(if $(TODAY),--today $(TODAY))

.PHONY: site serve edit test test-fast validate lint clean chromium bench

# The site includes the web editor at /admin/: Decap CMS, installed from package-lock.json.
site: $(STAMP) node_modules/.installed
	$(PY) -m generator build $(TODAY_FLAG)

serve: $(STAMP) node_modules/.installed
	$(PY) -m generator serve $(TODAY_FLAG)

# The web editor with Decap's local backend (decap-server, on 127.0.0.1 only) beside the
# live preview: open http://127.0.0.1:8000/admin/. Another port: DECAP_SERVER_PORT=8082.
edit: $(STAMP) node_modules/.installed
	$(PY) -m generator edit $(TODAY_FLAG)

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

# Decap CMS and decap-server (the web editor), axe-core and the Nu HTML checker (vnu.jar,
# run with Java 17) for the browser tests, exactly as package-lock.json pins them.
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
