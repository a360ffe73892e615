# Two commands do everything on a fresh machine (see README.md):
#   make start   - the staff workbook on http://127.0.0.1:8866
#   make test    - the whole test suite (unit, notebooks, browser)
#   make dashboard - the trainer dashboard on http://127.0.0.1:8867 (needs VIW_TRAINER_TOKEN)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8866
DASHBOARD_PORT ?= 8867
export PYTHONPATH := $(CURDIR)

.PHONY: start test validate lab chromium postgresql fonts hub-proxy dashboard bench

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

start: $(VENV)/.installed fonts
	$(PY) -m widgets.server staff --port $(PORT)

dashboard: $(VENV)/.installed
	$(PY) -m widgets.server trainer --port $(DASHBOARD_PORT)

bench: $(VENV)/.installed chromium postgresql fonts
	$(PY) bench/run_all.py

validate: $(VENV)/.installed
	$(PY) -m widgets.content.validate
	$(PY) -m widgets.content.cue_check

lab: $(VENV)/.installed
	$(VENV)/bin/jupyter lab notebooks/

# $(call debian,CHECK,PACKAGES,WHAT,WHY): when CHECK fails, install Debian's PACKAGES (as root),
# or say the one command to run.
debian = @{ $(1); } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing $(3) for $(4)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "Missing: $(3), for $(4). Run 'sudo apt-get install $(2)' (Debian) and try again."; exit 1; \
	  fi; }

chromium:
	$(call debian,command -v chromium,chromium,Chromium,the browser tests)

# The store tests run against a real PostgreSQL server that the tests start themselves
# (tests/pg_server.py): only Debian's package is needed, not a running service.
postgresql:
	$(call debian,ls /usr/lib/postgresql/*/bin/initdb || command -v initdb,postgresql,PostgreSQL,the store tests)

# The PDF report and the certificate (WeasyPrint) lay text out with Debian's Pango, in fonts with
# Welsh, Arabic, Chinese and emoji glyphs: Noto (fonts-noto-core, fonts-noto-cjk) and Noto Color Emoji.
fonts:
	$(call debian,ls /usr/lib/*/libpangoft2-1.0.so.0 && fc-list | grep NotoSansArabic-Regular && fc-list | grep NotoSansCJK && fc-list | grep NotoColorEmoji,libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji,Pango and the Noto fonts,the PDF report and certificate)

# The county tests (tests/hub) run a real JupyterHub, whose proxy comes from the npm registry.
HUB_PROXY := build/hub-proxy/node_modules/.bin/configurable-http-proxy
hub-proxy: $(HUB_PROXY)
$(HUB_PROXY):
	$(call debian,command -v npm,nodejs npm,Node.js,the JupyterHub proxy)
	npm install --silent --prefix build/hub-proxy configurable-http-proxy@5

test: $(VENV)/.installed chromium postgresql fonts hub-proxy
	$(PY) -m widgets.content.validate
	$(PY) -m mypy
	$(PY) -m pytest
