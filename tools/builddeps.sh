#!/bin/sh
# builddeps.sh -- the build packages, named once: debian/control's Build-Depends.
#
#   sh tools/builddeps.sh list           the Build-Depends packages, one a line (no
#                                        versions; debhelper-compat as debhelper)
#   sh tools/builddeps.sh check MODULE...  for each pkg-config module, the Debian
#                                        package that holds its .pc file is one of
#                                        them: "ok - ..." / "not ok - ..." lines
#
# tools/deps.sh installs this list for `make deps`; tests/suites/deb.sh checks the
# Makefile's modules (make -s print-pkg-modules) against it.
# SPDX-License-Identifier: MIT
set -eu
control="$(dirname "$0")/../debian/control"

# Build-Depends with its continuation lines; alternatives (a | b) give the first.
list() {
	awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, ""); print; next }
	     on && /^[ \t]/ { print; next }
	     { on = 0 }' "$control" |
		tr ',' '\n' |
		sed -e 's/|.*//' -e 's/([^)]*)//g' -e 's/\[[^]]*\]//g' -e 's/<[^>]*>//g' \
			-e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/^debhelper-compat$/debhelper/' |
		grep -v '^$'
}

case "${1:-list}" in
list)
	list
	;;
check)
	shift
	pkgs=$(list)
	for m in "$@"; do
		dir=$(pkg-config --variable=pcfiledir "$m" 2>/dev/null || true)
		if [ -z "$dir" ]; then
			echo "not ok - pkg-config module $m: not found (is its -dev package installed?)"
			continue
		fi
		owner=$(dpkg -S "$dir/$m.pc" 2>/dev/null | sed -n '1s/:.*//p')
		owner=${owner%%,*}
		if [ -z "$owner" ]; then
			echo "not ok - pkg-config module $m: $dir/$m.pc belongs to no Debian package"
		elif echo "$pkgs" | grep -qx "$owner"; then
			echo "ok - pkg-config module $m comes from $owner, in Build-Depends"
		else
			echo "not ok - pkg-config module $m comes from $owner, which debian/control's Build-Depends does not list"
		fi
	done
	;;
*)
	echo "builddeps: usage: builddeps.sh list | check MODULE..." >&2
	exit 2
	;;
esac
