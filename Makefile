# The LED gateway. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     := var/led.db
PERSONS ?= 1000
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: install run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# The demo database is built under a temporary name and moved into place
# only when complete, so an interrupted load is never mistaken for a done one.
$(DB): | install
	mkdir -p $(dir $(DB))
	rm -f $(DB).tmp $(DB).tmp-wal $(DB).tmp-shm
	$(BIN)/led-gateway db init --db sqlite:///$(DB).tmp
	$(BIN)/led-gateway demo load --db sqlite:///$(DB).tmp --persons $(PERSONS)
	mv $(DB).tmp $(DB)

run: install $(DB)
	$(BIN)/led-gateway db init --db sqlite:///$(DB)
	$(BIN)/led-gateway serve --db sqlite:///$(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

# The GeefBewijs load benchmark against the floor (needs wrk: apt-get install wrk).
# make bench BENCH_ARGS="--persons 1000000 --workers 2 --connections 16 --duration 10 --rounds 3"
BENCH_ARGS ?=
bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check src tests examples

clean:
	rm -rf $(VENV) var .pytest_cache
