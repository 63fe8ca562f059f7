# gongkai: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   := gongkai-data
STORE  := $(DATA)/store

.PHONY: help install demo test bench clean
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
	$(BIN)/gongkai export --store $(STORE) --format turtle --output $(DATA)/export/graph.ttl
	$(BIN)/gongkai export --store $(STORE) --format trig --output $(DATA)/export/graph.trig
	$(BIN)/gongkai export --store $(STORE) --format nquads --output $(DATA)/export/graph.nq
	$(BIN)/gongkai stats --store $(STORE)
	$(BIN)/gongkai query reports-by-agency --store $(STORE)

test: install  ## run the whole test suite (slow, server and browser tests included)
	$(BIN)/python -m pytest

bench: install  ## throughput and memory benchmarks (figures go in the README)
	$(BIN)/python bench/bench_build.py

clean:  ## remove build outputs (keeps .venv)
	rm -rf $(DATA) build dist .pytest_cache
