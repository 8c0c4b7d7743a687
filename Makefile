# Quick start: `make run` builds the seed graph and prints the queries; `make test` runs the suite.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
STORE   ?= .kg

.PHONY: venv run test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds/ --store $(STORE) --published 2024-07-09
	@for q in queries/*.rq; do echo; echo "== $$q"; $(BIN)/kg query $$q --store $(STORE) || exit $$?; done
	@mkdir -p out
	$(BIN)/kg export --store $(STORE) --format graphml -o out/seed.graphml
	$(BIN)/kg export --store $(STORE) --format turtle -o out/seed.ttl

test: $(STAMP)
	$(BIN)/python -m pytest

# Benchmark (not part of the tests): ratios measured in one run; writes bench/results.json.
# Lower the sizes for a quick look: make bench BENCH_DOCS=200 BENCH_SCALE=200,2000 BENCH_WORKER_DOCS=60
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(STORE) out .pytest_cache
