# failclosed_syslog.sh -- a bad guarding value in a system drop-in (kiosk = ture): the
# session runs as kiosk and says so in one line to syslog, nothing on the screen.
# syslog is a datagram socket at /dev/log read by a listener of this test, in a
# private mount namespace (a tmpfs over /dev there; the machine's /dev is untouched).
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
	echo "ok - skipped: fail-closed syslog line (needs root and a mount namespace)"
	exit 0
fi
R=$E2E_TMP/root
sysroot "$R"
mkdir -p "$R/config/yibao.ini.d"
printf '[guide]\nkiosk = ture\n' >"$R/config/yibao.ini.d/50-site.ini"
cat >"$E2E_TMP/listen.py" <<'PY'
import os, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
open(sys.argv[2] + ".ready", "w").close()
s.settimeout(0.2)
with open(sys.argv[2], "ab", buffering=0) as out:
    end = time.time() + 30
    while time.time() < end and not os.path.exists(sys.argv[2] + ".stop"):
        try:
            out.write(s.recv(65536).rstrip(b"\0\n") + b"\n")
        except socket.timeout:
            pass
    # What came before the stop and is still queued is read too.
    s.setblocking(False)
    while True:
        try:
            out.write(s.recv(65536).rstrip(b"\0\n") + b"\n")
        except BlockingIOError:
            break
PY
LOG=$E2E_TMP/syslog.out
unshare -m sh -c '
	mkdir -p "$1/realdev" && mount --bind /dev "$1/realdev" && mount -t tmpfs tmpfs /dev &&
	for f in null zero urandom tty; do touch /dev/$f; mount --bind "$1/realdev/$f" /dev/$f; done &&
	python3 "$1/listen.py" /dev/log "$2" & 
	n=100; while [ ! -e "$2.ready" ] && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
	"$3" --print 0 >"$1/print.out" 2>"$1/print.err"; echo $? >"$1/print.rc"
	touch "$2.stop"; wait' sh "$E2E_TMP" "$LOG" "$R/yibao"
lines=$(grep -c . "$LOG" 2>/dev/null); lines=${lines:-0}
if [ "$lines" -eq 1 ] && grep -q "yibao.*50-site.ini:2: \[guide\] kiosk: \"ture\" is not true or false; it guards residents: the safe value is used and sessions run as kiosk" "$LOG"; then
	ok "kiosk = ture in a system drop-in: one line to syslog, with FILE:LINE and that the session runs as kiosk"
else
	not_ok "one syslog line for kiosk = ture ($lines lines)"
	sed 's/^/# syslog: /' "$LOG" 2>/dev/null
fi
if [ "$(cat "$E2E_TMP/print.rc")" = 0 ] && [ ! -s "$E2E_TMP/print.err" ] && grep -q 城乡居民医保办事指南 "$E2E_TMP/print.out"; then
	ok "and nothing of it on stderr (the resident's screen); the guide works"
else
	not_ok "nothing on stderr, the guide works"
	sed 's/^/# stderr: /' "$E2E_TMP/print.err"
fi
