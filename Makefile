# Makefile - the entry point; meson does the real build (see STYLE.md).
BUILD ?= build
ASAN ?= build-asan
FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

$(ASAN)/build.ninja:
	meson setup $(ASAN) -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fno-sanitize-recover=all -Dbuildtype=debug

# check: every suite twice, plain and under ASan+UBSan, then one line that
# sums every test case (scripts/test-summary reads meson's logs).
check: all $(ASAN)/build.ninja
	ninja -C $(ASAN)
	-meson test -C $(BUILD) --print-errorlogs
	-ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C $(ASAN) --print-errorlogs
	sh scripts/test-summary $(BUILD) $(ASAN)

asan: $(ASAN)/build.ninja
	ninja -C $(ASAN)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C $(ASAN) --print-errorlogs

unit: all
	meson test -C $(BUILD) --suite unit --suite fuzz

# golden-update: rewrite the stored outputs of tests/golden; review the diff.
golden-update: all
	sh tests/golden/run.sh $(BUILD)/ptrcheck tests/golden update

demo: all
	sh tests/integration/demo.sh $(BUILD)

fuzz:
	sh fuzz/build.sh $(FUZZ) $(FUZZ_SECONDS)

# format: rewrite every C file as .clang-format says (the check runs in
# make check).
format:
	find src include tests fuzz bench -name '*.[ch]' | xargs clang-format -i

install: all
	meson install -C $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)

.PHONY: all check asan unit golden-update demo fuzz format install clean
