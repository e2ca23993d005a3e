# bench.mk -- what yibao costs per keystroke, next to whiptail and dialog; scale and load
# SPDX-License-Identifier: MIT
#
#   make bench                 the whole run (a few minutes): table on stdout,
#                              every figure in build/bench.json
#   make bench BENCH_ARGS=--quick   fewer runs, 200 screens, 10 sessions
#   make bench-fleet           residents per host alone: 200 ssh sessions at once
#                              through a real sshd on 127.0.0.1, the guide as
#                              ForceCommand (tests/bench/fleet.py; FLEET_ARGS,
#                              e.g. --sessions 50); build/bench-fleet.json
#
# `make bench` runs both (the fleet run after the rest: it loads the machine).
# Reports only: no timing is asserted. See tests/bench/bench.py for what each
# figure means.

BENCH_PYTHON ?= /usr/bin/python3
BENCH_PTYRUN ?= $(CURDIR)/tests/bench/ptyrun.py
BENCH_ARGS   ?=

FLEET_ARGS   ?=

.PHONY: bench bench-fleet

bench: deps-bench
	@$(MAKE) --no-print-directory yibao yibao.bundle build/bench/bundle_bench
	@mkdir -p build
	@$(BENCH_PYTHON) tests/bench/bench.py --ptyrun $(BENCH_PTYRUN) --yibao ./yibao \
		--bundle-bench build/bench/bundle_bench --out build/bench.json $(BENCH_ARGS)
	@$(MAKE) --no-print-directory bench-fleet

bench-fleet: deps-bench
	@$(MAKE) --no-print-directory yibao yibao.bundle
	@mkdir -p build
	@$(BENCH_PYTHON) tests/bench/fleet.py --ptyrun $(BENCH_PTYRUN) --yibao ./yibao \
		--out build/bench-fleet.json $(FLEET_ARGS)

.PHONY: deps-bench
deps-bench:
	@sh tools/deps.sh bench

# CPU time of signature checks and searches (tests/bench/bundle_bench.c).
build/bench/bundle_bench: tests/bench/bundle_bench.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Wno-missing-prototypes $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) -O2 -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS)
