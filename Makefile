# dongshu — see README.md. Every target works on a fresh Debian/Ubuntu machine with Go >= 1.26.
GO ?= go
BIN := bin

.PHONY: all run play deps deps-test test cross-arch build game vet fmt-check fuzz bench calibrate calibrate-test clean check-go check-parquet cluster-test k8s-check server serve web screenshots

all: build

check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Go >= 1.26 is needed: see https://go.dev/doc/install (Debian's golang package is too old)"; exit 1; }
	@$(GO) version | awk '{split($$3,v,"."); sub("go","",v[1]); if (v[1]+0 < 1 || (v[1]==1 && v[2]+0 < 26)) {print "Go >= 1.26 is needed, found " $$3; exit 1}}'

build: check-go
	CGO_ENABLED=0 $(GO) build -o $(BIN)/dongshu-batch ./cmd/dongshu-batch

# Debian/Ubuntu packages (scripts/deps.sh installs only what is missing): deps what the game needs to build,
# deps-test what the tests and screenshots need besides (a virtual display, glpsol, chromium, qemu, node).
deps:
	@./scripts/deps.sh game

deps-test:
	@./scripts/deps.sh game test

game: check-go deps
	$(GO) build -o $(BIN)/dongshu ./cmd/dongshu

# The classroom server (pure Go) and its web client (the game compiled to WebAssembly, served gzipped).
server: check-go
	CGO_ENABLED=0 $(GO) build -o $(BIN)/dongshu-server ./cmd/dongshu-server

# The web client: the game for the browser, gzipped as the server sends it (bin/web, served at /static/).
web: check-go
	mkdir -p $(BIN)/web
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(BIN)/web/dongshu.wasm ./cmd/dongshu-web
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(BIN)/web/
	gzip -9 -k -f $(BIN)/web/dongshu.wasm $(BIN)/web/wasm_exec.js

# A classroom game on the embedded baseline: prints the join address, the room code and the
# facilitator's address (docs/classroom.md). SERVE_FLAGS passes more flags (e.g. --timer 2m).
serve: server web
	./$(BIN)/dongshu-server $(SERVE_FLAGS)

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
test: deps-test fmt-check vet
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/dongshu-batch
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/dongshu-server
	xvfb-run -a -s '-screen 0 1280x800x24' $(GO) test -count=1 ./...
	./scripts/check-parquet.sh
	./scripts/k8s-check.sh
	$(MAKE) cross-arch
	$(MAKE) fuzz

# economy/detmath's golden hashes, special values and boundaries as arm64 under qemu-aarch64 and as js/wasm
# under node: its functions give the same bits on every architecture, on their whole domains (whole runs
# of the model: TestSameOutputsOnEveryArch, in go test ./...). A few seconds.
DETMATH_PORTABLE := TestGolden|TestSpecialValues|TestBoundaries
cross-arch: check-go
	GOARCH=arm64 $(GO) test -count=1 -run '$(DETMATH_PORTABLE)' -exec qemu-aarch64 ./economy/detmath/
	GOOS=js GOARCH=wasm $(GO) test -count=1 -run '$(DETMATH_PORTABLE)' -exec "$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./economy/detmath/

# The screenshots under docs/screens/ (each TestScreens* test in game/desktop writes its PNGs when
# DONGSHU_SCREENS names a directory; without it the same tests only render and check the frames).
screenshots: check-go deps-test
	mkdir -p docs/screens
	DONGSHU_SCREENS=$(CURDIR)/docs/screens xvfb-run -a -s '-screen 0 1920x1200x24' $(GO) test -count=1 -run 'TestScreens' ./game/desktop/

# A one-node Slurm cluster on this machine runs docs/cluster/sweep.slurm unchanged; the merged shards must equal
# one local sweep byte for byte (installs slurm-wlm and munge; needs root or sudo; about a minute).
cluster-test: check-go
	./scripts/cluster-test.sh

# Every Kubernetes object in docs/cluster/*.yaml against the API schema of Kubernetes (KUBE_VERSION, default
# in the script), strictly, plus broken copies of the Job that must fail: kubeconform and the schema both come
# from the Go module proxy (part of make test; a few seconds once built).
k8s-check: check-go
	./scripts/k8s-check.sh

# An independent reader (DuckDB, from npm) finds the same rows in a sweep's Parquet and CSV files.
check-parquet: check-go
	./scripts/check-parquet.sh

# Every fuzz target for a short, bounded run (FUZZTIME each; the seed corpora also run as plain tests). A count of
# inputs, not a duration: with a duration Go 1.26's fuzz coordinator can report "context deadline exceeded"
# when the time is up on a busy machine, with no failing input (golang/go#75804, fixed in Go 1.27).
FUZZTIME ?= 3000x
FUZZ_TARGETS := FuzzParse:./configs/ FuzzSet:./configs/ FuzzLoad:./game/session/ FuzzCheck:./internal/sweep/ \
	FuzzParseSet:./internal/sweep/ FuzzReadRuns:./internal/report/
fuzz: check-go
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) $${t#*:} || exit 1; \
	done

bench: check-go
	$(GO) test -run '^$$' -bench . -benchmem ./economy/ ./agents/ ./game/...

# docs/calibration.md: ABC fit of configs/targets/baseline.toml, fit over 20 seeds, ablation, Morris and
# Sobol tables (docs/experiments.md). CALIBRATE_MODE=quick for a small run; the runs are kept in out/calibrate
# (re-running resumes). The agents' calibration, targets and ablation tests print their figures: make calibrate-test.
CALIBRATE_MODE ?= full
calibrate: build
	./$(BIN)/dongshu-batch calibrate --targets configs/targets/baseline.toml --ablate --morris 10 --sobol 64 \
		$(if $(filter quick,$(CALIBRATE_MODE)),--quick --out out/calibrate-quick,--out out/calibrate --docs docs/calibration.md)

calibrate-test: check-go
	$(GO) test -count=1 -run 'TestCalibration$$|TestTargets|TestAblation' -v ./agents/

clean:
	rm -rf $(BIN) out
