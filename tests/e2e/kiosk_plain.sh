# kiosk_plain.sh -- line-mode kiosk (TERM=dumb, --plain): the idle wipe starts a
# fresh session and says so, q clears what it can, and a typed ID number leaves
# no copy in the process's memory (stdio's buffer among them).
. "$(dirname "$0")/lib.sh"
start_status_server
printf '[guide]\nkiosk = true\nidle_timeout_s = 3\n[status]\nurl = https://127.0.0.1:%s\nca_file = %s/ca.pem\ntimeout_ms = 3000\n' \
	"$MAIN_PORT" "$SRV" >"$E2E_TMP/k.ini"
# A line and its Enter in one write, as a person's typing reaches a slow link: the
# guide reads a whole line that is there even when its idle deadline has passed,
# but what is still being typed when it passes is (rightly) the last person's.
CR=$(printf '\r')
line() { $T send-keys -t e2e -l "$1$CR"; }
history() { $T capture-pane -p -S - -t e2e 2>/dev/null; }

E2E_TERM=dumb start 80x24 --config "$E2E_TMP/k.ini"
expect "请输入（帮助按 ?）" "dumb: line mode in kiosk"
line 3
expect "[3] 怎么缴费" "a menu of the first person"
expect_wipe "line mode: after the idle timeout the session is wiped and it says so"
expect_not_cmd "line mode: the last person's screen is pushed off the visible screen" shows "[3] 怎么缴费"
line q
expect "EXITED 0" "line-mode kiosk: q quits"
expect_not_cmd "line-mode kiosk: q leaves the screen blank" shows "怎么缴费"

# A crash (SIGSEGV) in line-mode kiosk pushes the screen away too.
E2E_TERM=dumb start 80x24 --config "$E2E_TMP/k.ini"
expect "请输入（帮助按 ?）" "line mode again"
line 3
expect "[3] 怎么缴费" "a menu"
kill -SEGV "$(guide_pid)"
expect "EXITED 139" "SIGSEGV ends line mode (status 139)"
expect_not_cmd "line mode: after SIGSEGV the screen shows nothing of the guide" shows "怎么缴费"

# --plain on a terminal terminfo knows: the wipe also clears the history (E3).
E2E_TERM=xterm-256color start 80x24 --plain --config "$E2E_TMP/k.ini"
expect "请输入（帮助按 ?）" "--plain kiosk on xterm"
line 3
expect "[3] 怎么缴费" "a menu of the first person"
expect_wipe "--plain: the idle wipe"
if history | grep -qF "[3] 怎么缴费"; then not_ok "--plain on xterm: the history is cleared too"; else ok "--plain on xterm: the history is cleared too"; fi
line q
expect "EXITED 0" "q quits"

# A canary ID typed in line mode: after the lookup, the idle wipe and a second
# person's lookup, no copy of it is left anywhere in the guide's memory.
CANARY=$(python3 "$SERVER" --id enrolled)
OTHER=$(python3 "$SERVER" --id paid)
copies() { python3 "$(dirname "$0")/../memscan.py" ${MEMSCAN_V:+--context 48} "$(guide_pid)" "$1" | sed -n 's/.* bytes=\([0-9]*\).*/\1/p'; }
E2E_TERM=dumb start 80x24 --config "$E2E_TMP/k.ini"
expect "请输入（帮助按 ?）" "line mode, lookups configured"
line 7
line 1
expect "输入18位身份证号" "the lookup asks for the ID"
line "$CANARY"
expect "2025年度已参保" "the lookup's answer"
expect_wipe "idle wipe after the lookup"
n=$(copies "$CANARY")
if [ "$n" = 0 ]; then ok "after the idle wipe: 0 copies of the ID in memory"; else not_ok "after the idle wipe: $n copies of the ID in memory"; fi
line 7
line 2
expect "输入18位身份证号" "a second person's lookup"
line "$OTHER"
# (the answer is longer than the screen: look in the history too)
tries=50
while [ "$tries" -gt 0 ] && ! history | grep -qF "状态：已交费"; do sleep 0.1; tries=$((tries - 1)); done
if [ "$tries" -gt 0 ]; then ok "the second lookup's answer"; else not_ok "the second lookup's answer"; fi
n=$(copies "$CANARY")
if [ "$n" = 0 ]; then ok "after a second lookup: 0 copies of the first ID in memory"; else not_ok "after a second lookup: $n copies of the first ID in memory"; fi
line q
expect "EXITED 0" "q quits"
echo "# $n_ok ok, $n_bad not ok"
