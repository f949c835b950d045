# sfn-local entry points. `make run` and `make test` are the whole quick start.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8083
CONFIG ?= samples/routes.json   # routes file for `make run` (empty: none)
MOCKS ?=                        # Step Functions Local mock file for `make run`
WAIT_SCALE ?= 1
PREFIX ?= /usr/local

# ccache (installed by scripts/install-deps.sh) makes rebuilds after a branch
# switch or a clean fast (looked up when used: `deps` may just have installed
# it); paths relative to the checkout let another copy of
# the tree (the Docker build steps test) reuse the same cache entries.
LAUNCHER = $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR := $(CURDIR)
SERVE_ARGS := --host $(HOST) --port $(PORT) --wait-scale $(WAIT_SCALE) \
  $(if $(strip $(CONFIG)),--config $(strip $(CONFIG))) \
  $(if $(strip $(MOCKS)),--mock-config $(strip $(MOCKS)))

.PHONY: deps test-deps configure server build run install test load bench clean

deps:
	@./scripts/install-deps.sh

test-deps: deps
	@./scripts/install-test-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(LAUNCHER) >/dev/null

# Only the server: what `make run` and `make install` need.
server: configure
	@test -x $(BUILD_DIR)/sfn-local || \
	  echo "Building sfn-local: the first build takes 2-4 minutes on 2 cores; later ones are incremental."
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target sfn-local

# Everything: the server, the unit tests and the benchmark harness.
build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: server
	@echo "sfn-local: http://$(HOST):$(PORT)  (Ctrl-C stops it)"
	@$(BUILD_DIR)/sfn-local serve $(SERVE_ARGS)

install: server
	@cmake --install $(BUILD_DIR) --prefix $(PREFIX)

test: build test-deps
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The full load test: 100 concurrent clients x 1,000 executions (a Task, a
# Wait and a Map), every history paged and checked; prints throughput and
# latency percentiles. `make test` runs a short version (ctest load_short).
LOAD_ARGS ?= --full
load: server test-deps
	@node tests/integration/load_test.mjs $(BUILD_DIR)/sfn-local $(LOAD_ARGS)

bench: build
	@$(BUILD_DIR)/sfn-local-bench

clean:
	rm -rf $(BUILD_DIR)
