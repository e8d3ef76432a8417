# Quire: `make run` serves the demo site on SQLite; `make test` runs the whole suite (PostgreSQL when available).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DEBUG=1

.PHONY: run test install migrate seed clean serve bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py ensure_admin
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	scripts/ensure-browser-tools.sh
	scripts/ensure-redis.sh
	scripts/with-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

# The production stack on this machine (docs/DEPLOYMENT.md): DEBUG off, against DATABASE_URL; needs SECRET_KEY.
serve: $(STAMP)
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn -c gunicorn.conf.py config.wsgi

# Throughput against nginx and Django's floor (docs/PERFORMANCE.md); not part of `make test`.
bench: $(STAMP)
	bench/run.sh

clean:
	rm -rf $(VENV) .pytest_cache staticfiles
