# install.sh -- make install / make uninstall: the GNU directories (prefix, sysconfdir,
# localstatedir, DESTDIR), an existing configuration never overwritten, the reverse.
# Works on a copy of the tree (the install paths are compiled in: the tree's own
# ./yibao is not rebuilt), installing under a temporary directory only.
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
T=$(mktemp -d "${TMPDIR:-/tmp}/yibao-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $*"; }
nok() { echo "not ok - $*"; }
check() { # WHAT COMMAND...
	w=$1
	shift
	if "$@"; then ok "$w"; else nok "$w"; fi
}

# The copy: the tracked and new files, and build/ with its times (only what
# depends on the paths is compiled again).
mkdir -p "$T/src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null
else
	tar --exclude=./tests/out --exclude=./build -cf - .
fi | tar -xf - -C "$T/src"
[ -d build ] && tar --exclude=./build/deb --exclude=./build/bench --exclude=./build/asan -cf - build yibao yibao.bundle 2>/dev/null | tar -xf - -C "$T/src"
M="make -s --no-print-directory -C $T/src"

# 1. prefix alone: everything under it, nothing in /etc or /var. What it would do
# is looked at first (make -n): a regression must not write into this machine's /etc.
P=$T/p
outside=$($M -n install prefix="$P" 2>&1 | grep -oE "(^|[ =])/(etc|var|usr|opt)/[^ ;]*" | sort -u)
if [ -n "$outside" ]; then
	nok "make install prefix=DIR writes only under DIR (not run: it would write outside)"
	echo "$outside" | sed 's/^/# outside: /'
	exit 0
fi
if $M install prefix="$P" >"$T/out1" 2>&1; then ok "make install prefix=DIR writes only under DIR"; else nok "make install prefix=DIR"; sed 's/^/# /' "$T/out1"; fi
check "prefix=DIR: binary in DIR/bin" test -x "$P/bin/yibao"
check "prefix=DIR: config in DIR/etc/yibao (sysconfdir = prefix/etc)" test -f "$P/etc/yibao/yibao.ini"
check "prefix=DIR: drop-in directory DIR/etc/yibao/yibao.ini.d" test -d "$P/etc/yibao/yibao.ini.d"
check "prefix=DIR: state in DIR/var/lib/yibao (localstatedir = prefix/var)" test -d "$P/var/lib/yibao"
check "prefix=DIR: bundle and man page under DIR/share" test -f "$P/share/yibao/yibao.bundle" -a -f "$P/share/man/man1/yibao.1"
check "prefix=DIR: the installed config names DIR's paths" grep -qx "state_dir = $P/var/lib/yibao" "$P/etc/yibao/yibao.ini"
check "prefix=DIR: the installed guide looks for DIR/etc/yibao/yibao.ini" grep -q "$P/etc/yibao" "$P/bin/yibao"
check "prefix=DIR: the installed guide validates its installed config and bundle" \
	sh -c "'$P/bin/yibao' --version | grep -q 'content: version'"

# 2. Installing again over an edited config keeps it; the new default goes beside.
printf '\n[guide]\nkiosk = true\n' >>"$P/etc/yibao/yibao.ini"
cp "$P/etc/yibao/yibao.ini" "$T/edited"
$M install prefix="$P" >"$T/out2" 2>&1
check "reinstall: the edited yibao.ini is kept byte for byte" cmp -s "$T/edited" "$P/etc/yibao/yibao.ini"
check "reinstall: the new default is written beside it as yibao.ini.default" test -f "$P/etc/yibao/yibao.ini.default"
check "reinstall: and says so" grep -q "kept $P/etc/yibao/yibao.ini" "$T/out2"
# An unchanged config is left alone silently (and no .default appears).
P2=$T/p2
$M install prefix="$P2" >/dev/null 2>&1
$M install prefix="$P2" >"$T/out3" 2>&1
check "reinstall over an unchanged config: no .default, nothing said" \
	sh -c "[ ! -e '$P2/etc/yibao/yibao.ini.default' ] && ! grep -q kept '$T/out3'"

# 3. uninstall: the reverse; the edited config and a site drop-in kept, and said.
echo '[guide]' >"$P/etc/yibao/yibao.ini.d/50-site.ini"
$M uninstall prefix="$P" >"$T/out4" 2>&1
check "uninstall: binary, bundle, man page and .default gone" \
	sh -c "[ ! -e '$P/bin/yibao' ] && [ ! -e '$P/share/yibao' ] && [ ! -e '$P/share/man/man1/yibao.1' ] && [ ! -e '$P/etc/yibao/yibao.ini.default' ]"
check "uninstall: the edited config and the site drop-in kept, and said" \
	sh -c "cmp -s '$T/edited' '$P/etc/yibao/yibao.ini' && [ -f '$P/etc/yibao/yibao.ini.d/50-site.ini' ] && grep -q 'keeping $P/etc/yibao/yibao.ini' '$T/out4'"
$M uninstall prefix="$P2" >/dev/null 2>&1
left=$(find "$P2" -mindepth 1 ! -type d | head -5)
check "uninstall of an unchanged install leaves no file" [ -z "$left" ]
[ -n "$left" ] && echo "$left" | sed 's/^/# left: /'

# 4. prefix=/usr with DESTDIR: /etc and /var/lib, under DESTDIR only.
D=$T/destdir
$M install prefix=/usr DESTDIR="$D" >"$T/out5" 2>&1
check "prefix=/usr DESTDIR=D: D/usr/bin/yibao, D/etc/yibao/yibao.ini, D/var/lib/yibao" \
	test -x "$D/usr/bin/yibao" -a -f "$D/etc/yibao/yibao.ini" -a -d "$D/var/lib/yibao"
check "prefix=/usr: the config names /usr/share and /var/lib (not D)" \
	sh -c "grep -qx 'state_dir = /var/lib/yibao' '$D/etc/yibao/yibao.ini' && grep -qx 'bundle = /usr/share/yibao/yibao.bundle' '$D/etc/yibao/yibao.ini'"
# sysconfdir / localstatedir given: they win.
E=$T/e
$M install prefix="$E/usr" sysconfdir="$E/cfg" localstatedir="$E/state" >/dev/null 2>&1
check "sysconfdir= and localstatedir= given: used" test -f "$E/cfg/yibao/yibao.ini" -a -d "$E/state/lib/yibao"
$M uninstall prefix=/usr DESTDIR="$D" >/dev/null 2>&1
left=$(find "$D" -mindepth 1 ! -type d | head -5)
check "uninstall prefix=/usr DESTDIR=D leaves no file under D" [ -z "$left" ]
cd "$ROOT" || exit 1
