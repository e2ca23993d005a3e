# fuzz.mk -- libFuzzer harnesses for the parsers of untrusted input (tests/fuzz/)
# SPDX-License-Identifier: MIT
#
#   make fuzz-build               build build/fuzz/fuzz_NAME with clang
#   make fuzz [FUZZ_SECONDS=60]   run each harness that long, one after another;
#                                 crashes go to tests/fuzz/crashes/
#   make fuzz-replay              run every input of tests/fuzz/regressions/ once
#
# The harnesses link the engine's parsing half and nothing that needs a
# terminal (main, render, input, plain, screens): the modules below, in an
# archive so each harness pulls in only what it calls. A harness for a new
# parser adds its module here.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_NAMES   := content config cond text status answercode bundle screencode minisig fetch amount
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := $(WARN) $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) -O1 -g $(FUZZ_SAN)

FUZZ_LIB_SRC := src/util.c src/text.c src/rules.c src/flow.c src/screen.c src/content.c src/guide.c src/guide_text.c src/markdown.c src/fence.c \
                src/layout.c src/config.c src/regions.c src/iniread.c src/status_parse.c src/answercode.c \
                src/bundle.c src/minisig.c src/pinyin.c src/pinyin_data.c src/refs.c src/screencode.c \
                src/fetch.c src/dates.c src/calc.c
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_LIB     := build/fuzz/libyibao-fuzz.a
FUZZ_BIN     := $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-replay

fuzz-build: $(FUZZ_BIN)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $(FUZZ_LIB_OBJ)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	@echo "  FUZZLD $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(DEPFLAGS) -o $@ $< $(FUZZ_LIB) $(PKG_LIBS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-replay: fuzz-build
	@sh tests/fuzz/run.sh --replay $(FUZZ_NAMES)
