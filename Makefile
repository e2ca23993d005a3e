# yibao -- terminal guide to urban-rural resident medical insurance
# SPDX-License-Identifier: MIT

VERSION    := 0.1.0
# Install paths, the GNU way: prefix (PREFIX is the same), sysconfdir, localstatedir,
# DESTDIR. /etc and /var only when prefix is /usr (make install prefix=~/x writes
# nothing outside ~/x). SYSCONFDIR and STATEDIR are yibao's own directories in them.
PREFIX     ?= /usr/local
prefix     ?= $(PREFIX)
DESTDIR    ?=
exec_prefix ?= $(prefix)
bindir     ?= $(exec_prefix)/bin
datarootdir ?= $(prefix)/share
datadir    ?= $(datarootdir)
mandir     ?= $(datarootdir)/man
ifeq ($(prefix),/usr)
sysconfdir ?= /etc
localstatedir ?= /var
else
sysconfdir ?= $(prefix)/etc
localstatedir ?= $(prefix)/var
endif
SYSCONFDIR ?= $(sysconfdir)/yibao
STATEDIR   ?= $(localstatedir)/lib/yibao
DATADIR     = $(datadir)/yibao

CC       ?= cc
PKGS     := ncursesw inih md4c libcjson libsodium libunibreak
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wcast-qual -Wundef -Werror
HARDEN   := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
LIBVERS  := $(shell for p in md4c inih libcjson libcurl; do printf '%s %s, ' $$p "$$(pkg-config --modversion $$p 2>/dev/null)"; done | sed 's/, $$//')
DEFS     := -DYIBAO_VERSION='"$(VERSION)"' -DYIBAO_DATADIR='"$(DATADIR)"' \
            -DYIBAO_SYSCONFDIR='"$(SYSCONFDIR)"' -DYIBAO_LIBVERSIONS='"$(LIBVERS)"'
# libcurl is loaded at run time (src/status_curl.c): its headers are needed, its
# library is not linked. So is libsodium (src/minisig.c).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) libcurl)
PKG_LIBS   = $(shell pkg-config --libs $(filter-out libsodium,$(PKGS)))
# A missing library is named here, not found later as a puzzling compile error.
# (Targets that install packages first check again when they build.)
ifeq ($(filter deps deps-test deps-bench deps-deb print-pkg-modules deb bench-fleet run test unit e2e suites bench clean format format-check,$(MAKECMDGOALS)),)
PKG_MISSING := $(shell for p in $(PKGS) libcurl; do pkg-config --exists $$p || printf '%s ' $$p; done)
ifneq ($(PKG_MISSING),)
$(error pkg-config does not find: $(PKG_MISSING)-- run `make deps` as root, or see tools/deps.sh for the Debian packages)
endif
endif
CFLAGS   ?= -O2 -g
CPPFLAGS ?=
# Each object's headers, as the compiler saw them, in build/**/NAME.d: a changed
# header rebuilds only what includes it (-MP: a deleted header is no error).
DEPFLAGS := -MMD -MP
ALL_CFLAGS = $(WARN) $(HARDEN) $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LDFLAGS  ?=
ALL_LDFLAGS = -pie -Wl,-z,relro,-z,now $(LDFLAGS)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(wildcard src/*.c) $(wildcard screens/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:%.c=build/%.o)
SAN_OBJ  := $(SRC:%.c=build/asan/%.o)
LIB_OBJ  := $(LIB_SRC:%.c=build/%.o)
SAN_LIB_OBJ := $(LIB_SRC:%.c=build/asan/%.o)

UNIT_SRC := $(wildcard tests/unit/test_*.c)
# (with the model tests' runner, mk/model.mk: whatever builds the unit tests builds it)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%) build/tests/model_run
UNIT_SAN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

.PHONY: all run test deps deps-test unit e2e suites clean install uninstall installed-config check FORCE

all: yibao yibao.bundle

# The content bundle: content/ and config/regions/ checked for every region and
# packed into one file (nothing is written when --pack finds a problem).
BUNDLE_SRC := $(wildcard content/*.md content/bundle.ini config/regions/*.ini)
yibao.bundle: yibao $(BUNDLE_SRC)
	./yibao --pack $@ --content content

# Each target installs only what it needs (as root; otherwise it names the packages).
deps:
	@sh tools/deps.sh build
deps-test:
	@sh tools/deps.sh test

yibao: $(OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJ) $(PKG_LIBS)

# Rebuild what depends on the install paths when they change.
build/defs.stamp: FORCE
	@mkdir -p build
	@echo '$(DEFS)' | cmp -s - $@ || echo '$(DEFS)' > $@
FORCE:
build/src/main.o build/asan/src/main.o: build/defs.stamp

build/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The sanitizer build: same sources, ASan + UBSan.
yibao-asan: $(SAN_OBJ)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJ) $(PKG_LIBS)

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -c -o $@ $<

build/tests/%: tests/unit/%.c tests/unit/testdir.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Wno-missing-prototypes $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(DEPFLAGS) -O1 -g -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c tests/unit/testdir.h $(SAN_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Wno-missing-prototypes $(DEFS) $(PKG_CFLAGS) $(CPPFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -Isrc -o $@ $< $(SAN_LIB_OBJ) $(PKG_LIBS) -lcmocka

run: deps
	@$(MAKE) --no-print-directory yibao yibao.bundle
	./yibao

# Every test: the fast tier first (unit, --check and the house checks, fixtures,
# golden --print, model tests: make test-fast, mk/model.mk), then the sanitized unit
# tests, tmux end-to-end (plain and sanitized) and the suites. Ends with
# "N passed, N failed".
test: deps-test
	@$(MAKE) -j2 --no-print-directory yibao yibao-asan yibao.bundle $(UNIT_BIN) $(UNIT_SAN)
	@sh tests/run.sh

# The parts of `make test`, each on its own (same summary line).
unit: deps-test
	@$(MAKE) --no-print-directory $(UNIT_BIN) $(UNIT_SAN)
	@sh tests/run.sh unit asan
e2e: deps-test
	@$(MAKE) --no-print-directory yibao yibao-asan yibao.bundle
	@sh tests/run.sh check fixtures golden e2e
suites: deps-test
	@$(MAKE) --no-print-directory yibao yibao-asan yibao.bundle
	@sh tests/run.sh suites

check: yibao
	./yibao --check

# The pkg-config modules the build uses (tests/suites/deb.sh checks each comes
# from a package in debian/control's Build-Depends: tools/builddeps.sh).
.PHONY: print-pkg-modules
print-pkg-modules:
	@echo $(PKGS) libcurl

# The C files laid out as .clang-format says (clang-format 14, Debian 12):
# format rewrites them in place, format-check names each that is not (also
# part of `make test`'s check section). tools/format-check.sh lists the files.
.PHONY: format format-check
format:
	@sh tools/format-check.sh --fix
format-check:
	@sh tools/format-check.sh

# The bundle (not the .md files) is what the installed guide reads; the region
# profiles stay installed for authors' --check/--pack against them. An existing
# yibao.ini is never overwritten: the new default goes beside it as
# yibao.ini.default (and is said). Site settings belong in yibao.ini.d/*.ini.
install: yibao yibao.bundle
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(DATADIR)/regions \
		$(DESTDIR)$(SYSCONFDIR)/yibao.ini.d $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(STATEDIR)
	install -m 755 yibao $(DESTDIR)$(bindir)/yibao
	install -m 644 yibao.bundle $(DESTDIR)$(DATADIR)/yibao.bundle
	install -m 644 config/regions/*.ini $(DESTDIR)$(DATADIR)/regions/
	@mkdir -p build && $(MAKE) -s --no-print-directory installed-config > build/yibao.ini.installed
	@conf=$(DESTDIR)$(SYSCONFDIR)/yibao.ini; \
	if [ ! -e "$$conf" ] && [ ! -L "$$conf" ]; then \
		install -m 644 build/yibao.ini.installed "$$conf"; \
		rm -f "$$conf.default"; \
	elif cmp -s build/yibao.ini.installed "$$conf"; then :; \
	else \
		install -m 644 build/yibao.ini.installed "$$conf.default"; \
		echo "install: kept $$conf (changed since install); the new default is $$conf.default"; \
	fi
	if [ -f man/yibao.1 ]; then install -m 644 man/yibao.1 $(DESTDIR)$(mandir)/man1/; fi

# The reverse of install. The config is removed only when it is still as
# installed (an administrator's edits and drop-ins are kept, and said); the state
# directory only when empty (it holds downloaded updates).
uninstall:
	rm -f $(DESTDIR)$(bindir)/yibao $(DESTDIR)$(mandir)/man1/yibao.1
	rm -rf $(DESTDIR)$(DATADIR)
	@conf=$(DESTDIR)$(SYSCONFDIR)/yibao.ini; \
	rm -f "$$conf.default"; \
	if [ -f "$$conf" ]; then \
		if $(MAKE) -s --no-print-directory installed-config | cmp -s - "$$conf"; then \
			rm -f "$$conf"; \
		else \
			echo "uninstall: keeping $$conf (changed since install)"; \
		fi; \
	fi; \
	rmdir "$$conf.d" 2>/dev/null || [ ! -d "$$conf.d" ] || echo "uninstall: keeping $$conf.d (not empty)"; \
	rmdir $(DESTDIR)$(SYSCONFDIR) 2>/dev/null; \
	rmdir $(DESTDIR)$(STATEDIR) 2>/dev/null || [ ! -d $(DESTDIR)$(STATEDIR) ] || \
		echo "uninstall: keeping $(DESTDIR)$(STATEDIR) (holds downloaded updates)"; \
	true

# The system config as installed: the shipped one with the install paths (and
# [update] metrics_file when METRICS_FILE is given, download_dir when
# DOWNLOADDIR is: the Debian package's).
installed-config:
	@sed -e 's|^bundle = .*|bundle = $(DATADIR)/yibao.bundle|' \
	    -e 's|^content_dir = .*|content_dir = $(DATADIR)/content|' \
	    -e 's|^regions_dir = .*|regions_dir = $(DATADIR)/regions|' \
	    -e 's|^state_dir = .*|state_dir = $(STATEDIR)|' \
	    $(if $(METRICS_FILE),-e 's|^;metrics_file =.*|metrics_file = $(METRICS_FILE)|') \
	    $(if $(DOWNLOADDIR),-e 's|^;download_dir =.*|download_dir = $(DOWNLOADDIR)|') \
	    config/yibao.ini

clean:
	rm -rf build yibao yibao-asan yibao.bundle

# Further targets (fuzz, bench, ...) live in mk/NAME.mk, one file per concern.
-include $(wildcard mk/*.mk)

# The header dependencies the compiler wrote (DEPFLAGS), for every build/ object.
-include $(shell find build -name '*.d' 2>/dev/null)
