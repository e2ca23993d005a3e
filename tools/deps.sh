#!/bin/sh
# deps.sh -- install the Debian packages yibao needs for one purpose.
#
#   sh tools/deps.sh build    what building and running the guide needs
#   sh tools/deps.sh test     build + what `make test` needs
#   sh tools/deps.sh bench    build + what `make bench` needs
#   sh tools/deps.sh deb      build + what `make deb` needs
#   sh tools/deps.sh --list SET   the packages of SET, one a line; installs nothing
#
# As root: installs whatever of that set is missing (apt-get). Otherwise: names
# what is missing and how to install it, and fails. Nothing outside the set asked
# for is looked at: `make run` never fails for a missing benchmark package.
# SPDX-License-Identifier: MIT
set -eu

list_only=no
if [ "${1:-}" = --list ]; then
	list_only=yes
	shift
fi
want=${1:-build}
case "$want" in
build | test | bench | deb) ;;
*)
	echo "deps: usage: deps.sh [--list] build|test|bench|deb" >&2
	exit 2
	;;
esac

# package:what-needs-it. The build packages are debian/control's Build-Depends
# (tools/builddeps.sh reads them; debhelper is for `make deb` only) and the
# compiler and make that Debian's build-essential brings.
BUILD=$(sh "$(dirname "$0")/builddeps.sh" list | grep -vx debhelper | sed 's/$/:build/')
PKGS="
make:build
gcc:build
$BUILD
libcmocka-dev:test
tmux:test
debhelper:test
lintian:test
mosh:test
systemd:test
dpkg-dev:deb
debhelper:deb
lintian:deb
python3:test
openssl:test
minisign:test
valgrind:test
clang:test
clang-format:test
locales:test
unicode-data:test
espeak-ng:test
openssh-server:test
openssh-client:test
prometheus-node-exporter:test
prometheus:test
reprepro:test
faketime:test
ansible:test
python3-apt:test
python3:bench
tmux:bench
strace:test
dialog:bench
whiptail:bench
python3-pyte:bench
openssh-server:bench
openssh-client:bench
"

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# The packages of one tag that are not installed.
missing_of() {
	for entry in $PKGS; do
		tag=${entry#*:}
		pkg=${entry%%:*}
		[ "$tag" = "$1" ] || continue
		installed "$pkg" || echo "$pkg"
	done
}

# libFuzzer and the sanitizer runtimes come in a package named after the
# installed clang's major version (libclang-rt-14-dev for clang 14).
clang_rt() {
	command -v clang >/dev/null 2>&1 || return 0
	major=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
	[ -n "$major" ] || return 0
	installed "libclang-rt-$major-dev" || echo "libclang-rt-$major-dev"
}

install_pkgs() {
	[ -n "$1" ] || return 0
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		echo "deps: missing Debian packages:$1" >&2
		echo "deps: install them with: sudo apt-get install$1" >&2
		exit 1
	fi
	echo "deps: installing:$1"
	export DEBIAN_FRONTEND=noninteractive
	# Installing must not start daemons (openssh-server): the tests start their own.
	guard=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		guard=/usr/sbin/policy-rc.d
	fi
	apt-get update -qq >/dev/null || apt-get update
	rc=0
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $1 >/dev/null || rc=$?
	[ -n "$guard" ] && rm -f "$guard"
	[ "$rc" -eq 0 ] || exit "$rc"
}

if [ "$list_only" = yes ]; then
	for entry in $PKGS; do
		case ${entry#*:} in build | "$want") echo "${entry%%:*}" ;; esac
	done | sort -u
	exit 0
fi

list=$(missing_of build)
[ "$want" = build ] || list="$list $(missing_of "$want")"
install_pkgs "$(echo $list | sed 's/^/ /;s/^ $//')"
# Only once clang is there can its runtime package be named.
if [ "$want" = test ]; then
	install_pkgs "$(clang_rt | sed 's/^/ /')"
fi
exit 0
