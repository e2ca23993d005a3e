#!/bin/sh
# deps.sh -- install the Debian packages yibao builds and tests with.
# As root: installs whatever is missing (apt-get). Otherwise: names what is
# missing and how to install it, and fails.
# SPDX-License-Identifier: MIT
set -eu

# package:what-needs-it
PKGS="
make:build
gcc:build
pkg-config:build
libncurses-dev:build
libcurl4-openssl-dev:build
libcjson-dev:build
libinih-dev:build
libmd4c-dev:build
libcmocka-dev:test
tmux:test
python3:test
openssl:test
valgrind:test
clang:test
libclang-rt-14-dev:test
locales:test
unicode-data:test
openssh-server:test
openssh-client:test
strace:test
dialog:bench
whiptail:bench
python3-pyte:bench
"

missing=""
for entry in $PKGS; do
	pkg=${entry%%:*}
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $pkg"
	fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	# Installing must not start daemons (openssh-server): the tests start their own.
	guard=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		guard=/usr/sbin/policy-rc.d
	fi
	apt-get update -qq >/dev/null || apt-get update
	# shellcheck disable=SC2086
	rc=0
	apt-get install -y -qq --no-install-recommends $missing >/dev/null || rc=$?
	[ -n "$guard" ] && rm -f "$guard"
	exit $rc
fi

echo "deps: missing Debian packages:$missing" >&2
echo "deps: install them with: sudo apt-get install$missing" >&2
exit 1
