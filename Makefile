# One place for every task; each target sets up .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed


.PHONY: site serve test check bench clean goldens

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

site: $(STAMP)  ## build the site into site/, failing on any dossier error
	$(BIN)/mkdocs build --strict

# --dirty: MkDocs rebuilds only the pages whose generated Markdown changed (see docs/snelheid.md).
serve: $(STAMP)  ## serve the site on http://127.0.0.1:8000, rebuilding what a changed dossier touches
	$(BIN)/mkdocs serve --dirty

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

check: $(STAMP)  ## parse every dossier and print errors and notes; fails on errors
	$(BIN)/python -m generator check dossiers

clean:
	rm -rf site .cache

goldens: $(STAMP)  ## rewrite tests/golden/*.json from the parser; review the diff before committing
	UPDATE_GOLDENS=1 $(BIN)/python -m pytest tests/test_parse_golden.py -q
	git diff --stat tests/golden

bench: $(STAMP)  ## time parse, link, render and the MkDocs build for N synthetic dossiers (N=50000 on request)
	$(BIN)/python -m generator.bench $(if $(filter command line,$(origin N)),$(N),1000 10000)
