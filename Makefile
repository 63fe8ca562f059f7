# gongkai: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   := gongkai-data
STORE  := $(DATA)/store

.PHONY: help install demo test bench clean site-test-deps
help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed  ## create .venv and install gongkai with its test extras

demo: install  ## build the graph from examples/, export it, query it, write the site
	$(BIN)/gongkai build examples/reports --store $(STORE)
	$(BIN)/gongkai analyze --store $(STORE)
	$(BIN)/gongkai export --store $(STORE) --format all --output $(DATA)/export
	$(BIN)/gongkai validate --store $(STORE) --quiet
	$(BIN)/gongkai stats --store $(STORE)
	$(BIN)/gongkai query requests-by-agency-year --store $(STORE)
	$(BIN)/gongkai site --store $(STORE) --out $(DATA)/site
	@echo "graph: $(STORE)  exports: $(DATA)/export  site: $(DATA)/site/index.html"

SITE_TOOLS := .site-tools
site-test-deps:  ## what the site's browser tests need: Debian chromium, chromium-driver, Java, CJK fonts; vnu-jar + axe-core from npm
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v java >/dev/null \
	  && command -v npm >/dev/null && [ -d /usr/share/fonts/opentype/noto ] || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver default-jre-headless npm fonts-noto-cjk; }
	@[ -f $(SITE_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar ] && [ -f $(SITE_TOOLS)/node_modules/axe-core/axe.min.js ] \
	  || { mkdir -p $(SITE_TOOLS) && cd $(SITE_TOOLS) && npm install --no-audit --no-fund --silent vnu-jar@26 axe-core@4; }

test: install site-test-deps  ## run the whole test suite (slow, server and browser tests included)
	$(BIN)/python -m pytest

bench: install  ## throughput and memory benchmarks (figures go in the README)
	$(BIN)/python bench/bench_build.py

clean:  ## remove build outputs (keeps .venv)
	rm -rf $(DATA) build dist .pytest_cache
