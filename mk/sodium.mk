# sodium.mk -- test_minisig with src/minisig.c's test hook, to see a libsodium load fail
# SPDX-License-Identifier: MIT
#
# libsodium is loaded at run time by src/minisig.c (not linked: PKG_LIBS leaves
# it out). The unit test links its own copy of minisig.c built with
# -DYIBAO_TEST_HOOKS, which loads the library named by YIBAO_TEST_LIBSODIUM
# instead when that is set. Never installed: the guide and every other binary
# link build/src/minisig.o, which has no such hook.

MINISIG_HOOKS     := build/hooks/src/minisig.o
MINISIG_HOOKS_SAN := build/asan/hooks/src/minisig.o

build/hooks/src/minisig.o: src/minisig.c
	@mkdir -p $(dir $@)
	@echo "  CC $< (test hooks)"
	@$(CC) $(ALL_CFLAGS) -DYIBAO_TEST_HOOKS $(DEPFLAGS) -c -o $@ $<

build/asan/hooks/src/minisig.o: src/minisig.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(SAN_FLAGS) -DYIBAO_TEST_HOOKS $(DEPFLAGS) -c -o $@ $<

build/tests/test_minisig: tests/unit/test_minisig.c tests/unit/testdir.h \
		$(filter-out build/src/minisig.o,$(LIB_OBJ)) $(MINISIG_HOOKS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Wno-missing-prototypes $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(DEPFLAGS) -DYIBAO_TEST_HOOKS -O1 -g -Isrc \
		-o $@ $< $(filter-out build/src/minisig.o,$(LIB_OBJ)) $(MINISIG_HOOKS) $(PKG_LIBS) -lcmocka

build/asan/tests/test_minisig: tests/unit/test_minisig.c tests/unit/testdir.h \
		$(filter-out build/asan/src/minisig.o,$(SAN_LIB_OBJ)) $(MINISIG_HOOKS_SAN)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Wno-missing-prototypes $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -DYIBAO_TEST_HOOKS -Isrc \
		-o $@ $< $(filter-out build/asan/src/minisig.o,$(SAN_LIB_OBJ)) $(MINISIG_HOOKS_SAN) $(PKG_LIBS) -lcmocka
