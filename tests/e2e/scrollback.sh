# scrollback.sh -- the kiosk idle wipe leaves nothing of the last person in the
# terminal's history, on terminals without an alternate screen (linux has E3,
# vt220 has no way to clear its history: the guide must keep it out instead),
# also when the guide dies of a fatal signal.
. "$(dirname "$0")/lib.sh"

printf '[guide]\nkiosk = true\nidle_timeout_s = 2\n' >"$E2E_TMP/kiosk.ini"
history() { $T capture-pane -p -S - -t e2e 2>/dev/null; }
for term in linux vt220; do
	E2E_TERM=$term start 80x24 --config "$E2E_TMP/kiosk.ini"
	expect "城乡居民医保办事指南" "$term: kiosk home screen"
	keys g
	type_text "6.6"
	keys Enter
	expect "比一比" "$term: a page of the last person"
	# Scroll the page to the end and back, as a reader would.
	keys End
	keys Home
	keys g
	type_text "3.4"
	keys Enter
	expect "支付宝缴费" "$term: another page"
	expect_wipe "$term: the idle wipe came"
	if history | grep -qE "比一比|支付宝缴费"; then
		not_ok "$term: nothing of the last person's pages in the history after the idle wipe"
		history | grep -nE "比一比|支付宝缴费" | head -5 | sed 's/^/#   /'
	else
		ok "$term: nothing of the last person's pages in the history after the idle wipe"
	fi
	quit_ok
	if history | grep -qE "比一比|支付宝缴费|城乡居民医保办事指南"; then
		not_ok "$term: nothing of the guide in the history after q"
	else
		ok "$term: nothing of the guide in the history after q"
	fi
done

# A crash in kiosk mode (SIGSEGV) leaves nothing of the screen either: the
# fatal-signal path restores and clears the terminal, then dies of the signal.
for term in xterm-256color vt220; do
	E2E_TERM=$term start 80x24 --config "$E2E_TMP/kiosk.ini"
	keys g
	type_text "6.6"
	keys Enter
	expect "比一比" "$term: a page is shown"
	kill -SEGV "$(guide_pid)"
	expect "EXITED 139" "$term: SIGSEGV ends the guide (status 139)"
	if history | grep -qE "职工医保和居民医保对比|比一比|城乡居民"; then
		not_ok "$term: after SIGSEGV nothing of the guide is on the screen or in the history"
	else
		ok "$term: after SIGSEGV nothing of the guide is on the screen or in the history"
	fi
done
echo "# $n_ok ok, $n_bad not ok"
