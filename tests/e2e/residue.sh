# residue.sh -- after the kiosk idle wipe nothing of the last person is left in the
# guide's memory: not the masked ID number a lookup showed (4301**********9871),
# not the answer code typed at the g prompt (grouped or not: it encodes answers such
# as 低保 or 重度残疾), not the "已按答案码 … 打开" message that named it.
# /proc/PID/mem is scanned with tests/memscan.py (bytes and 32-bit units; needs root).
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"
SCAN="$(dirname "$0")/../memscan.py"

if [ "$(id -u)" -ne 0 ]; then
	skip "reading another process's memory needs root"
	exit 0
fi
start_status_server
ID=$(python3 "$SERVER" --id enrolled)
MASKED="$(printf %s "$ID" | cut -c1-4)**********$(printf %s "$ID" | cut -c15-18)"
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
# The answer code of one set of answers (低保: group=lowincome), as the slip prints it.
GROUPED=$($YIBAO --config "$E2E_TMP/kiosk.ini" --answer household=local --answer employee=no \
	--answer group=lowincome --answer gap=first --print slip | sed -n 's/^答案码 \([0-9 ]*\)（.*/\1/p')
DIGITS=$(printf %s "$GROUPED" | tr -d ' ')
[ -n "$DIGITS" ] && ok "the slip gives an answer code ($GROUPED)" || not_ok "the slip gives an answer code"

# scan WHEN TEXT NAME: the guide's memory holds no copy of TEXT, as bytes or as 32-bit units.
scan() {
	out=$(python3 "$SCAN" ${SCAN_CONTEXT:+--context $SCAN_CONTEXT} "$PID" "$2" 2>&1)
	echo "# $1, $3: $out"
	case $out in
	*" bytes=0 wide=0"*) ok "$1: no copy of $3 in the guide's memory" ;;
	*) not_ok "$1: no copy of $3 in the guide's memory ($out)" ;;
	esac
}

start 80x24 --config "$E2E_TMP/kiosk.ini"
wait_for "城乡居民医保办事指南" 5 >/dev/null
PANE=$($T display-message -p -t e2e '#{pane_pid}')
PID=$(ps -o pid= --ppid "$PANE" | tr -d ' ' | head -1)
if [ -z "$PID" ]; then echo "not ok - found the guide's process"; exit 1; fi

# A lookup: its result shows the ID masked.
keys g
type_text 7
keys Enter
keys 1
type_text "$ID"
keys Enter
# Its heading, not the progress line ("正在查询参保（身份证 ...）" names the masked ID too):
# a lookup still running when the guide leaves the screen ends with a message of its own.
result_heading() { screen | grep -F -- "$MASKED" | grep -q '^ *查询'; }
expect_cmd "the lookup's result shows the ID masked" result_heading
# An answer code at the g prompt: the wizard's result opens, and the message names the code.
keys 0
keys g
type_text "$GROUPED"
keys Enter
expect "已按答案码" "the answer code opens the wizard's result"
expect "$GROUPED" "and the code is on the screen"
if wait_for "已清除上一位的操作" 20; then ok "the kiosk idle wipe came"; else not_ok "the kiosk idle wipe came"; fi
settle
scan "after the idle wipe" "$MASKED" "the masked ID"
scan "after the idle wipe" "$GROUPED" "the grouped answer code"
scan "after the idle wipe" "$DIGITS" "the answer code's digits"
scan "after the idle wipe" "已按答案码 $GROUPED" "the message naming the code"
quit_ok
echo "# residue: $n_ok ok, $n_bad not ok"
