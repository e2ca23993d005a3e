# kiosk.sh -- shared-terminal mode: idle wipe, q wipe, no export, link drop, bad TERM.
. "$(dirname "$0")/lib.sh"

printf '[guide]\nkiosk = true\nidle_timeout_s = 2\n' >"$E2E_TMP/kiosk.ini"

start 80x24 --config "$E2E_TMP/kiosk.ini"
expect "城乡居民医保办事指南" "kiosk mode starts on the home screen"
keys 2
expect "0/" "the checklist opens with nothing ticked"
keys x
expect "1/" "x ticks an item"
keys p
expect "办事单：请抄下或拍照" "p on the checklist shows the slip on screen in kiosk mode"
expect "要带的材料" "the slip lists the materials"
keys Left
keys g
type_text "3.4"
keys Enter
keys p
expect "自助终端模式不能导出文件" "p on a page exports nothing in kiosk mode"
if [ -z "$(find "$E2E_TMP" -name 'yibao-*' -type f)" ]; then ok "no file was written"; else not_ok "no file was written"; fi
keys 0
keys 2
expect_wipe "after the idle timeout the session is wiped"
expect_line 0 "城乡居民医保办事指南" "and the home screen shows"
keys 2
expect "0/" "the ticks of the last person are gone"
keys q
expect "EXITED 0" "q exits in kiosk mode"
expect_not "要带的材料" "q leaves nothing of the guide on the screen"

# A canary ID number typed before the idle wipe and before q: afterwards it is
# nowhere, not on screen, not in tmux's history, not in any file.
CANARY=11010519491231002X
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '[guide]\nkiosk = true\nidle_timeout_s = 2\n[status]\nurl = https://127.0.0.1:%s\nconnect_timeout_ms = 500\ntimeout_ms = 1000\n' \
	"$PORT" >"$E2E_TMP/kiosk-status.ini"
no_canary() { # where
	if $T capture-pane -p -S - -t e2e 2>/dev/null | grep -qE "$CANARY|1101\*|002X"; then
		not_ok "$1: the ID number (or its masked form) is gone from screen and history"
	else
		ok "$1: the ID number (or its masked form) is gone from screen and history"
	fi
	if grep -rlE "$CANARY|1101\*\*" "$E2E_TMP" 2>/dev/null | grep -v 'kiosk.*\.ini' | grep -q .; then
		not_ok "$1: no file holds the ID number"
	else
		ok "$1: no file holds the ID number"
	fi
}
start 80x24 --config "$E2E_TMP/kiosk-status.ini"
expect "城乡居民医保办事指南" "kiosk with lookups configured"
keys 7
keys Enter
type_text "$CANARY"
keys Enter
expect "1101**********002X" "the ID shows masked while it is in use"
expect_wipe "idle wipe after a lookup"
no_canary "after the idle wipe"
keys 7
expect_not "002X" "the status screen keeps no result of the last person"
keys Enter
type_text "$CANARY"
keys Enter
expect "1101**********002X" "a second lookup"
keys q
expect "EXITED 0" "q exits"
no_canary "after q"

# The link drops: SIGHUP ends the guide, and no process is left.
# A link drop is no normal exit: the ASan build's leak check is off for it (its
# stop-the-world can deadlock when killed mid-way), on for every q above.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env HOME=$E2E_TMP LANG=C.UTF-8 TERM=xterm-256color ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0 sh -c 'echo \$\$ > $E2E_TMP/pid; exec $YIBAO --kiosk'; sleep 30"
wait_for "城乡居民医保办事指南" 5
keys 1
pid=$(cat "$E2E_TMP/pid")
kill -HUP "$pid"
# (No stopwatch: how soon is the machine's business. Waited for, up to 20 s.)
gone() { ! alive "$1"; }
if poll 20 gone "$pid"; then ok "SIGHUP: the guide exits"; else not_ok "SIGHUP: the guide exits"; reap "$pid"; fi

# A TERM that is not a plain known name is refused: line mode instead.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env HOME=$E2E_TMP LANG=C.UTF-8 TERM=../../../tmp/evil $YIBAO; echo EXITED \$?; sleep 30"
expect "using line mode" "an unknown TERM falls back to line mode"
type_text "q"
keys Enter
expect "EXITED 0" "line mode quits with q"
echo "# $n_ok ok, $n_bad not ok"
