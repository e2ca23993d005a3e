# model.mk -- the model tests (tests/model/) and the fast tier
# SPDX-License-Identifier: MIT
#
#   make test-fast   build, unit tests, the content and house checks, the model
#                    tests: under a minute, no tmux; the same "N passed, N failed"
#
# build/tests/model_run is the engine without a terminal: every module but the
# live lookups' client, whose place tests/model/fake_status.c takes.

MODEL_OBJ := $(filter-out build/src/status.o,$(LIB_OBJ))

build/tests/model_run: tests/model/model_run.c tests/model/fake_status.c $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(DEPFLAGS) -O1 -g -Isrc -o $@ \
		tests/model/model_run.c tests/model/fake_status.c $(MODEL_OBJ) $(PKG_LIBS)

.PHONY: test-fast model
test-fast: deps-test
	@$(MAKE) -j2 --no-print-directory yibao yibao.bundle $(UNIT_BIN)
	@sh tests/run.sh fast

model: build/tests/model_run
	@sh tests/run.sh model
