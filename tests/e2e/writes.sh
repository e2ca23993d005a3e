# writes.sh -- one keystroke, one write(2): on a slow link every write is a TCP
# segment of its own (with its SSH overhead), and a screen drawn in stages. The
# guide runs under strace in tmux; Down on the home menu and PgDn on a page must
# each reach the terminal in exactly one write. (LeakSanitizer cannot run under
# ptrace: leaks are checked by the other e2e scripts.)
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

if ! command -v strace >/dev/null 2>&1; then
	skip "strace not installed (tools/deps.sh installs it for tests)"
	exit 0
fi
LOG="$E2E_TMP/strace.log"
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env HOME=$E2E_TMP LANG=C.UTF-8 TERM=xterm-256color ESCDELAY=25 ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=write -o $LOG $YIBAO; echo EXITED \$?; sleep 30"
$T set-option -t e2e status off >/dev/null 2>&1
expect "城乡居民医保办事指南" "the home screen shows under strace"
settle

# writes_for KEY WHAT...: send the key; once a write has come and the screen has
# settled, exactly one more write to the terminal.
nwrites() { grep -c '^[0-9]* *write(1,' "$LOG"; }
wrote_since() { [ "$(nwrites)" -gt "$1" ]; }
writes_for() {
	key=$1
	shift
	before=$(nwrites)
	keys "$key"
	poll 5 wrote_since "$before"
	settle
	after=$(nwrites)
	if [ $((after - before)) -eq 1 ]; then ok "$* is one write"; else not_ok "$* is one write ($((after - before)) writes)"; fi
}

writes_for Down "Down on the home menu"
writes_for Down "another Down"
writes_for Up "Up"
keys g
type_text 6.6
keys Enter
expect_line 0 " 6.6 " "g 6.6 opens a page"
settle
writes_for Down "Down on a page (a line scroll)"
writes_for NPage "PgDn on a page"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
