# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
EXAMPLE := examples/khamenei-kadhimi-2020

.PHONY: install demo test lint eval eval-gate bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# A fresh venv's pip 23 ignores lxml's html-clean extra that trafilatura needs.
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	@mkdir -p out
	$(BIN)/parallax analyze $(EXAMPLE) -o out/report.json -o out/report.md -o out/report.html
	@echo "Report written to $(CURDIR)/out/report.html (also out/report.json, out/report.md)"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	bash scripts/system-deps.sh
	$(BIN)/pytest

# Fails when a committed number drops beyond its tolerance; `make eval UPDATE=--update` rewrites
# benchmarks/results/ with the run.
eval: install
	$(BIN)/python -m benchmarks.eval $(STAGES) $(UPDATE)

# The fast subset of that gate (.ci/run runs it after the tests); skips when ../shared/data is absent.
eval-gate: install
	$(BIN)/python -m benchmarks.eval --gate

bench: install
	$(BIN)/python -m benchmarks.bench $(STAGES)

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
