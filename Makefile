# Two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint fmt check-deploy clean vendor serve-prod worker smoke-prod load screenshots

# The installs write their output to .venv/install.log, shown only when something goes wrong.
$(PY):
	@echo "Creating $(VENV) with $(PYTHON)…"
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }

$(VENV)/.installed: pyproject.toml | $(PY)
	@echo "Installing the dependencies (the first time takes a minute or two)…"
	@$(PY) -m pip install --quiet -e . >> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	@echo "Installing the dependencies and the development tools…"
	@$(PY) -m pip install --quiet -e '.[dev]' >> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
	@echo "Preparing the database and the demo data…"
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py seed_demo --quiet

# The development server on SQLite; tasks run in this process. HOST=0.0.0.0 PORT=8080 to change.
run: setup
	@echo
	@$(PY) manage.py demo_logins
	@echo
	@echo "Serving Liaison at http://$(HOST):$(PORT)/ — press Ctrl+C to stop."
	@DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# Production, as the systemd units run it: `make serve-prod` and `make worker`, with the settings
# in the environment (DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, …).
serve-prod: $(VENV)/.installed
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn -c gunicorn.conf.py

worker: $(VENV)/.installed
	$(PY) manage.py worker

# Two app servers, one worker, one PostgreSQL and one Redis (DATABASE_URL must name PostgreSQL).
smoke-prod: $(VENV)/.installed-dev
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest tests/deploy -v

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The production settings: DEBUG off, a real secret, a real host name.
check-deploy: $(VENV)/.installed-dev
	env -u DJANGO_ALLOW_ASYNC_UNSAFE DEBUG=false ALLOWED_HOSTS=liaison.example.org \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	$(PY) manage.py check --deploy --fail-level WARNING

# The suite on every core (TEST_WORKERS=0 runs it in this process), then its 15 slowest tests.
# Each worker takes the tests in the order pytest-django sorts them, so the tests that empty the
# database (live server, transaction=True) come after every test that reads the reference data.
TEST_WORKERS ?= auto
test: lint check-deploy
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n $(TEST_WORKERS) --durations=15 $(PYTEST_ARGS)

# The load test: the production server on PostgreSQL with Redis, offered rising rates (see
# docs/performance.md). LOAD_DATABASE_URL names a PostgreSQL database it may fill.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/liaison_load
load: $(VENV)/.installed-dev
	$(PY) load/run.py --database-url $(LOAD_DATABASE_URL) $(LOAD_ARGS)

# Pictures of the main pages for README, in docs/screenshots/: a fresh SQLite demo database, the
# app on a free port, Debian's Chromium driven by Playwright (pdftoppm, pngquant and optipng are
# used when installed). ONLY=home,office takes some of them.
screenshots: $(VENV)/.installed-dev
	$(PY) tools/screenshots.py $(if $(ONLY),--only $(ONLY))

vendor:
	rm -rf /tmp/liaison-vendor && mkdir -p /tmp/liaison-vendor
	cd /tmp/liaison-vendor && npm pack --silent bootstrap@5.3 && tar xzf bootstrap-*.tgz
	cp /tmp/liaison-vendor/package/dist/css/bootstrap.min.css* /tmp/liaison-vendor/package/dist/js/bootstrap.bundle.min.js* \
	   /tmp/liaison-vendor/package/LICENSE static/vendor/bootstrap/
	rm -rf /tmp/liaison-vendor/package
	cd /tmp/liaison-vendor && npm pack --silent chart.js@4.6.1 && tar xzf chart.js-*.tgz
	cp /tmp/liaison-vendor/package/dist/chart.umd.min.js* /tmp/liaison-vendor/package/LICENSE.md \
	   static/vendor/chartjs/
	rm -rf /tmp/liaison-vendor/package && cd /tmp/liaison-vendor && npm pack --silent leaflet@1.9.4 && tar xzf leaflet-*.tgz
	mkdir -p static/vendor/leaflet/images
	cp /tmp/liaison-vendor/package/dist/leaflet.js* /tmp/liaison-vendor/package/dist/leaflet.css \
	   /tmp/liaison-vendor/package/LICENSE static/vendor/leaflet/
	cp /tmp/liaison-vendor/package/dist/images/*.png static/vendor/leaflet/images/
	rm -rf /tmp/liaison-vendor/package && cd /tmp/liaison-vendor && npm pack --silent leaflet.markercluster@1.5.3 && tar xzf leaflet.markercluster-*.tgz
	cp /tmp/liaison-vendor/package/dist/leaflet.markercluster.js* /tmp/liaison-vendor/package/dist/MarkerCluster*.css \
	   static/vendor/leaflet/
	cp /tmp/liaison-vendor/package/MIT-LICENCE.txt static/vendor/leaflet/LICENSE-markercluster.txt
	# Bootstrap Icons: only the icons the templates use, as one sprite (tools/icon_sprite.py lists them).
	rm -rf /tmp/liaison-vendor/package && cd /tmp/liaison-vendor && npm pack --silent bootstrap-icons@1.13.2 && tar xzf bootstrap-icons-*.tgz
	mkdir -p static/vendor/bootstrap-icons
	$(PYTHON) tools/icon_sprite.py /tmp/liaison-vendor/package/icons static/vendor/bootstrap-icons/icons.svg
	cp /tmp/liaison-vendor/package/LICENSE static/vendor/bootstrap-icons/
	# axe-core runs only inside the browser tests (accessibility checks); no page loads it.
	rm -rf /tmp/liaison-vendor/package && cd /tmp/liaison-vendor && npm pack --silent axe-core@4 && tar xzf axe-core-*.tgz
	mkdir -p static/vendor/axe-core
	cp /tmp/liaison-vendor/package/axe.min.js /tmp/liaison-vendor/package/LICENSE \
	   /tmp/liaison-vendor/package/LICENSE-3RD-PARTY.txt static/vendor/axe-core/

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
