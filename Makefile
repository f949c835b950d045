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

.PHONY: deps test-deps fuzz-deps configure server build run install test load bench clean \
  configure-asan test-asan test-tsan fuzzers fuzz fuzz-smoke

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

# Sanitizer builds (clang, separate build dirs; see README "Reliability").
# build-asan: AddressSanitizer + UndefinedBehaviorSanitizer, with the parts
# instrumented for libFuzzer too, so the same dir holds the tests and the
# fuzz targets. build-tsan: ThreadSanitizer, only what test-tsan runs.
ASAN_DIR ?= build-asan
TSAN_DIR ?= build-tsan
SANITIZER_FLAGS = -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DSFN_BUILD_BENCH=OFF $(LAUNCHER)
# Not run under the sanitizers: the Docker build steps (a plain compiler
# build of a clean copy), the source-tree checks (no binary), and the
# AWS-recorded conformance groups (the same code paths as the integration
# tests, 10 minutes more under ASan).
ASAN_EXCLUDE = docker_build_steps|include_rules|conformance_
# test-tsan: the engine and server (emulator_tests) and the tests that
# drive the real binary.
TSAN_TESTS = emulator_tests|integration_|samples_

fuzz-deps: deps
	@./scripts/install-deps.sh --fuzz

configure-asan: fuzz-deps
	@cmake -S . -B $(ASAN_DIR) $(SANITIZER_FLAGS) -DSFN_SANITIZE=address,undefined \
	  -DSFN_FUZZ=ON >/dev/null

test-asan: configure-asan test-deps
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@./scripts/sanitized-ctest.sh $(ASAN_DIR) $(JOBS) -E '$(ASAN_EXCLUDE)'

test-tsan: fuzz-deps test-deps
	@cmake -S . -B $(TSAN_DIR) $(SANITIZER_FLAGS) -DSFN_SANITIZE=thread >/dev/null
	@cmake --build $(TSAN_DIR) -j $(JOBS) --target sfn-local emulator_tests
	@./scripts/sanitized-ctest.sh $(TSAN_DIR) $(JOBS) -R '$(TSAN_TESTS)'

# libFuzzer targets (fuzz/). `make fuzz FUZZ_SECONDS=N` runs each for N
# seconds, one after the other, on a corpus kept in $(ASAN_DIR)/fuzz/corpus
# (seeded from the samples and the conformance cases); a crash stops the run
# and leaves its input in $(ASAN_DIR)/fuzz/crashes. `make fuzz-smoke`: a
# short run of each, as CI does.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = definition_fuzz jsonpath_fuzz intrinsics_fuzz jsonata_fuzz api_fuzz \
  routes_fuzz mock_config_fuzz

fuzzers: configure-asan
	@cmake --build $(ASAN_DIR) -j $(JOBS) --target fuzzers

fuzz: fuzzers
	@FUZZ_SECONDS=$(FUZZ_SECONDS) ./scripts/run-fuzzers.sh $(ASAN_DIR)/fuzz $(FUZZ_TARGETS)

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=15

bench: build
	@$(BUILD_DIR)/sfn-local-bench

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR)
