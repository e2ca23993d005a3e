# deb.mk -- the Debian package (debian/): built from a clean copy of the tree, then lintian
# SPDX-License-Identifier: MIT
#
#   make deb    yibao_VERSION_ARCH.deb and yibao-dbgsym_VERSION_ARCH.deb in this
#               directory (install with: apt install ./yibao_*.deb); the build log and
#               lintian's report in build/deb/. Fails on any lintian error or warning.
#
# dpkg-buildpackage cleans the tree it builds in (make clean) and writes into its
# parent directory, so it runs on a copy under build/deb/: the tracked and new files
# of this tree (or, outside git, all but build/ and the binaries), never ./yibao.

DEB_DIR  := build/deb
DEB_JOBS ?= 2

.PHONY: deb deb-clean deps-deb

deps-deb:
	@sh tools/deps.sh deb

deb: deps-deb
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/yibao-$(VERSION)
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - ; \
	else \
		tar --exclude=./build --exclude=./tests/out --exclude=./yibao --exclude=./yibao-asan \
			--exclude='./yibao*.deb' -cf - . ; \
	fi | tar -xf - -C $(DEB_DIR)/yibao-$(VERSION)
	cd $(DEB_DIR)/yibao-$(VERSION) && \
		dpkg-buildpackage -b -us -uc -j$(DEB_JOBS) >../build.log 2>&1 || \
		{ tail -30 ../build.log; echo "deb: dpkg-buildpackage failed, see $(DEB_DIR)/build.log"; exit 1; }
	lintian -I --fail-on error,warning $(DEB_DIR)/yibao_*.changes >$(DEB_DIR)/lintian.txt 2>&1; \
		rc=$$?; grep -v '^running with root' $(DEB_DIR)/lintian.txt; exit $$rc
	cp $(DEB_DIR)/yibao_*.deb $(DEB_DIR)/yibao-dbgsym_*.deb .
	@ls -l yibao_*.deb yibao-dbgsym_*.deb

deb-clean:
	rm -f yibao_*.deb yibao-dbgsym_*.deb

clean: deb-clean
