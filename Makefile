# sfn-local entry points. `make run` and `make test` are the whole quick start.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8083

.PHONY: deps build run test bench clean

deps:
	@./scripts/install-deps.sh

# ccache, when installed, makes rebuilds after a branch switch or a clean fast.
LAUNCHER := $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(LAUNCHER) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@echo "sfn-local: http://$(HOST):$(PORT)"
	@echo "try:  aws stepfunctions --endpoint-url http://$(HOST):$(PORT) list-state-machines"
	@$(BUILD_DIR)/sfn-local serve --host $(HOST) --port $(PORT) --config samples/routes.json

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD_DIR)/sfn-local-bench

clean:
	rm -rf $(BUILD_DIR)
