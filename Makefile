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

.PHONY: run test lint format install clean

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
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install $(VNU) $(AXE)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts
