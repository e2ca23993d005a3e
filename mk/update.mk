# update.mk -- build/yibao-testhooks: yibao with yibao --update's pause points, for tests
# SPDX-License-Identifier: MIT
#
# The same program but for src/update.c built with -DYIBAO_TEST_HOOKS: with
# YIBAO_TEST_UPDATE_STOP=STAGE in its environment, --update stops itself
# (SIGSTOP) at that stage, so tests/suites/update.sh can kill -9 it exactly
# there. Never installed: the shipped binary has no such hook.

HOOKS_OBJ := $(filter-out build/src/update.o,$(OBJ)) build/hooks/src/update.o

build/hooks/src/update.o: src/update.c
	@mkdir -p $(dir $@)
	@echo "  CC $< (test hooks)"
	@$(CC) $(ALL_CFLAGS) -DYIBAO_TEST_HOOKS $(DEPFLAGS) -c -o $@ $<

build/yibao-testhooks: $(HOOKS_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(HOOKS_OBJ) $(PKG_LIBS)

test: build/yibao-testhooks
