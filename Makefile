# dongshu — see README.md. Every target works on a fresh Debian/Ubuntu machine with Go >= 1.26.
GO ?= go
BIN := bin

.PHONY: all run play deps test build game vet fmt-check fuzz bench calibrate clean check-go

all: build

check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Go >= 1.26 is needed: see https://go.dev/doc/install (Debian's golang package is too old)"; exit 1; }
	@$(GO) version | awk '{split($$3,v,"."); sub("go","",v[1]); if (v[1]+0 < 1 || (v[1]==1 && v[2]+0 < 26)) {print "Go >= 1.26 is needed, found " $$3; exit 1}}'

build: check-go
	CGO_ENABLED=0 $(GO) build -o $(BIN)/dongshu-batch ./cmd/dongshu-batch

# Debian/Ubuntu packages the game and the tests need (scripts/deps.sh installs only what is missing).
deps:
	@./scripts/deps.sh

game: check-go deps
	$(GO) build -o $(BIN)/dongshu ./cmd/dongshu

# The desktop game on the embedded default scenario (language from the locale; --lang fr or en to choose).
play: game
	./$(BIN)/dongshu

# The headless baseline: embedded scenario, seed 1, into ./out.
run: build
	./$(BIN)/dongshu-batch run

fmt-check: check-go
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet: check-go
	$(GO) vet ./...

# What CI runs: formatting, vet, the whole test suite (incl. fuzz seed corpora, calibration, and the game's
# rendering and screenshot tests on a virtual display), and the pure-Go build of the batch runner.
test: deps fmt-check vet
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/dongshu-batch
	xvfb-run -a -s '-screen 0 1280x800x24' $(GO) test -count=1 ./...
	$(MAKE) fuzz

# Every fuzz target for a short, bounded time (FUZZTIME each; the seed corpora also run as plain tests).
FUZZTIME ?= 3s
FUZZ_TARGETS := FuzzParse:./configs/ FuzzSet:./configs/ FuzzLoad:./game/session/ FuzzCheck:./internal/sweep/ \
	FuzzParseSet:./internal/sweep/ FuzzReadRuns:./internal/report/
fuzz: check-go
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) $${t#*:} || exit 1; \
	done

bench: check-go
	$(GO) test -run '^$$' -bench . -benchmem ./economy/ ./agents/ ./game/...

# Calibration table over 20 seeds (prints the figures in the closing notes).
calibrate: check-go
	$(GO) test -count=1 -run TestCalibration -v ./agents/

clean:
	rm -rf $(BIN) out
