# The two commands of the README: `make run` and `make test`. Both work from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Reinstalled whenever a requirements file changes.
STAMP := $(VENV)/.installed
# Test tools from the npm registry: the Nu Html Checker (the W3C validator) and axe-core
# (WCAG checks run in the browser tests).
NODE_TOOLS := $(VENV)/node
VNU := $(NODE_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
AXE := $(NODE_TOOLS)/node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install clean prod prod-stop prod-clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Both packages are pinned exactly and have no dependencies of their own, so no lock file.
$(VNU) $(AXE) &: package.json
	mkdir -p $(NODE_TOOLS) && cp package.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm install --silent --no-audit --no-fund --no-package-lock
	touch $(VNU) $(AXE)

install: $(STAMP)

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo
	@echo "  Newsroom:  http://$(HOST):$(PORT)/   (Русский: /ru/, English: /en/)"
	@echo "  Admin:     http://$(HOST):$(PORT)/admin/"
	@echo "  Log in as admin, editor or journalist with the password printed above"
	@echo "  (shown on the first run only; reset: $(BIN)/python manage.py changepassword admin)"
	@echo
	@# The every-minute jobs (publish_scheduled, flush_ad_counts, deliver_webhooks) and the
	@# webhook worker run next to the server and stop with it, so nothing scheduled is ever
	@# overdue in the demo. Without REDIS_URL the worker sends webhooks from the database.
	DEBUG=1 $(BIN)/python manage.py run_jobs & jobs=$$!; \
	DEBUG=1 $(BIN)/python manage.py webhooks_worker & hooks=$$!; \
	trap 'kill $$jobs $$hooks 2>/dev/null; wait $$jobs $$hooks 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production topology on this machine (README "Running in production"), as root on Debian:
# nginx :8080 → Varnish :6081 → two gunicorn servers → PostgreSQL (+ replica) and Redis of its
# own, plus the every-minute jobs; all state in .prod/. Debian's packages are installed first
# if missing, as .ci/run does.
PROD_PACKAGES := nginx varnish varnish-modules postgresql redis-server

prod: install
	@missing=""; for package in $(PROD_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	$(BIN)/python deploy/local/prod.py up

prod-stop:
	$(BIN)/python deploy/local/prod.py down

# Stops everything and deletes .prod/: the databases, uploads and the generated SECRET_KEY.
prod-clean:
	$(BIN)/python deploy/local/prod.py clean

# One test process per core (pytest-xdist). Each takes the next tests in pytest-django's order,
# so in each process the tests that empty the database (live servers, transactional tests) still
# run after all the others, as in one process. TEST_PROCESSES=0: all in this process (a debugger).
TEST_PROCESSES ?= auto
test: install $(VNU) $(AXE)
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist load $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts
