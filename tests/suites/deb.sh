# deb.sh -- the Debian package end to end: dpkg-buildpackage from a clean copy, lintian,
# dpkg -i, the installed guide (--check, --print, tmux, without libcurl), ssh and mosh
# through the shipped sshd drop-in and entry script, the units (systemd-analyze), an
# upgrade that keeps an updated bundle and an edited conffile, dpkg -r, dpkg -P.
# Installs the package system-wide while it runs; the EXIT trap purges it again.
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
if [ "$(id -u)" -ne 0 ]; then
	echo "ok - skipped: deb (needs root)"
	exit 0
fi
for tool in dpkg-buildpackage dh lintian tmux ssh mosh mosh-server systemd-analyze unshare; do
	if ! command -v "$tool" >/dev/null; then
		echo "not ok - deb: $tool is needed (tools/deps.sh installs it)"
		exit 0
	fi
done
# Never touch a yibao that is not ours.
if dpkg-query -W -f='${Status}' yibao 2>/dev/null | grep -q 'installed\|config-files' ||
	[ -e /usr/bin/yibao ] || [ -e /etc/yibao ] || [ -e /var/lib/yibao ] || getent passwd yibao >/dev/null; then
	echo "ok - skipped: deb (a yibao is already installed on this machine; the suite would replace it)"
	exit 0
fi

export LANG=C.UTF-8
unset LC_ALL
YIBAO=/usr/bin/yibao
. tests/e2e/lib.sh
chmod 755 "$E2E_TMP" # the test account reads its authorized_keys under it
D=$E2E_TMP
VERSION=$(sed -n 's/^yibao (\([^)]*\)).*/\1/p;q' debian/changelog)
ARCH=$(dpkg --print-architecture)
TUSER="ybt$$"
SSHD=
installed=no

# dpkg, waiting (up to 2 minutes) while another dpkg or apt holds the lock: other
# work on the machine may be installing packages at the same time.
dpkg_() {
	tries=120
	while :; do
		dpkg "$@" 2>"$D/dpkg.err" && return 0
		grep -q 'lock' "$D/dpkg.err" && [ "$tries" -gt 0 ] || { cat "$D/dpkg.err" >&2; return 1; }
		tries=$((tries - 1))
		sleep 1
	done
}
# Purge the package, the test account and its processes, even on failure.
teardown() {
	[ -n "$SSHD" ] && kill "$SSHD" 2>/dev/null && wait "$SSHD" 2>/dev/null
	[ -n "$SRV" ] && kill "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null
	if getent passwd "$TUSER" >/dev/null; then
		for pid in $(pgrep -u "$TUSER"); do kill -KILL "$pid" 2>/dev/null; done
		userdel "$TUSER" 2>/dev/null
	fi
	[ "$installed" = yes ] && dpkg_ -P yibao >/dev/null 2>&1
	cleanup
}
trap teardown EXIT
trap 'exit 1' INT TERM HUP # so that a timeout still purges
check() { # DESCRIPTION COMMAND...: ok when the command succeeds
	desc=$1
	shift
	if "$@" >"$D/check.out" 2>&1; then ok "$desc"; else
		n_bad=$((n_bad + 1))
		echo "not ok - $desc"
		sed 's/^/#   /' "$D/check.out" | tail -20
	fi
}
free_port() { # tcp|udp
	python3 -c "import socket,sys; s=socket.socket(type=socket.SOCK_DGRAM if sys.argv[1]=='udp' else socket.SOCK_STREAM); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])" "$1"
}

# --- build from a clean copy (dpkg-buildpackage cleans its tree and writes to ..)
SRC="$D/build/yibao-$VERSION"
mkdir -p "$SRC"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$SRC"
else # an unpacked tarball: everything but what builds and tests leave
	tar --exclude=./build --exclude=./tests/out --exclude=./yibao --exclude=./yibao-asan -cf - . | tar -xf - -C "$SRC"
fi
DEB="$D/build/yibao_${VERSION}_$ARCH.deb"
if (cd "$SRC" && dpkg-buildpackage -b -us -uc -j2) >"$D/build.log" 2>&1 && [ -f "$DEB" ] &&
	[ -f "$D/build/yibao-dbgsym_${VERSION}_$ARCH.deb" ]; then
	ok "dpkg-buildpackage -b builds yibao_${VERSION}_$ARCH.deb and the dbgsym package"
else
	echo "not ok - dpkg-buildpackage -b builds the package"
	tail -30 "$D/build.log" | sed 's/^/#   /'
	exit 1
fi
echo "# package size: $(stat -c %s "$DEB") bytes, installed $(dpkg-deb -f "$DEB" Installed-Size) KiB"
check "lintian: no error, no warning" lintian --fail-on error,warning "$D/build/yibao_${VERSION}_$ARCH.changes"
sed 's/^/# lintian: /' "$D/check.out"

# --- what the package declares
# One list of build packages: each pkg-config module the Makefile uses comes from
# a package of Build-Depends (tools/builddeps.sh; tools/deps.sh installs that list).
# shellcheck disable=SC2046
sh tools/builddeps.sh check $(make -s --no-print-directory print-pkg-modules) >"$D/builddeps.out" 2>&1
cat "$D/builddeps.out"
n_ok=$((n_ok + $(grep -c '^ok ' "$D/builddeps.out")))
n_bad=$((n_bad + $(grep -c '^not ok ' "$D/builddeps.out")))
depends=$(dpkg-deb -f "$DEB" Depends)
check "Depends come from the shared libraries and name no libcurl (it is dlopen'ed)" \
	sh -c 'echo "$1" | grep -q libncursesw && ! echo "$1" | grep -q curl' sh "$depends"
check "libcurl is a Recommends, minisign a Suggests" \
	sh -c '[ "$(dpkg-deb -f "$1" Recommends)" = libcurl4 ] && dpkg-deb -f "$1" Suggests | grep -qw minisign' sh "$DEB"
dpkg-deb --fsys-tarfile "$DEB" | tar -xOf - ./usr/bin/yibao >"$D/bin"
check "the binary is not linked with libcurl" sh -c 'readelf -d "$1" | grep -q NEEDED && ! readelf -d "$1" | grep "NEEDED.*curl"' sh "$D/bin"
check "nor with libsodium or SQLite (loaded for a signature check; not used)" \
	sh -c '! readelf -d "$1" | grep -E "NEEDED.*(sodium|sqlite)"' sh "$D/bin"
check "libsodium23 is a Depends all the same (dlopen'ed for every signed update)" \
	sh -c 'echo "$1" | grep -qw libsodium23' sh "$depends"
check "/etc/yibao/yibao.ini is a conffile" sh -c 'dpkg-deb --ctrl-tarfile "$1" | tar -xOf - ./conffiles | grep -qx /etc/yibao/yibao.ini' sh "$DEB"

# --- install
installed=yes
if ! dpkg_ -i "$DEB" >"$D/install.log" 2>&1; then
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -f -y --no-install-recommends >>"$D/install.log" 2>&1
fi
if dpkg-query -W -f='${Status}' yibao 2>/dev/null | grep -q 'install ok installed'; then ok "dpkg -i installs it"; else
	echo "not ok - dpkg -i installs it"
	sed 's/^/#   /' "$D/install.log" | tail -20
	exit 1
fi
dpkg -L yibao >"$D/files.list"
check "installed /usr/bin/yibao --check passes on the installed content" /usr/bin/yibao --check
check "installed /usr/bin/yibao --print 0 prints the home screen" sh -c '/usr/bin/yibao --print 0 | grep -q 城乡居民医保办事指南'
check "the man page is installed" test -f /usr/share/man/man1/yibao.1.gz
if command -v man >/dev/null; then
	check "man yibao shows it" sh -c 'MANWIDTH=80 man yibao 2>&1 | grep -q "yibao - terminal guide"'
fi
check "region profiles are under /usr/share/yibao" test -f /usr/share/yibao/regions/national.ini
check "the sshd drop-in is in the examples" test -f /usr/share/doc/yibao/examples/sshd_config.d/yibao.conf
check "system user yibao: no login, no home, owns /var/lib/yibao (0755)" sh -c '
	[ "$(getent passwd yibao | cut -d: -f6,7)" = /nonexistent:/usr/sbin/nologin ] &&
	[ "$(stat -c %U:%G:%a /var/lib/yibao)" = root:root:755 ] &&
	[ "$(stat -c %U:%G:%a /var/lib/yibao/download)" = yibao:yibao:755 ]'
check "the update timer is not enabled by default" sh -c '! ls /etc/systemd/system/*.wants/yibao-update.* 2>/dev/null | grep -q .'
UNITS="/lib/systemd/system/yibao-update.service /lib/systemd/system/yibao-update.timer"
MAN=yes # verify opens the Documentation= man page when man is there
command -v man >/dev/null || MAN=no
# shellcheck disable=SC2086
check "systemd-analyze verify: the service and the timer" sh -c 'out=$(systemd-analyze verify --man=$0 "$@" 2>&1); echo "$out"; [ -z "$out" ]' $MAN $UNITS
score=$(systemd-analyze security --offline=true /lib/systemd/system/yibao-update.service 2>&1 |
	sed -n 's/.*Overall exposure level for yibao-update.service: \([0-9.]*\).*/\1/p')
echo "# systemd-analyze security yibao-update.service: ${score:-?}"
check "systemd-analyze security: exposure 1.5 or better (${score:-?})" \
	python3 -c 'import sys; sys.exit(not (sys.argv[1] and float(sys.argv[1]) <= 1.5))' "$score"
check "the service runs yibao --update as yibao, sandboxed, then --install-update as root" sh -c 'u=/lib/systemd/system/yibao-update.service;
	for l in User=yibao "ExecStart=/usr/bin/yibao --update" "ExecStartPost=+/usr/bin/yibao --install-update" \
		ProtectSystem=strict "ReadWritePaths=/var/lib/yibao/download /var/lib/yibao/metrics" \
		NoNewPrivileges=yes PrivateTmp=yes ProtectHome=yes CapabilityBoundingSet= ; do grep -qx "$l" $u || { echo "no $l"; exit 1; }; done
	grep -q "^RandomizedDelaySec=" /lib/systemd/system/yibao-update.timer && grep -qx OnCalendar=daily /lib/systemd/system/yibao-update.timer'

# --- the installed guide in a terminal
start 80x24
expect "城乡居民医保办事指南" "tmux: the installed guide shows the home screen"
keys g
type_text 3.4
keys Enter
expect "支付宝" "tmux: g 3.4 opens the Alipay page"
quit_ok

# --- the update service's command as the service runs it (user yibao, no privileges,
# a clean environment) against a real HTTPS server (tests/update_server.py), with a
# bundle signed by the real minisign; the guide then shows the update.
SRV=
MARK=
if /usr/bin/yibao --help 2>&1 | grep -q -- '--update' && [ -f tests/update_server.py ] && command -v minisign >/dev/null; then
	mkdir -p "$D/srv"
	python3 tests/update_server.py --dir "$D/srv" >"$D/srv.out" 2>&1 &
	SRV=$!
	for _ in $(seq 100); do [ -f "$D/srv/ports" ] && break; sleep 0.1; done
	. "$D/srv/ports"
	chmod 755 "$D/srv"
	chmod 644 "$D/srv/ca.pem"
	minisign -G -W -p "$D/k.pub" -s "$D/k.key" >/dev/null
	cp -r content "$D/content-new"
	MARK="更新标记$$"
	sed -i 's/^version = .*/version = 99/' "$D/content-new/bundle.ini"
	# The mark on the home screen and on 3.4 (opened later by a running session).
	for page in 00-home.md 03.4-pay-alipay.md; do
		python3 - "$D/content-new/$page" "$MARK" <<'PY'
import sys
p, mark = sys.argv[1], sys.argv[2]
head, sep, body = open(p, encoding="utf-8").read().partition("\n---\n")
open(p, "w", encoding="utf-8").write(head + sep + mark + "\n\n" + body)
PY
	done
	/usr/bin/yibao --content "$D/content-new" --pack "$D/srv/www/yibao.bundle" >"$D/pack.out" 2>&1
	minisign -S -m "$D/srv/www/yibao.bundle" -s "$D/k.key" -t yibao.bundle >/dev/null 2>&1 </dev/null
	printf '\n; added by the admin\n[update]\nurl = https://127.0.0.1:%s/yibao.bundle\npublic_key = %s\nca_file = %s\n' \
		"$MAIN_PORT" "$(sed -n 2p "$D/k.pub")" "$D/srv/ca.pem" >>/etc/yibao/yibao.ini
	as_service() { # OUT: run what ExecStart= runs, as User=yibao, from /
		(cd / && setpriv --reuid=yibao --regid=yibao --init-groups --no-new-privs --bounding-set=-all \
			--inh-caps=-all env -i PATH=/usr/bin:/bin LANG=C.UTF-8 /usr/bin/yibao --update) >"$1" 2>&1
	}
	as_root_step() { # OUT: what ExecStartPost=+ runs: as root, unsandboxed, a clean environment
		(cd / && env -i PATH=/usr/bin:/bin LANG=C.UTF-8 /usr/bin/yibao --install-update) >"$1" 2>&1
	}
	exit_is() { # WANT OUT DESCRIPTION (the exit status in $rc)
		if [ "$rc" -eq "$1" ]; then ok "$3"; else
			echo "not ok - $3 (exit $rc, not $1)"
			n_bad=$((n_bad + 1))
			sed 's/^/#   /' "$2"
		fi
	}
	as_service "$D/update1.out"
	rc=$?
	exit_is 0 "$D/update1.out" "yibao --update as the service runs it: fetches and verifies the signed bundle (exit 0)"
	check "before the root step the guides still show the shipped content" sh -c '! /usr/bin/yibao --print 0 | grep -q "$1"' sh "$MARK"
	as_root_step "$D/install1.out"
	rc=$?
	exit_is 0 "$D/install1.out" "yibao --install-update as ExecStartPost=+ runs it: installs root's verified copy (exit 0)"
	check "the download is the yibao user's; what the guides read only root may write" sh -c '
		a=$(find /var/lib/yibao/download ! -user yibao)
		b=$(find /var/lib/yibao \( -path /var/lib/yibao/download -o -path /var/lib/yibao/metrics \) -prune -o ! -user root -print)
		c=$(find /var/lib/yibao \( -path /var/lib/yibao/download -o -path /var/lib/yibao/metrics \) -prune -o ! -type l -perm /022 -print)
		echo "not the user'\''s: $a; not root'\''s: $b; writable by others: $c"
		[ -z "$a$b$c" ] && [ -r /var/lib/yibao/yibao.bundle ] &&
		[ "$(stat -L -c %U:%a /var/lib/yibao/yibao.bundle)" = root:644 ]'
	check "the installed guide shows the updated content" sh -c '/usr/bin/yibao --print 0 | grep -q "$1"' sh "$MARK"
	check "root's step stamped what it verified (/var/lib/yibao/verified, root's, 644), so sessions need not hash it again" \
		sh -c '[ "$(stat -c %U:%a /var/lib/yibao/verified)" = root:644 ] && grep -q "^yibao-verified " /var/lib/yibao/verified'
	as_service "$D/update2.out"
	rc=$?
	exit_is 3 "$D/update2.out" "a second run finds nothing newer (exit 3, the unit's SuccessExitStatus)"
	as_root_step "$D/install2.out"
	rc=$?
	exit_is 3 "$D/install2.out" "and its root step installs nothing (exit 3)"
	# The metrics: node_exporter's textfile directory links to the file the service wrote.
	PROM=/var/lib/prometheus/node-exporter/yibao.prom
	check "the package points [update] metrics_file at node_exporter's textfile directory" \
		grep -qx "metrics_file = $PROM" /etc/yibao/yibao.ini
	check "the service wrote the metrics through the package's link (owned by yibao)" sh -c '
		[ -L "$1" ] && [ "$(stat -L -c %U "$1")" = yibao ] &&
		grep -qx "yibao_update_last_exit_code 3" "$1" && grep -qx "yibao_bundle_version 99" "$1"' sh "$PROM"
	if command -v promtool >/dev/null; then
		check "promtool check metrics: the package's metrics file" sh -c 'promtool check metrics <"$1" 2>&1; [ -z "$(promtool check metrics <"$1" 2>&1)" ]' sh "$PROM"
	fi
	kill "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null
	SRV=
else
	echo "ok - skipped: yibao --update with the package (this build has no --update yet)"
fi

# --- without libcurl: hidden in a private mount namespace, the guide runs and says so
LIBCURL=$(readlink -f "$(ldconfig -p | awk '/libcurl\.so\.4 /{print $NF; exit}')")
printf '[status]\nurl = https://127.0.0.1:9\n' >"$D/status.ini"
if [ -n "$LIBCURL" ] && unshare -m sh -c 'mount --bind /dev/null "$1"' sh "$LIBCURL" 2>/dev/null; then
	check "inside the namespace libcurl.so.4 cannot be loaded (the oracle works)" unshare -m sh -c \
		'mount --bind /dev/null "$1" && ! python3 -c "import ctypes; ctypes.CDLL(\"libcurl.so.4\")"' sh "$LIBCURL"
	restart_server
	unshare -m sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' sh "$LIBCURL" \
		$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
		"env HOME=$D TERM=xterm-256color ESCDELAY=25 /usr/bin/yibao --config $D/status.ini; echo EXITED \$?; sleep 30"
	expect "城乡居民医保办事指南" "without libcurl: the guide starts"
	keys g
	type_text 7
	keys Enter
	wait_for "7  查询办理进度" 3 >/dev/null
	keys 1
	type_text 11010519491231002X
	keys Enter
	expect "缺少联网查询用的程序库" "without libcurl: a lookup says lookups are unavailable"
	quit_ok
else
	echo "ok - skipped: without libcurl (no private mount namespace here)"
fi

# --- ssh through the shipped drop-in, the account's shell the entry script
ENTRY=/usr/libexec/yibao/yibao-entry
useradd -M -d "$D/home" -s "$ENTRY" -p '*' "$TUSER"
mkdir -p /run/sshd "$D/ssh"
chmod 755 "$D/ssh"
ssh-keygen -q -t ed25519 -N '' -f "$D/ssh/host" </dev/null
ssh-keygen -q -t ed25519 -N '' -f "$D/ssh/user" </dev/null
cp "$D/ssh/user.pub" "$D/ssh/authorized_keys"
chmod 644 "$D/ssh/authorized_keys"
# The shipped drop-in with its account renamed; nothing else changed.
sed "s/^Match User guide\$/Match User $TUSER/" /usr/share/doc/yibao/examples/sshd_config.d/yibao.conf >"$D/ssh/yibao.conf"
check "the drop-in differs from the shipped one only in the account name" sh -c \
	'[ "$(diff "$1" "$2" | grep -c "^[<>]")" = 2 ]' sh /usr/share/doc/yibao/examples/sshd_config.d/yibao.conf "$D/ssh/yibao.conf"
PORT=$(free_port tcp)
cat >"$D/ssh/sshd_config" <<CFG
ListenAddress 127.0.0.1:$PORT
HostKey $D/ssh/host
PidFile $D/ssh/sshd.pid
AuthorizedKeysFile $D/ssh/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AcceptEnv LANG LC_*
Include $D/ssh/yibao.conf
CFG
check "sshd accepts the drop-in" /usr/sbin/sshd -t -f "$D/ssh/sshd_config"
check "for the account: ForceCommand entry script, no forwarding, a tty, no user rc" sh -c '
	/usr/sbin/sshd -T -f "$1" -C "user=$2,host=localhost,addr=127.0.0.1" >"$3/effective" &&
	grep -qx "forcecommand /usr/libexec/yibao/yibao-entry" "$3/effective" &&
	grep -qx "disableforwarding yes" "$3/effective" && grep -qx "permittty yes" "$3/effective" &&
	grep -qx "permituserrc no" "$3/effective"' sh "$D/ssh/sshd_config" "$TUSER" "$D"
/usr/sbin/sshd -D -e -f "$D/ssh/sshd_config" 2>"$D/ssh/sshd.log" &
SSHD=$!
poll 10 test -s "$D/ssh/sshd.pid" || echo "# sshd wrote no pid file in 10 s"
SSHOPTS="-F /dev/null -p $PORT -i $D/ssh/user -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"

restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 "env -u LANG TERM=xterm-256color ssh -tt $SSHOPTS $TUSER@127.0.0.1; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "ssh: the account gets the guide (no LANG sent)"
[ -n "$MARK" ] && expect "$MARK" "ssh: the account's guide reads the updated bundle"
check "ssh: the guide runs in kiosk mode as the account" sh -c 'pgrep -u "$1" -f "^/usr/bin/yibao --kiosk\$"' sh "$TUSER"
if [ -n "$MARK" ]; then
	# The updater's account turned attacker (issue 19): it rewrites, in place (the same
	# inode), every file it can write, putting its own text where the mark was; then it
	# truncates them all. The running session (opening 3.4, 3.5 only now), new sessions
	# and root's install step must show nothing of it, and nothing dies of SIGBUS.
	ATTACK=$(echo "$MARK" | sed 's/更新标记/请转账到/')
	as_yibao() { setpriv --reuid=yibao --regid=yibao --init-groups --no-new-privs env -i PATH=/usr/bin:/bin "$@"; }
	as_yibao python3 - "$MARK" "$ATTACK" >"$D/attack.out" 2>&1 <<'PY'
import os, sys
mark, attack = sys.argv[1].encode(), sys.argv[2].encode()
assert len(mark) == len(attack)
n = 0
for root, dirs, files in os.walk("/var/lib/yibao"):
    for f in files:
        p = os.path.join(root, f)
        try:
            with open(p, "r+b") as fh:
                data = fh.read()
                if mark in data:
                    fh.seek(0)
                    fh.write(data.replace(mark, attack))
                    n += 1
        except OSError:
            pass
print("rewrote", n)
PY
	echo "# attack: $(cat "$D/attack.out")"
	check "the attacker could rewrite its download (the attack is real)" grep -q "rewrote [1-9]" "$D/attack.out"
	keys g
	type_text 3.4
	keys Enter
	expect "支付宝" "ssh: after the rewrite, the running session opens 3.4"
	expect_not "请转账到" "ssh: and shows nothing the attacker wrote"
	check "a new session shows the update, nothing the attacker wrote" sh -c '
		setpriv --reuid="$1" --regid="$1" --init-groups env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
			/usr/bin/yibao --print 3.4 >"$2/new.out" 2>&1 && grep -q "$3" "$2/new.out" && ! grep -q "请转账到" "$2/new.out"' \
		sh "$TUSER" "$D" "$MARK"
	as_root_step "$D/install3.out"
	rc=$?
	exit_is 5 "$D/install3.out" "the root step refuses the rewritten download (exit 5, bad signature)"
	as_yibao sh -c 'find /var/lib/yibao -type f -writable -exec truncate -s 0 {} +' >"$D/attack2.out" 2>&1
	check "the attacker could truncate its download" sh -c '[ -n "$(find /var/lib/yibao/download -type f -size 0)" ]'
	keys g
	type_text 3.5
	keys Enter
	expect "微信" "ssh: after the truncation, the running session opens 3.5 (no SIGBUS)"
	check "ssh: the session is still running" sh -c 'pgrep -u "$1" -f "^/usr/bin/yibao --kiosk\$"' sh "$TUSER"
	check "a new session after the truncation shows the update" sh -c '
		setpriv --reuid="$1" --regid="$1" --init-groups env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
			/usr/bin/yibao --print 0 2>&1 | grep -q "$2"' sh "$TUSER" "$MARK"
	as_root_step "$D/install4.out"
	rc=$?
	[ "$rc" -ne 0 ] && ok "the root step installs nothing from the truncated download (exit $rc)" ||
		{ echo "not ok - the root step installed the truncated download"; n_bad=$((n_bad + 1)); }
fi
keys q
expect "EXITED 0" "ssh: q ends the session"

# shellcheck disable=SC2086
check "ssh with a command: refused, not run" sh -c '! ssh -T $1 "$2@127.0.0.1" id >"$3/out" 2>&1 &&
	grep -q "runs only the guide" "$3/out" && ! grep -q "uid=" "$3/out"' sh "$SSHOPTS" "$TUSER" "$D"
# shellcheck disable=SC2086
check "ssh asking mosh-server for another program: refused" sh -c '! ssh -T $1 "$2@127.0.0.1" \
	"mosh-server '\''new'\'' '\''-s'\'' '\''--'\'' '\''/bin/sh'\''" >"$3/out" 2>&1 &&
	grep -q "runs only the guide" "$3/out" && ! grep -q "MOSH CONNECT" "$3/out"' sh "$SSHOPTS" "$TUSER" "$D"

# The entry script as the account's login shell: a console login gets the guide,
# "SHELL -c COMMAND" (what sshd runs without the drop-in) is refused.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 "env TERM=xterm-256color su - $TUSER; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "login shell: su - ACCOUNT gets the guide"
keys q
expect "EXITED 0" "login shell: q logs out"
check "login shell: su ACCOUNT -c COMMAND is refused" sh -c '! su "$1" -c id >"$2/out" 2>&1 &&
	grep -q "runs only the guide" "$2/out" && ! grep -q "uid=" "$2/out"' sh "$TUSER" "$D"

# --- mosh over 127.0.0.1: the entry script starts mosh-server with the guide,
# on a port inside the range the administrator set in /etc/yibao/yibao-entry.conf
UDP=$(free_port udp)
printf '# deb.sh\nports = %s:%s\nnetwork_timeout_s = 10\n' "$UDP" "$UDP" >/etc/yibao/yibao-entry.conf
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color mosh --port=$UDP --ssh='ssh $SSHOPTS' $TUSER@127.0.0.1; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "mosh: the account gets the guide"
keys g
type_text 3.4
keys Enter
expect "支付宝" "mosh: keys reach the guide (g 3.4)"
gpid=$(pgrep -u "$TUSER" -f "^/usr/bin/yibao --kiosk\$" | head -1)
check "mosh: the guide runs under mosh-server with LANG=C.UTF-8" sh -c '[ -n "$1" ] &&
	tr "\0" "\n" </proc/$1/environ | grep -qx LANG=C.UTF-8 &&
	grep -q mosh-server /proc/$(ps -o ppid= -p $1 | tr -d " ")/cmdline' sh "$gpid"
check "mosh: mosh-server has MOSH_SERVER_NETWORK_TMOUT=10 (the conf) and MOSH_SERVER_SIGNAL_TMOUT=60" sh -c '
	p=$(ps -o ppid= -p "$1" | tr -d " ") && tr "\0" "\n" </proc/$p/environ >"$2/mosh.env" &&
	grep -qx MOSH_SERVER_NETWORK_TMOUT=10 "$2/mosh.env" && grep -qx MOSH_SERVER_SIGNAL_TMOUT=60 "$2/mosh.env"' sh "$gpid" "$D"
keys q
expect "EXITED 0" "mosh: q ends the session"
gone=no
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	pgrep -u "$TUSER" >/dev/null || { gone=yes; break; }
	sleep 0.25
done
if [ "$gone" = yes ]; then ok "mosh: no process of the account is left"; else
	echo "not ok - mosh: no process of the account is left"; ps -u "$TUSER" -o pid,args | sed 's/^/#   /'
	n_bad=$((n_bad + 1))
fi
# An abandoned session: the client killed, mosh-server and the guide end by themselves
# (network_timeout_s = 10 above; before issue 19 they ran on for good).
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color mosh --port=$UDP --ssh='ssh $SSHOPTS' $TUSER@127.0.0.1; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "mosh: a second session gets the guide"
# Our mosh-client only: the one under this tmux pane.
pane=$($T list-panes -t e2e -F '#{pane_pid}' | head -1)
mc=$(ps -e -o pid=,ppid=,comm= | awk -v root="$pane" '{ p[$1] = $2; c[$1] = $3 }
	END { for (x in p) { y = x; while ((y in p) && y != root && y > 1) y = p[y]; if (y == root && c[x] == "mosh-client") print x } }')
[ -n "$mc" ] && kill -KILL $mc
# A bound, not a timing: 10 s of silence and mosh-server's next check.
if poll 60 sh -c '! pgrep -u "$1" >/dev/null' sh "$TUSER"; then ok "mosh: client killed, mosh-server and the guide end by themselves"; else
	echo "not ok - mosh: client killed, mosh-server and the guide end by themselves"; ps -u "$TUSER" -o pid,args | sed 's/^/#   /'
	n_bad=$((n_bad + 1))
fi
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color mosh --port=$UDP --ssh='ssh $SSHOPTS' $TUSER@127.0.0.1 -- /bin/sh; echo EXITED \$?; sleep 30"
expect "runs only the guide" "mosh with a command: refused"
if wait_for "EXITED 0" 2 || pgrep -x -u "$TUSER" sh >/dev/null; then not_ok "mosh with a command: nothing started"; else ok "mosh with a command: nothing started"; fi
restart_server
kill "$SSHD" 2>/dev/null && wait "$SSHD" 2>/dev/null
SSHD=
rm -f /etc/yibao/yibao-entry.conf

# --- upgrade: an updated bundle, an edited conffile and an enabled timer survive
if [ -z "$MARK" ]; then # no --update in this build: a stand-in for its file
	printf 'updated bundle\n' >"$D/bundle"
	install -o root -g root -m 644 "$D/bundle" /var/lib/yibao/yibao.bundle
fi
(cd /var/lib/yibao && find . -printf '%p %U %m %l\n' | sort && find . -type f -exec sha256sum {} + | sort) >"$D/state.before"
printf '; edited by the admin\n' >>/etc/yibao/yibao.ini
systemctl enable yibao-update.timer >/dev/null 2>&1 # what the README tells the admin
uid=$(id -u yibao)
gid=$(getent group yibao | cut -d: -f3)
rm -rf "$D/up"
dpkg-deb -R "$DEB" "$D/up"
sed -i "s/^Version: .*/Version: $VERSION+upgradetest/" "$D/up/DEBIAN/control"
dpkg-deb -b "$D/up" "$D/up.deb" >/dev/null
check "dpkg -i of a newer version upgrades" dpkg_ -i "$D/up.deb"
check "upgrade: the admin's edit of yibao.ini is kept" grep -qx '; edited by the admin' /etc/yibao/yibao.ini
check "upgrade: /var/lib/yibao (the updated bundle, root's; the download, yibao's) is kept as it was" sh -c '
	(cd /var/lib/yibao && find . -printf "%p %U %m %l\n" | sort && find . -type f -exec sha256sum {} + | sort) | cmp -s - "$1"' sh "$D/state.before"
if [ -n "$MARK" ]; then
	check "upgrade: the guide still shows the updated content" sh -c '/usr/bin/yibao --print 0 | grep -q "$1"' sh "$MARK"
fi
check "upgrade: the same system user" test "$(id -u yibao)" = "$uid"
check "upgrade: an enabled timer stays enabled" test -L /etc/systemd/system/timers.target.wants/yibao-update.timer

# --- remove, then purge
dpkg -L yibao >>"$D/files.list"
check "dpkg -r removes it" dpkg_ -r yibao
check "after remove: the binary is gone, the conffile and /var/lib/yibao stay" sh -c '
	[ ! -e /usr/bin/yibao ] && [ ! -e /usr/share/yibao ] && [ -f /etc/yibao/yibao.ini ] && [ -d /var/lib/yibao ]'
check "dpkg -P purges it" dpkg_ -P yibao
installed=no
check "after purge: no file of the package is left" sh -c 'sort -u "$1" | while read -r f; do
	[ -e "$f" ] || continue
	case $f in /etc/yibao* | /usr/share/yibao* | /usr/share/doc/yibao* | /usr/libexec/yibao* | /usr/bin/yibao) echo "$f"; exit 1 ;; esac
	[ -d "$f" ] || { echo "$f"; exit 1; }
	done' sh "$D/files.list"
check "after purge: /etc/yibao and /var/lib/yibao are gone" sh -c '[ ! -e /etc/yibao ] && [ ! -e /var/lib/yibao ]'
check "after purge: the system user and group are gone, and nothing of theirs" sh -c '
	! getent passwd yibao && ! getent group yibao &&
	[ -z "$(find /etc /var /tmp /run -xdev \( -uid "$1" -o -gid "$2" \) -print 2>/dev/null | head -5)" ]' sh "$uid" "$gid"
check "after purge: the timer's enable link is gone" sh -c '! ls /etc/systemd/system/*.wants/yibao-update.* 2>/dev/null | grep -q .'
check "after purge: dpkg knows no yibao" sh -c '! dpkg-query -W -f="\${Status}" yibao 2>/dev/null | grep -q installed'
# --- a county's own repository: the package published with reprepro, installed and
# upgraded with apt from it (a file: source in a temporary sources.list.d entry) by
# the Ansible playbook of deploy/ansible, run against this machine (-c local).
UUCONF=/etc/apt/apt.conf.d/51yibao-unattended-upgrades
repo_teardown() {
	rm -f "$UUCONF" /etc/apt/sources.list.d/yibao.list
	rm -rf /var/lib/apt/lists/*"$(echo "$D" | tr / _)"* 2>/dev/null
}
if ! command -v reprepro >/dev/null || ! command -v ansible-playbook >/dev/null; then
	echo "ok - skipped: the county repository (reprepro and ansible are needed: tools/deps.sh test)"
elif [ -e /etc/apt/sources.list.d/yibao.list ] || [ -e "$UUCONF" ]; then
	echo "ok - skipped: the county repository (this machine already has a yibao apt source)"
else
	trap 'repo_teardown; teardown' EXIT
	R=$D/repo
	mkdir -p "$R/conf"
	printf 'Origin: County\nLabel: County yibao\nCodename: county\nArchitectures: %s\nComponents: main\nDescription: test repository\n' \
		"$ARCH" >"$R/conf/distributions"
	check "reprepro publishes the built package" reprepro -b "$R" includedeb county "$DEB"
	chmod -R a+rX "$R"
	SITE="$D/site.yml"
	cat >"$SITE" <<YML
yibao_apt_source: "deb [trusted=yes] file:$R county main"
yibao_unattended_install: false
yibao_site:
  guide:
    region: fujian
    kiosk: "true"
    idle_timeout_s: 120
YML
	installed=yes # from here the EXIT trap purges
	t0=$(date +%s%N)
	/usr/bin/env time -f '%e %M' -o "$D/ansible.time" ansible-playbook -c local -i localhost, \
		deploy/ansible/yibao.yml -e yibao_hosts=localhost -e "@$SITE" >"$D/ansible1.out" 2>&1
	rc=$?
	t1=$(date +%s%N)
	if [ "$rc" -eq 0 ] && dpkg-query -W -f='${Status} ${Version}' yibao 2>/dev/null | grep -qx "install ok installed $VERSION"; then
		ok "ansible-playbook -c local: installs yibao $VERSION from the repository"
	else
		echo "not ok - ansible-playbook -c local: installs yibao $VERSION from the repository (exit $rc)"
		n_bad=$((n_bad + 1))
		tail -30 "$D/ansible1.out" | sed 's/^/#   /'
	fi
	echo "# ansible-playbook (one host, -c local, gather_facts): $(((t1 - t0) / 1000000)) ms, max RSS $(tail -1 "$D/ansible.time" 2>/dev/null | cut -d' ' -f2) KiB"
	check "the playbook put the site's settings in /etc/yibao/yibao.ini.d/50-site.ini" \
		grep -qx 'region = fujian' /etc/yibao/yibao.ini.d/50-site.ini
	check "the package's yibao.ini is as shipped (no site edit in the conffile)" sh -c '
		! grep -q "^region = fujian" /etc/yibao/yibao.ini && grep -qx "region = national" /etc/yibao/yibao.ini'
	check "the guide reads the drop-in: the county's region, kiosk" sh -c '
		/usr/bin/yibao --version >/dev/null && /usr/bin/yibao --print 0 | grep -q 福建省'
	check "yibao --check passes with the drop-in" /usr/bin/yibao --check
	check "unattended-upgrades is told the county's origin" grep -q '"origin=County";' "$UUCONF"
	# A bad value in a system drop-in: the playbook's validation refuses it.
	cat >"$D/bad.yml" <<YML
yibao_site:
  guide:
    kiosk: ture
YML
	ansible-playbook -c local -i localhost, deploy/ansible/yibao.yml -e yibao_hosts=localhost \
		-e "@$SITE" -e "@$D/bad.yml" >"$D/ansible2.out" 2>&1
	rc=$?
	check "a typo in the site's settings: the playbook fails (yibao --check) and keeps the good drop-in" sh -c '
		[ "$1" -ne 0 ] && grep -qx "region = fujian" /etc/yibao/yibao.ini.d/50-site.ini && grep -q "kiosk" "$2"' sh "$rc" "$D/ansible2.out"
	# A newer version published: the same playbook upgrades, the drop-in stays.
	if [ -f "$D/up.deb" ]; then
		check "reprepro publishes a newer version" reprepro -b "$R" includedeb county "$D/up.deb"
		chmod -R a+rX "$R"
		ansible-playbook -c local -i localhost, deploy/ansible/yibao.yml -e yibao_hosts=localhost \
			-e "@$SITE" >"$D/ansible3.out" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ] && dpkg-query -W -f='${Version}' yibao | grep -qx "$VERSION+upgradetest"; then
			ok "the playbook upgrades to the newer version from the repository (apt, no conffile question)"
		else
			echo "not ok - the playbook upgrades to the newer version (exit $rc)"
			n_bad=$((n_bad + 1))
			tail -20 "$D/ansible3.out" | sed 's/^/#   /'
		fi
		check "after the upgrade: the drop-in and the kiosk region are kept" sh -c '
			grep -qx "region = fujian" /etc/yibao/yibao.ini.d/50-site.ini && /usr/bin/yibao --print 0 | grep -q 福建省'
	fi
	check "dpkg -P purges it again" dpkg_ -P yibao
	installed=no
	check "after purge: the site's drop-in is the admin's and stays (dpkg keeps /etc/yibao for it)" \
		test -f /etc/yibao/yibao.ini.d/50-site.ini -a ! -e /etc/yibao/yibao.ini
	rm -rf /etc/yibao
	repo_teardown
	check "the temporary apt source and apt.conf.d entry are removed" sh -c '[ ! -e /etc/apt/sources.list.d/yibao.list ] && [ ! -e "$1" ]' sh "$UUCONF"
	trap teardown EXIT
fi
echo "# $n_ok ok, $n_bad not ok"
