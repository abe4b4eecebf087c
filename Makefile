# Parley: `make` builds the dataset from the bundled sample corpus,
# `make test` runs every test. Both work on a fresh clone with nothing beside it.

GO      ?= go
SHARED  ?= ../shared
OUT     ?= out
INPUT   ?= corpus/sample
JUDGEMENTS ?= $(if $(filter corpus/sample,$(INPUT)),corpus/judgements.csv)
BIN     := bin/build-dataset
VERSION ?=

.PHONY: all dataset build test test-large acceptance fuzz bench eval release browser-test clean

all: dataset

build:
	$(GO) build -o $(BIN) ./cmd/build-dataset

dataset: build
	$(BIN) build --input $(INPUT) --out $(OUT) $(if $(JUDGEMENTS),--judgements $(JUDGEMENTS))

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# The 50 MB article, the 10 MB line, the 100,000-file folder and a 250,000-row release.
test-large:
	PARLEY_LARGE=1 $(GO) test -count=1 -run 'TestLarge|TestLong|TestMany' -timeout 20m ./pipeline/ingest/
	PARLEY_LARGE=1 $(GO) test -count=1 -run Large ./release/

acceptance:
	@test -d "$(SHARED)/seeds" || { echo "make acceptance: $(SHARED)/seeds is missing; it holds the client's reference articles (set SHARED=DIR to point elsewhere)" >&2; exit 1; }
	PARLEY_SEEDS="$(abspath $(SHARED)/seeds)" $(GO) test -count=1 -tags acceptance -v ./acceptance/

# Each fuzz target briefly; run one longer with e.g. `go test -fuzz FuzzFold -fuzztime 5m ./names`.
FUZZTIME ?= 15s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzFold$$' -fuzztime $(FUZZTIME) ./names
	$(GO) test -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime $(FUZZTIME) ./names
	$(GO) test -run '^$$' -fuzz '^FuzzReadJSONL$$' -fuzztime $(FUZZTIME) ./pipeline/ingest
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./pipeline/ingest
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./pipeline/parse
	$(GO) test -run '^$$' -fuzz '^FuzzFind$$' -fuzztime $(FUZZTIME) ./dates
	$(GO) test -run '^$$' -fuzz '^FuzzRecord$$' -fuzztime $(FUZZTIME) ./pipeline/cache

# Hot-path benchmarks at small sizes, then a whole build of a generated corpus
# timed against the floor (BENCHMARKS.md has the figures and the full sizes).
BENCH_ARTICLES ?= 100000
bench:
	$(GO) test -run '^$$' -bench . -benchmem -short ./...
	$(GO) build -o bin/ ./cmd/build-dataset ./cmd/floor
	$(GO) run ./cmd/bench-e2e -articles $(BENCH_ARTICLES) -grow 1 -build-dataset bin/build-dataset -floor bin/floor

# Score a build against labelled articles: the development set by default.
GOLD ?= testdata/dev/gold.jsonl
# make eval scores the development set (tuned on), the first held-out set (studied once
# measured) and the second held-out set (unseen: scores only).
eval: build
	$(BIN) build --input testdata/dev/docs.jsonl --out $(OUT)/dev --quiet --previous - --cache -
	$(BIN) eval --gold $(GOLD) --out $(OUT)/dev
	$(BIN) build --input testdata/holdout/docs.jsonl --out $(OUT)/holdout --quiet --previous - --cache -
	$(BIN) eval --gold testdata/holdout/gold.jsonl --out $(OUT)/holdout
	@# the second held-out set stays unseen: its scores, never its misses
	$(BIN) build --input testdata/holdout2/docs.jsonl --out $(OUT)/holdout2 --quiet --previous - --cache -
	$(BIN) eval --gold testdata/holdout2/gold.jsonl --out $(OUT)/holdout2 | head -14

PREVIOUS ?=

# make release VERSION=YYYY.MM.DD [PREVIOUS=out/release/<older>] builds, then writes out/release/$(VERSION)/.
release: dataset
	@test -n "$(VERSION)" || { echo "make release: set VERSION=YYYY.MM.DD, e.g. make release VERSION=2025.03.31" >&2; exit 1; }
	$(BIN) release --version $(VERSION) --out $(OUT) --input $(INPUT) $(if $(PREVIOUS),--previous $(PREVIOUS))

# Opens report.html in headless Chromium; installs Debian's chromium first when it is missing.
browser-test:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }
	PARLEY_BROWSER_TEST=1 $(GO) test -count=1 -run '^TestReportInBrowser$$' ./release/

clean:
	rm -rf bin $(OUT)/parquet $(OUT)/csv $(OUT)/manifest.json $(OUT)/summary.json
