# Decouple Lab. Two commands do everything on a fresh machine:
#   make serve   build the app and serve it at http://127.0.0.1:8080/
#   make test    run every test: native, wasm-bindgen-test in Chromium, WebDriver end to end
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
WASM := source scripts/env.sh &&

.PHONY: setup serve build test test-native test-wasm test-e2e size lighthouse first-visit frames bench bench-wasm conformance iac trace

setup:
	@scripts/setup.sh

serve: setup
	$(WASM) trunk serve --release

build: setup
	$(WASM) trunk build --release

test: setup test-native test-wasm build test-e2e

test-native:
	cargo test --locked

test-wasm:
	$(WASM) cargo test --locked --target wasm32-unknown-unknown --test web

test-e2e:
	cargo test --locked --test 'e2e*' -- --include-ignored --test-threads=1

# Gzipped size of what the browser downloads (wasm + JS + CSS): the first view's files,
# then the template worker's, fetched when a template is first imported or exported (and
# cached by the service worker after the first visit).
FIRST_VIEW = $(filter-out dist/iac_worker% dist/sw.js,$(wildcard dist/*.wasm dist/*.js dist/*.css))
LATER = $(wildcard dist/iac_worker*)
size:
	@for f in $(FIRST_VIEW); do printf '%8d  %s\n' "$$(gzip -9c "$$f" | wc -c)" "$$f"; done
	@cat $(FIRST_VIEW) | gzip -9c | wc -c | awk '{ printf "%8d  the first view, gzipped (%.1f KB)\n", $$1, $$1/1024 }'
	@for f in $(LATER); do printf '%8d  %s\n' "$$(gzip -9c "$$f" | wc -c)" "$$f"; done
	@cat $(LATER) | gzip -9c | wc -c | awk '{ printf "%8d  the template worker, on first use, gzipped (%.1f KB)\n", $$1, $$1/1024 }'

# Lighthouse 12's four scores (mobile defaults) for the empty page and a pattern link.
lighthouse: build
	scripts/lighthouse.sh

# Fast 3G (1.6 Mbps, 150 ms) and a 4x slower CPU: navigation to a usable palette, cold.
first-visit: build
	node scripts/first_visit.mjs 5

# Where a playing page's main thread goes (a DevTools trace at 100x and 4x CPU): script,
# style, layout, paint, commit, and which elements are marked for layout and why.
trace: build
	node scripts/trace_playback.mjs

# Playback frame times in Chromium on 50 components: 10,000 messages, then 2,000 with
# the CPU slowed fourfold; memory over 60 simulated minutes in each.
frames: build
	DLAB_BENCH_MESSAGES=10000 cargo bench --locked --bench playback_frames
	DLAB_BENCH_MESSAGES=2000 DLAB_BENCH_CPU=4 cargo bench --locked --bench playback_frames

bench:
	cargo bench --locked

# The engine's events per second in headless Chromium (release build).
bench-wasm: setup
	$(WASM) cargo test --locked --profile wasm-bench --target wasm32-unknown-unknown --test web_bench -- --nocapture

# The public AWS-semantics cases live beside the project in ../shared (not in a user's clone).
conformance:
	cargo build --locked --release --bin dlab
	python3 ../shared/conformance/run.py --dlab target/release/dlab

# The public SAM and CloudFormation templates live beside the project in ../shared:
# import, export checked by cfn-lint, and round trip, for each.
iac:
	cargo build --locked --release --bin dlab
	python3 scripts/iac_corpus.py
