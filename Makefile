# FOI case management: developer and CI entry points.
# Needs nothing but python3 on a fresh clone; everything else goes into .venv.
# With DATABASE_URL / CELERY_BROKER_URL unset the app uses SQLite and eager Celery.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint bench bench-pdf bench-portal bench-reports clean distclean

help:
	@echo "make run        migrate, seed demo data, serve on http://127.0.0.1:8000"
	@echo "make test       full pytest suite (PYTEST_ARGS='...' passes options through)"
	@echo "make lint       ruff check and format check"
	@echo "make bench      run bench/run.py (case pages on 100,000 cases)"
	@echo "make bench-pdf  signed letters: render vs sign time, worker memory"
	@echo "make bench-portal  the status page under load (gunicorn + wrk) vs a trivial view"
	@echo "make bench-reports  the quarterly performance report over 100,000 cases"
	@echo "make clean      remove caches and test/bench output"
	@echo "make distclean  clean, plus .venv and db.sqlite3"

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt is newer than the stamp.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -r requirements.txt
	touch $@

run: $(STAMP)
	$(PY) manage.py migrate
	$(PY) manage.py seed_demo --password demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check --no-cache .

bench: $(STAMP)
	$(PY) bench/run.py

bench-pdf: $(STAMP)
	$(PY) bench/pdf.py

bench-portal: $(STAMP)
	$(PY) bench/portal.py

bench-reports: $(STAMP)
	$(PY) bench/reports.py

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache test-results bench/results staticfiles

distclean: clean
	rm -rf $(VENV) db.sqlite3
