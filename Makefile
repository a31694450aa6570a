# On a fresh machine: `make run`, `make test` (quick) and `make test-all` (with the slow robustness tests).
# Only Python 3.12 and make are needed.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
unexport PYTHONDONTWRITEBYTECODE  # the suite starts many processes: modules compiled once make each start quick

.PHONY: run test test-all lint typecheck bench screenshots wheel clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 12), "IIP Workbench needs Python 3.12 or newer, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q workbench db ui resources templates_reports >/dev/null  # byte-compiled once: faster starts
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/iip-workbench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	@$(MAKE) --no-print-directory typecheck

typecheck: $(STAMP)
	$(BIN)/mypy  # what to check and how strictly: [tool.mypy] in pyproject.toml

test: lint
	IIPW_QUICK_TESTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist worksteal -q -m "not slow"

test-all: lint  # also the slow robustness tests (kill -9 loops, disk full)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist worksteal -q -m "slow or not slow"

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py docs/screenshots

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache .mypy_cache
