# SPDX-License-Identifier: GPL-2.0-only
#
# kthreadify: build the driver, install what it needs, run its tests.
#
#   make deps     install the Debian packages the project needs (root)
#   make          build ./kthreadify
#   make demo     run the tool over the bundled corpus
#   make check    run every test; ends with "N passed, N failed"
#   make coccicheck MODE=report M=DIR [COCCI=rule|file.cocci] [J=N]
#                 the rules over DIR through kthreadify, as in the kernel
#   make install PREFIX=/usr/local [DESTDIR=...]

CC	?= cc
CFLAGS	?= -O2 -g
WARN	:= -Wall -Wextra -Werror
STD	:= -std=c11 -D_GNU_SOURCE
VERSION	:= $(shell cat VERSION)

DRIVER_SRCS	:= $(sort $(wildcard driver/*.c))
DRIVER_LIB_SRCS	:= $(filter-out driver/main.c,$(DRIVER_SRCS))
DRIVER_HDRS	:= $(wildcard driver/*.h)
DRIVER_LIBS	:= -lgit2 -ljansson

# The unit tests and the sanitizer build live apart from the release
# build so that `make` never leaves instrumented objects behind.
SAN_FLAGS	:= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
UNIT_SRCS	:= $(sort $(wildcard tests/unit/*.c))

DEB_PACKAGES	:= coccinelle python3 build-essential make gcc kmod bc cpio \
		   flex bison libelf-dev diffutils patch git \
		   linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static \
		   libgit2-dev libjansson-dev linux-source xz-utils \
		   man-db groff-base bsdextrautils bsdutils \
		   util-linux procps time valgrind clang libclang-rt-14-dev

.PHONY: all deps demo check clean unit coccicheck install fuzz bench

all: kthreadify

kthreadify: $(DRIVER_SRCS) $(DRIVER_HDRS) VERSION
	$(CC) $(STD) $(WARN) $(CFLAGS) -DKTHREADIFY_VERSION='"$(VERSION)"' \
		-o $@ $(DRIVER_SRCS) $(DRIVER_LIBS)

build/kthreadify-san: $(DRIVER_SRCS) $(DRIVER_HDRS) VERSION
	@mkdir -p build
	$(CC) $(STD) $(WARN) -O1 -g $(SAN_FLAGS) -DKTHREADIFY_VERSION='"$(VERSION)"' \
		-o $@ $(DRIVER_SRCS) $(DRIVER_LIBS)

# Deliberately broken, for the tests to show they catch it: files renamed
# one by one as they are written, orphans of spatch left running.
FAULT_FLAGS	:= -DKTHREADIFY_FAULT_EAGER_RENAME -DKTHREADIFY_FAULT_KEEP_ORPHANS

build/kthreadify-fault: $(DRIVER_SRCS) $(DRIVER_HDRS) VERSION
	@mkdir -p build
	$(CC) $(STD) $(WARN) -O1 -g $(FAULT_FLAGS) -DKTHREADIFY_VERSION='"$(VERSION)"' \
		-o $@ $(DRIVER_SRCS) $(DRIVER_LIBS)

# For valgrind (tests/suites/80-valgrind): no sanitizer, no optimisation,
# so that every report points at the right line.
build/kthreadify-debug: $(DRIVER_SRCS) $(DRIVER_HDRS) VERSION
	@mkdir -p build
	$(CC) $(STD) $(WARN) -O0 -g -DKTHREADIFY_VERSION='"$(VERSION)"' \
		-o $@ $(DRIVER_SRCS) $(DRIVER_LIBS)

build/unit-tests: $(UNIT_SRCS) $(DRIVER_LIB_SRCS) $(DRIVER_HDRS) VERSION
	@mkdir -p build
	$(CC) $(STD) $(WARN) -O1 -g $(SAN_FLAGS) -Idriver -DKTHREADIFY_VERSION='"$(VERSION)"' \
		-o $@ $(UNIT_SRCS) $(DRIVER_LIB_SRCS) $(DRIVER_LIBS)

# Fuzzing: fuzz/fuzz_<target>.c for each target of fuzz/targets.h.  With
# clang, libFuzzer binaries for make fuzz; with any compiler, one replay
# driver (ASan+UBSan, no fuzzing engine) that make check runs over the
# inputs kept in tests/fuzz/<target>/.
FUZZ_TARGETS	:= $(shell sed -n 's/^TARGET(\(.*\))$$/\1/p' fuzz/targets.h)
FUZZ_HDRS	:= fuzz/fuzz.h fuzz/targets.h
CLANG		?= clang
FUZZ_TIME	?= 60
FUZZ_FLAGS	:= -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/fuzz/replay-%.o: fuzz/fuzz_%.c $(FUZZ_HDRS) $(DRIVER_HDRS)
	@mkdir -p build/fuzz
	$(CC) $(STD) $(WARN) -O1 -g $(SAN_FLAGS) -Idriver -DFUZZ_REPLAY_NAME=$* \
		-c -o $@ $<

build/fuzz/replay: fuzz/replay.c fuzz/fuzz_util.c $(FUZZ_TARGETS:%=build/fuzz/replay-%.o) \
		$(DRIVER_LIB_SRCS) $(DRIVER_HDRS) $(FUZZ_HDRS) VERSION
	$(CC) $(STD) $(WARN) -O1 -g $(SAN_FLAGS) -Idriver \
		-DKTHREADIFY_VERSION='"$(VERSION)"' -o $@ fuzz/replay.c fuzz/fuzz_util.c \
		$(FUZZ_TARGETS:%=build/fuzz/replay-%.o) $(DRIVER_LIB_SRCS) \
		$(DRIVER_LIBS)

build/fuzz/fuzz-%: fuzz/fuzz_%.c fuzz/fuzz_util.c $(FUZZ_HDRS) $(DRIVER_LIB_SRCS) $(DRIVER_HDRS) VERSION
	@mkdir -p build/fuzz
	$(CLANG) $(STD) $(WARN) -O1 -g $(FUZZ_FLAGS) -Idriver \
		-DKTHREADIFY_VERSION='"$(VERSION)"' -o $@ $< fuzz/fuzz_util.c \
		$(DRIVER_LIB_SRCS) $(DRIVER_LIBS)

# make fuzz [FUZZ_TIME=seconds per target] [FUZZ_TARGETS="options diff"]
fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
	tests/lib/run-fuzzers $(FUZZ_TIME) $(FUZZ_TARGETS)

unit: build/unit-tests
	build/unit-tests

deps:
	@tests/lib/install-deps $(DEB_PACKAGES)

# The main job on the bundled corpus: every finding, then the seed case's
# patch. Findings make kthreadify exit 1, which is the point here.
demo: deps kthreadify
	@echo '== ./kthreadify --mode=report corpus'
	@./kthreadify --mode=report corpus; test $$? -le 1
	@echo '== ./kthreadify --mode=patch corpus/stop-flag/seed.c'
	@./kthreadify --mode=patch corpus/stop-flag/seed.c; test $$? -le 1

check: deps kthreadify build/kthreadify-san build/unit-tests build/kthreadify-fault \
	build/kthreadify-debug build/fuzz/replay
	@tests/run-tests

# The driver against the coccicheck way over the whole Debian kernel tree
# (extracted once under ~/.cache/kthreadify): medians of BENCH_RUNS runs.
# Long: see tests/bench/bench.py for what it measures and its settings.
bench: deps kthreadify
	@tests/bench/bench.py

# The kernel's variables, the kernel's meaning: MODE (report by default;
# patch, context, org; chain runs patch mode, where rules that only report
# report), M the directory, COCCI one rule by id or by the path of its
# .cocci file (whose directory must hold kthreadify_lib.py), J the number
# of spatch processes.  Findings are not a failure, as in the kernel.
COCCI_MODE	= $(if $(filter chain,$(MODE)),patch,$(or $(MODE),report))
COCCI_RULE	= $(if $(COCCI),$(if $(filter %.cocci,$(COCCI)),--cocci-dir $(dir $(COCCI)) --rule $(basename $(notdir $(COCCI))),--rule $(COCCI)))

coccicheck: kthreadify
	@if [ -z "$(M)" ]; then \
		echo "make coccicheck: M=DIR is required (the directory to check)" >&2; \
		exit 2; \
	fi
	@./kthreadify --mode=$(COCCI_MODE) $(if $(J),-j $(J)) $(COCCI_RULE) $(M); \
		rc=$$?; test $$rc -le 1

# The binary, its man page, and the rules with the Python they share
# where the binary looks for them: <bindir>/../share/kthreadify/cocci.
PREFIX	?= /usr/local
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man/man1
RULEDIR	= $(PREFIX)/share/kthreadify/cocci

install: kthreadify
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(RULEDIR)
	install -m 755 kthreadify $(DESTDIR)$(BINDIR)/kthreadify
	install -m 644 kthreadify.1 $(DESTDIR)$(MANDIR)/kthreadify.1
	install -m 644 $(wildcard cocci/*.cocci cocci/*.py cocci/*.h cocci/ORDER) \
		$(DESTDIR)$(RULEDIR)/

clean:
	rm -rf kthreadify build
