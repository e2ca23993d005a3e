# canary.sh -- no copy of an ID number stays in the guide's memory: a lookup with a canary ID
# (which the test server echoes back), the kiosk idle wipe, a second person's lookup, an answer
# that writes the number into its text; after each, /proc/PID/mem of the guide is scanned for
# the number (tests/memscan.py; needs root).
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"
SCAN="$(dirname "$0")/../memscan.py"

if [ "$(id -u)" -ne 0 ]; then
	skip "reading another process's memory needs root"
	exit 0
fi
start_status_server
CANARY=$(python3 "$SERVER" --id canary)
OTHER=$(python3 "$SERVER" --id enrolled)
cat >"$E2E_TMP/kiosk.ini" <<INI
[guide]
kiosk = true
idle_timeout_s = 10
[status]
url = https://127.0.0.1:$MAIN_PORT
ca_file = $SRV/ca.pem
connect_timeout_ms = 2000
timeout_ms = 3000
cache_s = 60
INI

# scan WHEN: the guide's memory holds no copy of the canary, as bytes or as 32-bit units.
scan() {
	out=$(python3 "$SCAN" ${SCAN_CONTEXT:+--context $SCAN_CONTEXT} "$PID" "$CANARY" 2>&1)
	echo "# $1: $out"
	case $out in
	*" bytes=0 wide=0"*) ok "$1: no copy of the ID number in the guide's memory" ;;
	*) not_ok "$1: no copy of the ID number in the guide's memory ($out)" ;;
	esac
}

start 80x24 --config "$E2E_TMP/kiosk.ini"
wait_for "城乡居民医保办事指南" 5 >/dev/null
PANE=$($T display-message -p -t e2e '#{pane_pid}')
PID=$(ps -o pid= --ppid "$PANE" | tr -d ' ' | head -1)
if [ -z "$PID" ]; then echo "not ok - found the guide's process"; exit 1; fi

keys g
type_text 7
keys Enter
keys 3
type_text "$CANARY"
keys Enter
if wait_for "状态：医保卡可以领取了" 5; then ok "the canary lookup shows its result"; else not_ok "the canary lookup shows its result"; fi
scan "with the result on screen"
if wait_for "已清除上一位的操作" 15; then ok "the kiosk idle wipe came"; else not_ok "the kiosk idle wipe came"; fi
scan "after the idle wipe"

# The next person looks up another number.
keys g
type_text 7
keys Enter
keys 1
type_text "$OTHER"
keys Enter
if wait_for "状态：已参保" 5; then ok "a second person's lookup shows its result"; else not_ok "a second person's lookup shows its result"; fi
scan "after a second person's lookup"

# The scan above may take longer than idle_timeout_s on a busy machine, or not:
# so the third person starts after the wipe, whenever it comes (after a wipe no
# other comes before a key), never on a screen a wipe may take away meanwhile.
if wait_for "已清除上一位的操作" 15; then ok "the idle wipe came after the second person"; else not_ok "the idle wipe came after the second person"; fi

# A service that writes the number into its text: shown masked, and no copy kept.
CANARY=$(python3 "$SERVER" --id echo)
keys g
type_text 7
keys Enter
keys 3
type_text "$CANARY"
keys Enter
masked="$(printf %s "$CANARY" | cut -c1-4)**********$(printf %s "$CANARY" | cut -c15-18)"
if wait_for "说明：身份证号${masked}的医保卡已寄出" 5; then ok "a number echoed in the answer's text is shown masked"; else not_ok "a number echoed in the answer's text is shown masked"; fi
expect_not "$CANARY" "the echoed number is not on the screen"
scan "after an answer that echoes the number in its text"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
