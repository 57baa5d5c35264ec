# Two commands for people: `make serve` and `make test`. Everything else is plumbing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test lint build validate browser bench lock clean i18n-extract i18n-update i18n-compile i18n-init

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## make serve: install into .venv and serve the site at http://127.0.0.1:8000
serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

## make build: a strict build into site/
build: $(VENV)/.installed
	$(VENV)/bin/mkdocs build --strict

validate: $(VENV)/.installed
	$(VENV)/bin/kindred validate --strict directory

# Browser tests need Debian's Chromium and axe-core (from npm, pinned in package-lock.json: its dependencies;
# Lighthouse, a devDependency, is installed by make bench only).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --omit=dev --no-audit --no-fund --loglevel=error

## make test: install test needs (Chromium included), check style and types, and run the whole suite
test: $(VENV)/.installed browser lint
	KINDRED_LUNR_JS="$$($(PY) -c 'from generator.mkdocs_plugin.assets import lunr_js_path; print(lunr_js_path())')" \
		node --test tests/js/
	$(PY) -m pytest -q

# Ruff (lint and format) and mypy over the package; settings in pyproject.toml.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check generator
	$(VENV)/bin/ruff format --check generator
	$(VENV)/bin/mypy

## make bench: validation, site build (beside Hugo and plain MkDocs) and finder benchmarks, 1,000 and 10,000 listings;
## Lighthouse (mobile, over a gzip server) on the shipped site's home, finder, help and listing pages
bench: $(VENV)/.installed browser
	$(PY) -m pip install --quiet -e '.[dev]'
	@[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error
	$(PY) bench/bench_validate.py
	$(PY) bench/bench_site.py --sizes 1000 10000
	$(PY) bench/bench_finder.py
	$(PY) bench/bench_lighthouse.py

## make lock: after changing pyproject.toml's dependencies, pin the deploy job's packages with their hashes
## (requirements/deploy.txt), with the Python the deploy job uses
LOCK_PYTHON ?= python3.11
lock:
	$(LOCK_PYTHON) -m venv .cache/pip-tools
	.cache/pip-tools/bin/python -m pip install --quiet 'pip-tools>=7.4,<8'
	.cache/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements/deploy.txt \
		pyproject.toml requirements/deploy.in

clean:
	rm -rf site .pytest_cache .hypothesis .mypy_cache .ruff_cache

## Translations (CONTRIBUTING.md, "Languages"): Babel's own commands over generator/locale/.
LOCALES := generator/locale
BABEL := $(VENV)/bin/pybabel
i18n-extract: $(VENV)/.installed
	$(BABEL) -q extract -F $(LOCALES)/babel.cfg -k N_ -k t -k tn:1,2 -c Translators: --sort-output \
		--project=Kindred --copyright-holder="Kindred contributors" --add-location=file --no-wrap \
		-o $(LOCALES)/kindred.pot .

i18n-update: i18n-extract
	$(BABEL) -q update -i $(LOCALES)/kindred.pot -d $(LOCALES) -D kindred --ignore-obsolete --no-wrap

i18n-compile: $(VENV)/.installed
	$(BABEL) compile -d $(LOCALES) -D kindred --statistics

i18n-init: i18n-extract
	@[ -n "$(LANG)" ] || { echo "usage: make i18n-init LANG=xx"; exit 2; }
	$(BABEL) init -i $(LOCALES)/kindred.pot -d $(LOCALES) -D kindred -l $$($(PY) -c "from generator.i18n import language; print(language('$(LANG)').babel_code)")
