# builddeps.sh -- one list of build packages: every pkg-config module the Makefile uses
# comes from a package in debian/control's Build-Depends, and tools/deps.sh installs
# exactly that list (so the two cannot drift). tests/suites/deb.sh runs the first check too.
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
if ! command -v dpkg >/dev/null || ! command -v pkg-config >/dev/null; then
	echo "ok - skipped: builddeps (needs dpkg and pkg-config)"
	exit 0
fi
# shellcheck disable=SC2046
sh tools/builddeps.sh check $(make -s --no-print-directory print-pkg-modules)
want=$( (sh tools/builddeps.sh list | grep -vx debhelper; echo make; echo gcc) | sort -u)
got=$(sh tools/deps.sh --list build)
if [ "$want" = "$got" ]; then
	echo "ok - tools/deps.sh build installs Build-Depends (less debhelper) plus make and gcc"
else
	echo "not ok - tools/deps.sh build installs Build-Depends (less debhelper) plus make and gcc"
	printf '%s\n' "$want" >/tmp/builddeps.want.$$
	printf '%s\n' "$got" | diff /tmp/builddeps.want.$$ - | sed 's/^/# /'
	rm -f /tmp/builddeps.want.$$
fi
