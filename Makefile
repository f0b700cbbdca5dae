# hr_app: `make run` serves the app, `make test` runs every test. Both set up what they need first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3.11
PORT ?= 3000
VENV := .venv
PY := $(VENV)/bin/python
BUN_VERSION := 1.4.4

# Reflex builds the UI with bun from the npm registry (its own download needs the internet).
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null)

.PHONY: run test setup setup-dev migrate seed browser haproxy cluster lint format clean axe

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed (the stamp is newer than both otherwise).
$(VENV)/.deps-run: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.deps-run

.tools/node_modules/.bin/bun:
	npm install --silent --no-audit --no-fund --prefix .tools bun@$(BUN_VERSION)

setup: $(VENV)/.deps-run .tools/node_modules/.bin/bun migrate



migrate:
	$(VENV)/bin/alembic upgrade head

# DEMO=0 starts without the demo organization: the first visit to /setup creates yours and its first admin.
DEMO ?= 1
seed:
	@if [ "$(DEMO)" = "0" ]; then echo "DEMO=0: no demo data; open /setup to create your organization"; \
	else $(PY) -m hr_app.cli seed-demo; fi

run: setup seed
	@echo "Serving hr_app on http://localhost:$(PORT) (UI and API on one port) and its mail worker; Ctrl-C stops both"
	PORT=$(PORT) VENV=$(VENV) exec scripts/run_app_and_worker.sh

# Browser tests need Debian's Chromium and ChromeDriver (the test tools' own downloads fail here).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing chromium and chromium-driver from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

# The cluster's load balancer: HAProxy from Debian's packages.
haproxy:
	@if ! command -v haproxy >/dev/null; then \
		echo "Installing haproxy from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	fi

# Two app nodes behind HAProxy on PORT, sharing DATABASE_URL (PostgreSQL), REDIS_URL and the storage (docs/deploy.md).
cluster: setup haproxy
	CLUSTER_PORT=$(PORT) VENV=$(VENV) exec scripts/cluster.sh

# axe-core (accessibility rules) is committed under tests/e2e/vendor/axe-core/; this fetches the pinned version again.
AXE_VERSION := 4.10.3
axe:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz \
		&& cp package/axe.min.js package/LICENSE $(CURDIR)/tests/e2e/vendor/axe-core/ && rm -rf $$tmp

# Two pytest-xdist workers, a test file each at a time; tests that assert a time budget run alone
# (tests/timing_lock.py, decision 83). TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= 2
test: $(VENV)/.deps-dev .tools/node_modules/.bin/bun browser haproxy
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.deps-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf .web .states $(VENV)/.deps-run $(VENV)/.deps-dev
