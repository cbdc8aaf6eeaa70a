# Sluice: `make run` builds and runs the demo pipeline; `make test` runs every test.
SWIFT      ?= swift
SYS_PKGS   := libsqlite3-dev zlib1g-dev sqlite3 gzip
DEMO       := pipelines/demo.yaml
SLUICE     := .build/release/sluice
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test golden charts fixtures fmt bench clean

all: build

## deps: install the system libraries Sluice links against, if any is missing.
deps:
	@missing=""; for p in $(SYS_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## build: release build of the sluice command.
build: deps
	$(SWIFT) build -c release --product sluice

## run: build, run the demo pipeline over fixtures/ into out/demo.sqlite, and show its status.
run: build
	$(SLUICE) run $(DEMO)
	$(SLUICE) status $(DEMO)

## test: unit and end-to-end tests.
test: deps
	$(SWIFT) test

## golden: re-record the golden files under Tests/SluiceCoreTests/Golden (review the diff before committing).
golden: deps
	SLUICE_RECORD_GOLDEN=1 $(SWIFT) test --filter 'Demo'

## charts: render the SVG charts of out/reports to PNG next to them (installs rsvg-convert if missing).
charts:
	@command -v rsvg-convert >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq librsvg2-bin fonts-noto-cjk; }
	scripts/render-charts.sh out/reports

## fixtures: regenerate the committed demo fixtures (deterministic: the same bytes every time).
fixtures:
	$(SWIFT) run -c release sluice-fixtures demo --out fixtures/demo

## bench: time ingest and reports against gzip -dc and the sqlite3 shell; writes BENCHMARKS.md.
## Data sets are generated once into bench-data/ (git-ignored). Quick run: make bench BENCH_ROWS=1000000
BENCH_ROWS ?= 1000000 10000000
BENCH_REPS ?= 3
bench: deps
	BENCH_ROWS="$(BENCH_ROWS)" BENCH_REPS="$(BENCH_REPS)" scripts/bench.sh

## fmt: format the sources with swift-format (part of the Swift toolchain).
fmt:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build out

# Robustness: fuzzing and sanitizers (see docs/limits-and-privacy.md).
.PHONY: fuzz fuzz-build asan tsan robustness

## fuzz-build: build the libFuzzer targets of Fuzz/targets into .build-fuzz (coverage + AddressSanitizer).
fuzz-build: deps
	Fuzz/build.sh

## fuzz: run each fuzz target for FUZZ_SECONDS (default 60) from the seed corpus in Fuzz/corpus;
## a crash leaves its input in .build-fuzz/artifacts/ (add it to Fuzz/regressions/<target>/).
FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

## asan: the whole test suite under AddressSanitizer (separate build folder).
## scripts/lsan.supp silences two leak reports from XCTest and Foundation (see the file).
asan: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --scratch-path .build-asan --sanitize=address

## tsan: the whole test suite under ThreadSanitizer (separate build folder).
tsan: deps
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread

## robustness: the CI-like robustness run: both sanitizer suites and a 60 s fuzz run per target.
robustness: asan tsan
	$(MAKE) fuzz FUZZ_SECONDS=60
