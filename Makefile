# Balancing Act: every set-up step is here, so two commands do everything on a fresh machine.
#   make lab    create the environment if missing, then open the course in JupyterLab
#   make test   create the environment if missing, then run every test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told to; a container or a class server often is root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab test env chromium lint clean

env: $(STAMP)

# Reinstall when the pins change; the stamp records that the last install finished.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

lab: env
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) lessons/00-start-here.ipynb

chromium:
	bash scripts/ensure-chromium

test: env chromium
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: env
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
