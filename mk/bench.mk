# bench.mk -- what yibao costs per keystroke, next to whiptail and dialog; scale and load
# SPDX-License-Identifier: MIT
#
#   make bench                 the whole run (a few minutes): table on stdout,
#                              every figure in build/bench.json
#   make bench BENCH_ARGS=--quick   fewer runs, 200 screens, 10 sessions
#
# Reports only: no timing is asserted. See tests/bench/bench.py for what each
# figure means.

BENCH_PYTHON ?= /usr/bin/python3
BENCH_PTYRUN ?= $(CURDIR)/tests/bench/ptyrun.py
BENCH_ARGS   ?=

.PHONY: bench

bench: deps-bench
	@$(MAKE) --no-print-directory yibao yibao.bundle build/bench/bundle_bench
	@mkdir -p build
	@$(BENCH_PYTHON) tests/bench/bench.py --ptyrun $(BENCH_PTYRUN) --yibao ./yibao \
		--bundle-bench build/bench/bundle_bench --out build/bench.json $(BENCH_ARGS)

.PHONY: deps-bench
deps-bench:
	@sh tools/deps.sh bench

# CPU time of signature checks and searches (tests/bench/bundle_bench.c).
build/bench/bundle_bench: tests/bench/bundle_bench.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Wno-missing-prototypes $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) -O2 -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS)
