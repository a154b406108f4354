# Balancing Act: every set-up step is here, so two commands do everything on a fresh machine.
#   make lab    create the environment if missing, then open the course in JupyterLab
#   make test   create the environment if missing, then run every test
#   make test-fast   the quick tier: unit, data and contract tests (no kernel, Lab, nbgrader)
#   make notebooks   regenerate lessons/*.ipynb from their MyST Markdown sources (lessons/*.md)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told to; a container or a class server often is root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
LAB_ARGS ?=
PYTEST_ARGS ?=
# Runs a step with its output set aside, printed in full only if it fails.
QUIETLY := bash scripts/quietly

.PHONY: lab test test-fast notebooks markdown format env chromium bubblewrap weasyprint-libs lint clean release grade feedback export \
	export-canvas export-moodle handouts answer-key site

# Then the notebooks' git filter: git keeps them without outputs or run-time metadata, and each
# checkout writes its own Python's version into them, so JupyterLab opens them unchanged and a
# student's run never shows in `git status` (balancing_act/authoring/notebook_filter.py).
env: $(STAMP)
	@$(BIN)/python -m balancing_act.authoring.notebook_filter install

# JupyterLab's news and update pop-up covers a lesson's widgets on first open and asks to reach
# the internet: off for `make lab` and for the class Hub, which runs this same environment.
NEWS_PLUGIN := @jupyterlab/apputils-extension:announcements

# Reinstall when the pins or these steps change; the stamp records that the last install finished.
# Each step's own output is shown only if it fails (scripts/quietly), in full.
$(STAMP): pyproject.toml Makefile
	@echo "make env: installing the course's Python packages into $(VENV)/ (a few minutes the first time)"
	@test -x $(BIN)/python || $(QUIETLY) "creating $(VENV)/" $(PYTHON) -m venv $(VENV)
	@$(QUIETLY) "upgrading pip in $(VENV)/" $(BIN)/python -m pip install --quiet --upgrade pip==26.3
	@$(QUIETLY) "installing pyproject.toml's packages into $(VENV)/" \
		$(BIN)/python -m pip install --quiet -e ".[test]"
	@# It prints a note on plugin locking each time; shown only if the command fails.
	@out=$$($(BIN)/jupyter labextension disable --level=sys_prefix $(NEWS_PLUGIN) 2>&1) || \
		{ echo "$$out"; exit 1; }
	@touch $(STAMP)
	@echo "make env: ready, $(VENV)/ (its Python is $(BIN)/python)"

# Students see each lesson once, as its notebook: deploy/jupyter/lessons/ hides the lessons' MyST
# sources (lessons/NN-slug.md) from the file browser. Authors list them with `make lab SOURCES=1`.
SOURCES ?=
ifeq ($(SOURCES),)
LAB_CONFIG := JUPYTER_CONFIG_PATH="$(CURDIR)/deploy/jupyter/lessons$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}"
endif

lab: env
	$(LAB_CONFIG) $(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/lessons/00-start-here.ipynb $(LAB_ARGS)

chromium:
	bash scripts/ensure-chromium

bubblewrap:
	bash scripts/ensure-bubblewrap

weasyprint-libs:
	@bash scripts/ensure-weasyprint-libs

test: env chromium bubblewrap
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

# The quick tier: everything but the slow layers, which pyproject.toml's markers name (a test
# keeps every test that starts a kernel, Lab, nbgrader, a sandbox or a Hub marked), on every
# core (pytest-xdist): about a minute on two cores (1,322 tests; 65 s measured on 6 December 2026).
FAST := not notebooks and not nbgrader and not sandbox and not lab and not browser and not hub \
	and not raw_data and not wheel
test-fast: env
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -m "$(FAST)" -n auto $(PYTEST_ARGS)

# --- lessons as text (CONTRIBUTING.md): authors edit lessons/NN-slug.md -------------------------
notebooks: env  ## lessons/*.md -> lessons/*.ipynb, byte for byte (tests/test_lesson_sources.py)
	$(BIN)/python -m balancing_act.authoring notebooks

# A notebook edited as a notebook (after a merge, say) back to its source, then make notebooks:
#   make markdown NB="lessons/04-the-west-steps-back.ipynb lessons/09-measuring-the-balance.ipynb"
markdown: env
	@test -n "$(NB)" || (echo 'usage: make markdown NB="lessons/NN-slug.ipynb ..."' && exit 2)
	$(BIN)/python -m balancing_act.authoring markdown $(NB)

lint: env
	$(BIN)/ruff check .

# ruff format everything, the lessons' code included: their notebooks are made from the .md
# first, formatted, and the formatted code carried back into the .md.
format: env
	$(BIN)/python -m balancing_act.authoring notebooks
	$(BIN)/ruff format .
	$(BIN)/python -m balancing_act.authoring markdown --every-lesson

# --- for instructors (nbgrader): see instructor/README.md --------------------------------------
ASSIGNMENTS := $(notdir $(wildcard solutions/*))
# nbgrader creates its gradebook by running alembic from PATH: put the environment first.
NBGRADER := PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/nbgrader

release: env  ## regenerate every student version in exercises/ from solutions/
	@for a in $(ASSIGNMENTS); do \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(QUIETLY) "nbgrader generate_assignment $$a" \
			$(BIN)/nbgrader generate_assignment $$a --force || exit 1; \
		echo "exercises/$$a/: made from solutions/$$a/"; \
	done
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m balancing_act.grading.cases

GRADE_ARGS ?=
grade: env bubblewrap  ## autograde assignment A in sandboxes, in parallel, with a grading report
	@test -n "$(A)" || (echo "usage: make grade A=<assignment> [GRADE_ARGS='--resume --workers 4']" && exit 2)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m balancing_act.grading $(A) $(GRADE_ARGS)

feedback: env  ## HTML feedback for assignment A (hidden tests removed)
	@test -n "$(A)" || (echo "usage: make feedback A=<assignment>" && exit 2)
	$(NBGRADER) generate_feedback $(A) --force

export: env  ## all grades to reports/grades.csv
	mkdir -p reports
	$(NBGRADER) export --to reports/grades.csv

# Grades of assignment A as the school's platform imports them (ids: instructor/lms-ids.csv).
LMS_ARGS ?=
export-canvas export-moodle: export-%: env  ## reports/<A>-canvas.csv or reports/<A>-moodle.csv
	@test -n "$(A)" || (echo "usage: make $@ A=<assignment> [LMS_ARGS='--column \"A1 (12345)\"']" && exit 2)
	$(BIN)/python -m balancing_act.grading.lms $* $(A) $(LMS_ARGS)

# Printed copies (see instructor/README.md): every lesson, and each assignment's answer key.
# PRINT_ARGS names some lessons or assignments, e.g. PRINT_ARGS=03-oil-pipelines-leverage.
PRINT_ARGS ?=
handouts: env weasyprint-libs  ## build/handouts/<lesson>.pdf for every lesson
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m balancing_act.authoring.printing handouts $(PRINT_ARGS)

answer-key: env weasyprint-libs  ## build/answer-key/<assignment>.pdf, for teachers only
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m balancing_act.authoring.printing answer-key $(PRINT_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

# --- the reader's site (issue 6): every lesson run once, as offline HTML in site/_build/ ------
site: env
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m balancing_act.authoring.site --out site/_build
