# Two entry points for a new machine: `make serve` and `make test`.
# Both first run scripts/setup.sh, which installs only what is missing.

SHELL := /bin/bash
PORT ?= 8080
# Tools cargo installs (trunk, wasm-bindgen) land in $CARGO_HOME/bin.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# Release wasm build into dist/ (Trunk.toml: offline, relative URLs); the
# post_build hook also writes dist/gongkai-offline.html.
TRUNK_BUILD := @echo "build: the web app (release wasm): about 5 minutes the first time, less after"; \
	trunk build --release --offline

.PHONY: serve test setup build test-browser bench-browser fresh-check clean lint fuzz fuzz-smoke fuzz-seeds fuzz-setup bench

## Build the web app and serve dist/ on http://127.0.0.1:$(PORT)/.
serve: setup
	$(TRUNK_BUILD)
	node tests/browser/serve.mjs dist $(PORT)

## Formatting and lints, native tests, release wasm build, the browser
## tests in headless Chromium, then a 30 s fuzz run per target (fuzz-smoke).
test: setup lint
	@echo "test: Rust tests (the first build takes a few minutes)"
	cargo test --all-targets
	$(TRUNK_BUILD)
	cd tests/browser && node --test --test-reporter=spec
	$(MAKE) fuzz-smoke

setup:
	scripts/setup.sh

build: setup
	$(TRUNK_BUILD)

## Browser tests only, against the dist/ already built.
test-browser:
	cd tests/browser && node --test --test-reporter=spec

## Paste the largest corpus document 15 times in headless Chromium and print
## the median time until its results are on screen (needs dist/; not a test).
bench-browser:
	cd tests/browser && node bench.mjs $(or $(RUNS),15)

## `make test` on a fresh clone of the committed HEAD with an empty
## CARGO_HOME (nothing installed earlier can hide a missing install step);
## prints how long it took. About 30–40 minutes on 2 cores.
fresh-check:
	scripts/fresh-check.sh

clean:
	rm -rf dist target/screenshots

## Formatting, then clippy on every crate and target with warnings as
## errors; src/lib.rs denies unchecked money arithmetic in the core's reading
## and checking modules (clippy.toml: Decimal only), and the web crate is
## also linted as the wasm32 build Trunk makes.
lint: setup
	@echo "lint: cargo fmt --check, then clippy (native, and the web crate for wasm32)"
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p gongkai-web -- -D warnings

## Speed per document (ratio to a per-character pass) and growth cases.
bench:
	nice cargo bench --bench scaling

FUZZ_SECONDS ?= 900
# Through rustup, not `cargo +nightly`: the cargo of a toolchain's own folder
# (as make fresh-check puts it on PATH) does not take +toolchain.
NIGHTLY_CARGO = rustup run nightly cargo
FUZZ_TARGETS := check_bytes mutate_document mutate_workbook mutate_pdf
# libFuzzer keeps its corpus in memory (hundreds of MB once check_bytes has
# kept PDFs and workbooks a while), so the process limit is 4 GB and one
# allocation's is 2 GB.
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -malloc_limit_mb=2048 -len_control=0 -print_final_stats=1 $(FUZZ_EXTRA)
# Inputs up to the largest seed: check_bytes is seeded with whole PDFs and
# workbooks (up to 1.2 MB); the mutate_ targets' bytes are edit instructions.
FUZZ_MAX_LEN_check_bytes = 1300000
FUZZ_MAX_LEN_edits = 262144

## Seeds: the corpus, and ../shared/real when present: its texts, and its
## PDFs and workbooks, whose readers (lopdf and ours, calamine) see hostile
## bytes only from a seed of their own format.
fuzz-seeds:
	mkdir -p fuzz/corpus/check_bytes fuzz/corpus/mutate_document fuzz/corpus/mutate_workbook fuzz/corpus/mutate_pdf
	cp tests/fixtures/*.txt fuzz/corpus/check_bytes/
	if ls ../shared/real/*.txt >/dev/null 2>&1; then cp ../shared/real/*.txt ../shared/real/*.pdf ../shared/real/*.xls* fuzz/corpus/check_bytes/; else echo "../shared/real absent: seeds are the corpus only"; fi

## cargo-fuzz from crates.io when missing (a few minutes, once); the nightly
## toolchain must be installed (rustup).
fuzz-setup:
	@$(NIGHTLY_CARGO) --version >/dev/null 2>&1 || { echo "fuzz: the nightly toolchain is missing (rustup toolchain install nightly)"; exit 1; }
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

## Fuzz each target for FUZZ_SECONDS (crashes and timeouts land in fuzz/artifacts/).
fuzz: fuzz-setup fuzz-seeds
	for t in $(FUZZ_TARGETS); do \
	  case $$t in check_bytes) len=$(FUZZ_MAX_LEN_check_bytes);; *) len=$(FUZZ_MAX_LEN_edits);; esac; \
	  nice $(NIGHTLY_CARGO) fuzz run --sanitizer none $$t fuzz/corpus/$$t -- $(FUZZ_FLAGS) -max_len=$$len || exit 1; \
	done

## A bounded smoke run for CI (the end of `make test`): 30 s per target from
## a fixed seed, so that a failure replays.
fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=30 FUZZ_EXTRA=-seed=1
