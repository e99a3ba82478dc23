# Pool — the two set-up commands: `make run` and `make test` (see README.md).
SWIFT ?= swift
SCENARIO ?= Scenarios/keski-pohjanmaa
OUT ?= out/keski-pohjanmaa

.PHONY: deps build release run test bench clean

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

# Until the weekly allocation exists, the main job is solving the bundled model file.
run: release
	.build/release/poolctl lp solve --values Scenarios/models/production.lp

# Model-building benchmark of issue 2 (a million nonzeros; see docs/glpk-backend.md).
bench: release
	.build/release/poolctl bench-build

test: deps
	$(SWIFT) test

clean:
	rm -rf .build out
