# leave.sh -- what the guide drew is gone when it exits: on a terminal without an
# alternate screen (TERM=linux, vt100, vt220) the shell's prompt must not land
# on the last screen; in kiosk mode on every terminal.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# gone TERM DESCRIPTION: after q the title, the body and the footer are off screen.
gone() {
	if wait_for "EXITED" 5; then :; else not_ok "$2: the guide exits"; return; fi
	if screen | grep -qF -e "城乡居民医保办事指南" -e "q退出" -e "怎么缴费"; then
		not_ok "$2: nothing the guide drew is left"
	else
		ok "$2: nothing the guide drew is left"
	fi
}

for term in linux vt100 vt220 xterm-256color; do
	E2E_TERM=$term start 80x24
	expect "城乡居民医保办事指南" "$term: the home screen shows"
	keys 3
	expect "怎么缴费" "$term: a menu opens"
	keys q
	gone "$term" "$term: q"
	E2E_TERM=$term start 80x24 --kiosk
	expect "城乡居民医保办事指南" "$term kiosk: the home screen shows"
	keys 3
	expect "怎么缴费" "$term kiosk: a menu opens"
	keys q
	gone "$term" "$term kiosk: q"
done
echo "# $n_ok ok, $n_bad not ok"
