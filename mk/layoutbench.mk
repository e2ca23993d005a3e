# layoutbench.mk -- parse and layout time of one content file (tests/bench/layout_bench.c)
# SPDX-License-Identifier: MIT
#
#   make build/bench/layout_bench && build/bench/layout_bench FILE.md [WIDTH]
#
# Reports only: nothing is asserted.

build/bench/layout_bench: tests/bench/layout_bench.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) -O2 -g -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS)
