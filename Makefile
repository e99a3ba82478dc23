# Pool — the two set-up commands: `make run` and `make test` (see README.md).
SWIFT ?= swift
SCENARIO ?= Scenarios/keski-pohjanmaa
OUT ?= out/keski-pohjanmaa

.PHONY: deps build release run test bench clean scenarios

# Installs GLPK's headers and library from Debian when missing (root, or sudo when available).
deps:
	@if [ ! -f /usr/include/glpk.h ]; then \
		echo "Installing libglpk-dev with apt-get …"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libglpk-dev; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job: a weekly allocation of a bundled scenario (plan files in $(OUT)), then the
# manager's HTML report of it.
run: release
	.build/release/poolctl solve $(SCENARIO) --out $(OUT) --time-limit 60
	.build/release/poolctl export $(OUT) --format html

# Benchmarks of issue 6 (docs/performance.md): scripts/bench first runs `poolctl bench-build` (the
# model-building benchmark of issue 2) and records it, then solves the bundled and generated
# instances; results in bench-results/. E.g. make bench BENCH_ARGS=--quick, or BENCH_ARGS="--highs".
BENCH_ARGS ?=
bench: release
	scripts/bench $(BENCH_ARGS)

# scripts/test-setup installs chromium and the icalendar parser the export tests use; with
# POOL_REQUIRE_EXTERNAL_TOOLS=1 a missing tool fails those tests instead of skipping them.
# The tests that raise GLPK's process-wide stop flag run last, in a process of their own
# (Tests/PoolTests/GlobalStopTests.swift says why), then those that measure wall-clock time
# (Tests/PoolTests/TimedTests.swift).
test: deps
	scripts/test-setup
	POOL_REQUIRE_EXTERNAL_TOOLS=1 $(SWIFT) test
	POOL_GLOBAL_STOP_TESTS=1 $(SWIFT) test --skip-build --filter GlobalStopTests
	POOL_TIMED_TESTS=1 $(SWIFT) test --skip-build --filter TimedTests

# Regenerates the bundled scenarios from their generator presets (byte-identical unless the
# generator changed; BundledScenarioTests fails when they are out of date).
scenarios: build
	for p in keski-pohjanmaa pohjanmaa pohjois-pohjanmaa; do \
		.build/debug/poolctl generate --preset $$p --out Scenarios/$$p --force || exit 1; \
	done

clean:
	rm -rf .build out
