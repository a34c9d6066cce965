# calapp: `make run` starts the service, `make test` runs the tests.
# Both create .venv when it is missing and install the pinned requirements
# again only when a requirements file has changed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

RUNTIME_STAMP := $(VENV)/.requirements.stamp
DEV_STAMP := $(VENV)/.requirements-dev.stamp

.PHONY: help run web stream worker test lint chromium

help:
	@echo "make run                          start the API on :3019, the stream on :3020 and the job consumers (CALAPP_ENV=development unless set)"
	@echo "make test [PYTEST_ARGS='-k auth']  run the test suite"
	@echo "make lint                         ruff check"
	@echo "make sdk [SDK_ARGS=--check]       regenerate the Python SDK in clients/python (--check: fail when stale)"

# The processes in Procfile (the API and the job consumers), under honcho: if one
# exits, the others are stopped too. honcho hands $$PORT to the first line (web).
run: $(RUNTIME_STAMP)
	CALAPP_ENV=$${CALAPP_ENV:-development} exec $(BIN)/honcho start \
		--procfile Procfile --port $${PORT:-3019}

# Gunicorn on $PORT (3019); with DATABASE_URL unset its master starts the
# embedded PostgreSQL under instance/ and stops it on exit.
web: $(RUNTIME_STAMP)
	CALAPP_ENV=$${CALAPP_ENV:-development} exec $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# The stream process: /stream (SSE) and /ws (WebSocket) on $STREAM_PORT (3020),
# a gevent worker made for many idle connections. It reads STREAM_PORT, never
# PORT (honcho gives every Procfile line a PORT of its own).
stream: $(RUNTIME_STAMP)
	CALAPP_ENV=$${CALAPP_ENV:-development} exec $(BIN)/gunicorn -c gunicorn.stream.conf.py wsgi_stream:app

# The job consumer (calapp/worker.py): the reminder sweep every minute, in-app
# and email delivery. Same environment as the API: REDIS_URL, or without it a
# SQLite queue in instance/huey.db that both find. -f clears a task lock a
# killed consumer left behind.
worker: $(RUNTIME_STAMP)
	CALAPP_ENV=$${CALAPP_ENV:-development} exec $(BIN)/huey_consumer calapp.worker.huey -w 2 -k thread -f

# The webhook consumer: webhook requests only, on a queue of their own, so that
# slow receivers never hold up a reminder.
.PHONY: webhook-worker
webhook-worker: $(RUNTIME_STAMP)
	CALAPP_ENV=$${CALAPP_ENV:-development} exec $(BIN)/huey_consumer calapp.worker.webhook_huey -w 4 -k thread

test: $(DEV_STAMP) chromium $(OIDC_PROVIDER_STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The booking page's browser test drives Debian's chromium through Playwright
# (never `playwright install`: it downloads a browser of its own). Installed
# once when missing; apt-get needs root.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || { \
		echo "Installing chromium failed: as root, apt-get install -y chromium" >&2; \
		exit 1; }

# The OpenID provider of the sign-in tests (tests/oidc/provider: oidc-provider
# from npm, run with node >= 20): installed again only when its lock changes.
OIDC_PROVIDER_DIR := tests/oidc/provider
OIDC_PROVIDER_STAMP := $(OIDC_PROVIDER_DIR)/node_modules/.package-lock.stamp

$(OIDC_PROVIDER_STAMP): $(OIDC_PROVIDER_DIR)/package.json $(OIDC_PROVIDER_DIR)/package-lock.json
	@command -v npm >/dev/null || { \
		echo "The sign-in tests need node >= 20 and npm: apt install nodejs npm" >&2; \
		exit 1; }
	cd $(OIDC_PROVIDER_DIR) && npm ci --no-audit --no-fund
	touch $@

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

# The Python SDK (clients/python) from the app's OpenAPI document, by
# openapi-python-client; SDK_ARGS=--check only says whether it is stale.
SDK_ARGS ?=
.PHONY: sdk
sdk: $(DEV_STAMP)
	$(BIN)/python clients/generate.py $(SDK_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Creating $(VENV) failed: on Debian/Ubuntu, apt install python3-venv" >&2; \
		exit 1; }

$(RUNTIME_STAMP): requirements.txt requirements-runtime-nodeps.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -r requirements-runtime-nodeps.txt
	touch $@

# requirements-dev.txt includes requirements.txt, so this satisfies both stamps.
$(DEV_STAMP): requirements-dev.txt requirements-nodeps.txt requirements.txt requirements-runtime-nodeps.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -r requirements-runtime-nodeps.txt
	$(BIN)/python -m pip install -q --no-deps -r requirements-nodeps.txt
	touch $(RUNTIME_STAMP) $@
