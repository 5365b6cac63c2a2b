# The front door (README.md): `make demo` and `make check`.  Each installs
# what is missing (Debian packages, through apt-get), configures and builds
# into build/, then runs the main job on the shipped corpus / every test.

BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX     ?= /usr/local
WERROR     ?= OFF
CMAKE_FLAGS ?=

# Everything the build, the tests and the demo use, as Debian 12 names them.
DEB_PACKAGES = cmake make gcc pkg-config libc6-dev \
	libpcre2-dev libutf8proc-dev libxml2-dev libxml2-utils libcmocka-dev \
	libmd-dev unicode-data bzip2

BIN = $(BUILD)/bin

FUZZ_SECONDS ?= 60
FUZZ_TARGETS = normalize stream symbols votes eval

BENCH_MB ?= 10

.PHONY: all deps configure build demo check check-asan eval fuzz bench install clean

all: build

# Installs only what is missing; sudo when not root; apt-get update only
# when an install from the current lists fails.
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "dipx: installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get install -y --no-install-recommends $$missing || \
	  { $$sudo apt-get update && \
	    $$sudo apt-get install -y --no-install-recommends $$missing; }; \
	fi

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DDIPX_WERROR=$(WERROR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# The main job on the shipped corpus: the stage chain over the seeds, the
# stream checked against the schema, and a summary of what was found.
demo: build
	@mkdir -p $(BUILD)/demo
	@echo '$$ dipx-normalize --root corpus corpus/seeds/*.txt | dipx-symbols | dipx-votes > $(BUILD)/demo/seeds.xml'
	@$(BIN)/dipx-normalize --root corpus corpus/seeds/*.txt | \
	  $(BIN)/dipx-symbols | $(BIN)/dipx-votes > $(BUILD)/demo/seeds.xml
	@xmllint --noout --relaxng pipeline/schema/stream.rng $(BUILD)/demo/seeds.xml
	@sh cmake/summary.sh $(BUILD)/demo/seeds.xml
	@echo; echo 'Found (document, start, end in code points):'
	@sh cmake/found.sh $(BUILD)/demo/seeds.xml

check: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

check-asan:
	$(MAKE) check BUILD=build-asan BUILD_TYPE=Asan

# Extraction accuracy on the gold corpus (corpus/gold/GUIDE.md): the test
# split with its floors (what make check enforces), then the dev split.
EVAL_ARGS ?=
eval: build
	@echo '== corpus/gold/test (floors: corpus/gold/floors.txt)'
	@sh cmake/eval.sh $(BIN) corpus/gold/test --floors corpus/gold/floors.txt $(EVAL_ARGS)
	@echo; echo '== corpus/gold/dev'
	@sh cmake/eval.sh $(BIN) corpus/gold/dev $(EVAL_ARGS)

# Each fuzz target for FUZZ_SECONDS, with clang's libFuzzer, ASan and
# UBSan, from the seeds the regular tests use; new crashes are left in
# build-fuzz/ (crash-*): move them to tests/fuzz/crashes/<target>/ and log
# the run in tests/fuzz/README.md.
fuzz: deps
	@command -v clang >/dev/null || { \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get install -y --no-install-recommends clang libclang-rt-14-dev; }
	CC=clang cmake -S . -B build-fuzz -DDIPX_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-fuzz -j$(JOBS) --target $(addprefix fuzz-,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t; \
	  echo "== fuzz-$$t: $(FUZZ_SECONDS) s"; \
	  (cd build-fuzz && DIPX_DICT_PATH=$(CURDIR)/dictionaries \
	    ./tests/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -timeout=10 -rss_limit_mb=4096 corpus/$$t \
	    $(CURDIR)/tests/fuzz/crashes/$$t $(CURDIR)/corpus $(CURDIR)/tests/bad) \
	    2>&1 | tail -4 || exit 1; \
	done

# The benchmarks (bench/run.sh): ratios against baselines run on the same
# generated input in the same invocation.
bench: build
	@for p in icu-devtools time; do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get install -y --no-install-recommends $$missing; fi
	sh bench/run.sh $(BUILD) $(BENCH_MB)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
