# stats.sh -- [stats]: opt-in counts of what sessions did (never a query, an answer or
# an ID), added by sessions to one Prometheus textfile under a lock.
. "$(dirname "$0")/lib.sh"

S=$E2E_TMP/stats
mkdir -p "$S"
STATS=$S/yibao-stats.prom
CANARY=11010519491231002X
printf '[guide]\nkiosk = true\nidle_timeout_s = 2\n[stats]\nenabled = true\nfile = %s\n' "$STATS" >"$E2E_TMP/on.ini"
printf '[guide]\nkiosk = true\n[stats]\nfile = %s\n' "$E2E_TMP/off.prom" >"$E2E_TMP/off.ini"
value() { sed -n "s/^$1 //p" "$STATS" 2>/dev/null; }

# Off by default: a session with a file but not enabled writes nothing.
printf '2\nb\nq\n' | $YIBAO --config "$E2E_TMP/off.ini" --plain >/dev/null 2>&1
if [ ! -e "$E2E_TMP/off.prom" ]; then ok "[stats] is off unless enabled: no file"; else not_ok "[stats] is off unless enabled"; fi

# One kiosk session: topics 2 and 3 opened, a search that finds nothing, an idle wipe.
start 80x24 --config "$E2E_TMP/on.ini"
expect "城乡居民医保办事指南" "a kiosk session with [stats] on starts"
expect_cmd "the session start is counted at once" sh -c "[ \"\$(sed -n 's/^yibao_sessions_started_total //p' '$STATS')\" = 1 ]"
keys 2
expect "0/" "topic 2 opens"
keys Left
keys 3
keys Left
keys /
type_text "zzqx$CANARY"
keys Enter
expect "没有找到" "a search that finds nothing"
# The wipe comes 2 s after the last key: waited for, not slept.
if wait_for "已清除上一位的操作" 15; then ok "the idle wipe"; else not_ok "the idle wipe"; fi
keys q
expect "EXITED 0" "q ends the session"
reap_guide
if [ "$(value yibao_sessions_started_total)" = 1 ] && [ "$(value yibao_idle_wipes_total)" = 1 ] &&
	[ "$(value yibao_searches_no_result_total)" = 1 ] &&
	[ "$(value 'yibao_screens_opened_total{topic="2"}')" = 1 ] &&
	[ "$(value 'yibao_screens_opened_total{topic="3"}')" = 1 ]; then
	ok "counted: 1 session, 1 idle wipe, 1 search with no result, topics 2 and 3 once each"
else
	not_ok "the counts of the session"
	sed 's/^/# /' "$STATS"
fi
if grep -q "zzqx\|$CANARY\|1101" "$STATS"; then not_ok "the file holds no search text and no ID"; else ok "the file holds no search text and no ID"; fi
if grep -q "^# HELP yibao_screens_opened_total" "$STATS" && grep -q "^# TYPE yibao_sessions_started_total counter" "$STATS"; then
	ok "HELP and TYPE lines (counters)"
else not_ok "HELP and TYPE lines"; fi
if command -v promtool >/dev/null; then
	if promtool check metrics <"$STATS" >"$E2E_TMP/promtool.out" 2>&1 && [ ! -s "$E2E_TMP/promtool.out" ]; then
		ok "promtool check metrics: no problem"
	else not_ok "promtool check metrics"; sed 's/^/# /' "$E2E_TMP/promtool.out"; fi
else
	echo "ok - skipped: promtool check metrics (the prometheus package is not installed)"
fi

# Many sessions at once (line mode, each a search that finds nothing): none lost.
N=24
i=0
pids=
while [ "$i" -lt "$N" ]; do
	printf '/ zzqy\nq\n' | $YIBAO --config "$E2E_TMP/on.ini" --plain >/dev/null 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
if [ "$(value yibao_sessions_started_total)" = $((N + 1)) ] && [ "$(value yibao_searches_no_result_total)" = $((N + 1)) ]; then
	ok "$N sessions at once: every start and every empty search counted (locking)"
else
	not_ok "$N sessions at once: $(value yibao_sessions_started_total) starts, $(value yibao_searches_no_result_total) empty searches (want $((N + 1)))"
fi
# The directory is every session account's: a link put there is replaced, never followed.
mkdir -p "$E2E_TMP/s2"
echo "someone else's file" >"$E2E_TMP/victim"
ln -s "$E2E_TMP/victim" "$E2E_TMP/s2/yibao-stats.prom"
printf '[stats]\nenabled = true\nfile = %s\n' "$E2E_TMP/s2/yibao-stats.prom" >"$E2E_TMP/link.ini"
printf 'q\n' | $YIBAO --config "$E2E_TMP/link.ini" --plain >/dev/null 2>&1
if [ "$(cat "$E2E_TMP/victim")" = "someone else's file" ] && [ ! -L "$E2E_TMP/s2/yibao-stats.prom" ] &&
	grep -qx 'yibao_sessions_started_total 1' "$E2E_TMP/s2/yibao-stats.prom"; then
	ok "a symbolic link at [stats] file is replaced, the file it names left alone"
else
	not_ok "a symbolic link at [stats] file is replaced, the file it names left alone"
fi
left=$(find "$S" -name '.*' -type f | head -3)
if [ -z "$left" ]; then ok "no temporary file left"; else not_ok "no temporary file left: $left"; fi
[ "$n_bad" -eq 0 ]
