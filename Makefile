# Equilab: `make run` opens the workbench on its default session, `make test` runs the whole suite.
# Both install missing system packages first (scripts/setup.sh) and share one release build.

SWIFT_FLAGS := -c release -Xswiftc -enable-testing
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: run test build setup bench clean

setup:
	@scripts/setup.sh

build: setup
	swift build $(SWIFT_FLAGS) --build-tests

run: build
	@.build/release/equilab $(ARGS)

test: setup
	swift build $(SWIFT_FLAGS) --build-tests
	swift test $(SWIFT_FLAGS) --skip-build

bench: build
	.build/release/Benchmarks $(ARGS)

clean:
	rm -rf .build
